import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ScalePhraseDto {
  @ApiProperty({ example: 'likely' })
  phrase: string;

  @ApiProperty({ type: [String], example: ['probable'] })
  aliases: string[];

  @ApiProperty({ example: 0.55 })
  low: number;

  @ApiProperty({ example: 0.8 })
  high: number;

  @ApiProperty({ example: 0.675, description: 'The number used: the scale\u2019s own point, or the midpoint.' })
  probability: number;

  @ApiPropertyOptional({ description: 'The scale\u2019s own number, where it gives one.' })
  point?: number;
}

export class ProbabilityScaleDto {
  @ApiProperty({ enum: ['icd203', 'kent', 'phia'] })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  source: string;

  @ApiProperty({ type: [ScalePhraseDto] })
  phrases: ScalePhraseDto[];
}

export class UnscaledSuggestionsDto {
  @ApiProperty({ example: 'unscaled' })
  id: string;

  @ApiProperty()
  note: string;

  @ApiProperty({ type: [ScalePhraseDto] })
  phrases: ScalePhraseDto[];
}

export class ProbabilityScalesDto {
  @ApiProperty({ example: 'icd203' })
  defaultScale: string;

  @ApiProperty({ type: [ProbabilityScaleDto] })
  scales: ProbabilityScaleDto[];

  @ApiProperty({ type: UnscaledSuggestionsDto })
  unscaled: UnscaledSuggestionsDto;
}
