import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { OptionalNotNull } from '../../common/http/optional-not-null.js';
import { NotBlank, TrimText } from '../../common/http/text.js';

/** Confirms that the number suggested for words on no scale is what the words meant. */
export class ConfirmEstimateDto {
  @ApiPropertyOptional({ example: 'In this series "will" is the authors\u2019 near-certainty; 0.85 fits.' })
  @OptionalNotNull()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(2000)
  comment?: string;
}
