import { ApiProperty } from '@nestjs/swagger';
import { UserRole } from '@prisma/client';

export class SessionUserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ enum: UserRole })
  role: UserRole;
}

/** The signed-in person, and what the pages send back with every write. */
export class SessionDto {
  @ApiProperty({ type: SessionUserDto })
  user: SessionUserDto;

  @ApiProperty({ description: 'Send as the x-csrf-token header with every POST, PUT, PATCH and DELETE made with the session cookie.' })
  csrfToken: string;

  @ApiProperty({
    format: 'date-time',
    description: 'When the session ends if it is not used before (idle expiry), or its absolute end if that comes first.',
  })
  expiresAt: string;
}
