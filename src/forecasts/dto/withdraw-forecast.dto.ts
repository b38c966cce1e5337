import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { OptionalNotNull } from '../../common/http/optional-not-null.js';
import { NotBlank, TrimText } from '../../common/http/text.js';

export class WithdrawForecastDto {
  @ApiProperty({ example: 'Duplicate of another forecast.' })
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({ description: 'The version you read (or send If-Match).' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  version?: number;
}
