import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UserRole } from '@prisma/client';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { NotBlank, TrimText } from '../../common/http/text.js';

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: UserRole, description: 'The new role. An admin cannot change their own role (another admin can).' })
  @IsOptional()
  @IsEnum(UserRole)
  role?: UserRole;

  @ApiPropertyOptional({ example: 'Anna Analyst' })
  @IsOptional()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  displayName?: string;
}

/** An API key as listings show it: never the key itself (only its digest is stored). */
export class ApiKeySummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'laptop' })
  name: string;

  @ApiProperty({ example: 'fl_AbC1dE2', description: "The key's first characters, to tell keys apart." })
  prefix: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Recorded in batches, so up to a minute late.' })
  lastUsedAt: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Set once revoked; requests with it are refused.' })
  revokedAt: string | null;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeySummaryDto], description: 'Newest first, revoked ones included.' })
  data: ApiKeySummaryDto[];
}
