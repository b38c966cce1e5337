import { ApiProperty } from '@nestjs/swagger';
import { PageInfoDto } from '../../../common/pagination/page.dto.js';

export class SessionItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ format: 'date-time', description: 'When the person signed in.' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', description: 'Last use, to the minute (it is recorded at most once a minute).' })
  lastSeenAt: string;

  @ApiProperty({ format: 'date-time', description: 'When it ends unless used before (idle), or its absolute end if sooner.' })
  expiresAt: string;

  @ApiProperty({ nullable: true, type: String, example: 'Mozilla/5.0 (X11; Linux x86_64) …' })
  userAgent: string | null;

  @ApiProperty({ nullable: true, type: String, example: '203.0.113.7', description: 'The address it signed in from.' })
  ip: string | null;

  @ApiProperty({ description: 'The session this request was made with.' })
  current: boolean;
}

export class SessionPageDto {
  @ApiProperty({ type: [SessionItemDto] })
  data: SessionItemDto[];

  @ApiProperty({ type: PageInfoDto })
  page: PageInfoDto;
}
