import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { NotBlank, TrimText } from '../../common/http/text.js';

export class RetractEvidenceDto {
  @ApiProperty({ example: 'The report was a hoax; the agency withdrew it the next day.', maxLength: 2000 })
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(2000)
  reason: string;
}
