import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UserRole } from '@prisma/client';
import { IsEmail, IsEnum, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageInfoDto } from '../../common/pagination/page.dto.js';
import { PageQuery } from '../../common/pagination/page.query.js';

export class CreateUserDto {
  @ApiProperty({ example: 'analyst@institute.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Anna Analyst' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName: string;

  @ApiPropertyOptional({ enum: UserRole, default: UserRole.analyst })
  @IsOptional()
  @IsEnum(UserRole)
  role: UserRole = UserRole.analyst;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: 'laptop', description: 'A name to tell the key apart in listings.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ enum: UserRole })
  role: UserRole;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class IssuedApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The key itself. Shown once: store it now, it cannot be read again.' })
  key: string;

  @ApiProperty({ example: 'fl_AbC1dE2' })
  prefix: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ format: 'uuid' })
  userId: string;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: UserRole, description: 'Only users with this role.' })
  @IsOptional()
  @IsEnum(UserRole)
  role?: UserRole;

  @ApiPropertyOptional({ example: 'anna', description: 'Only users whose email or name contains this (any case).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class UserListItemDto extends UserDto {
  @ApiProperty({
    description: 'Whether the user has set a password (an invitation link was used); without one they can use API keys only.',
  })
  passwordSet: boolean;
}

export class UserPageDto {
  @ApiProperty({ type: [UserListItemDto] })
  data: UserListItemDto[];

  @ApiProperty({ type: PageInfoDto })
  page: PageInfoDto;
}
