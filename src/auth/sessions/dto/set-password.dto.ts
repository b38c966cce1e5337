import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class SetPasswordDto {
  @ApiProperty({ description: 'The token from the link (after #token=).', example: 'q2l7…' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  token: string;

  @ApiProperty({ format: 'password', minLength: 12, description: 'At least 12 characters, not only spaces.' })
  @IsString()
  @MaxLength(1024)
  password: string;
}
