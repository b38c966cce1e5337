import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UserRole } from '@prisma/client';
import { IsEnum, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageInfoDto } from '../../common/pagination/page.dto.js';

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Anna Maria Analyst' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ enum: UserRole, description: 'Takes effect at the user’s next request, with a key or a session.' })
  @IsOptional()
  @IsEnum(UserRole)
  role?: UserRole;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: 'fl_AbC1dE2', description: 'The first characters, to tell keys apart; the key itself is never shown again.' })
  prefix: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Last use, to within 15 seconds.' })
  lastUsedAt: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  revokedAt: string | null;
}

export class ApiKeyPageDto {
  @ApiProperty({ type: [ApiKeyDto] })
  data: ApiKeyDto[];

  @ApiProperty({ type: PageInfoDto })
  page: PageInfoDto;
}
