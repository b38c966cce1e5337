import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNumber, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { OptionalNotNull } from '../../common/http/optional-not-null.js';
import { PROBABILITY_SCALES } from '../../probability/probability-scales.js';
import { NotBlank, TrimText } from '../../common/http/text.js';

const SCALES = Object.keys(PROBABILITY_SCALES);

/** A probability as a number, or as words on a scale (or both: words with a number the analyst confirms). */
export class NewEstimateDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Whose estimate (default: your own forecaster record): an external author or organisation, or yourself. ' +
      'Another user\u2019s forecaster is refused (403) unless an admin gives onBehalfReason.',
  })
  @OptionalNotNull()
  @IsUUID()
  forecasterId?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.7 })
  @OptionalNotNull()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  probability?: number;

  @ApiPropertyOptional({ example: 'likely', description: 'Words of estimative probability, read on `scale`.' })
  @OptionalNotNull()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(100)
  words?: string;

  @ApiPropertyOptional({ enum: SCALES, default: 'icd203' })
  @OptionalNotNull()
  @IsIn(SCALES)
  scale?: string;

  @ApiPropertyOptional({
    enum: ['stated', 'analyst'],
    description: 'For a number: stated in the text, or the analyst\u2019s own (default).',
  })
  @OptionalNotNull()
  @IsIn(['stated', 'analyst'])
  basis?: 'stated' | 'analyst';

  @ApiPropertyOptional({ format: 'date-time', description: 'When the estimate was made (default: now; not in the future).' })
  @OptionalNotNull()
  @IsISO8601({ strict: true })
  madeAt?: string;

  @ApiPropertyOptional({
    example: 'The author gives 90% in the annex, though the summary says "unlikely".',
    description:
      'Keeps a probability that lies outside the range of its words (refused otherwise): why the number stands. ' +
      'Stored with the estimate and counted in scorecards.',
  })
  @OptionalNotNull()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(2000)
  rangeOverrideReason?: string;

  @ApiPropertyOptional({
    example: 'Transcribed from her signed memo of 3 March; she is on leave.',
    description:
      'Admins only, and required then: why you record this estimate in another user\u2019s name. Audited and flagged in scorecards. ' +
      'Estimates of forecasters without a user (external authors, organisations) need none.',
  })
  @OptionalNotNull()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(2000)
  onBehalfReason?: string;

  @ApiPropertyOptional({ example: 'Arrests doubled in the last month.' })
  @OptionalNotNull()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(5000)
  rationale?: string;
}
