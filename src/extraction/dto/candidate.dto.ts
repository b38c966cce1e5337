import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TextSpanDto {
  @ApiProperty({ description: 'Code-point offset into the document\u2019s fullText.' })
  start: number;

  @ApiProperty({ description: 'End (exclusive).' })
  end: number;
}

export class ExpressionDto extends TextSpanDto {
  @ApiProperty({ example: 'probably will', description: 'The estimative expression as written.' })
  text: string;
}

export class HorizonDto extends TextSpanDto {
  @ApiProperty({ example: 'in the coming months' })
  phrase: string;
}

export class CandidateSplitDto {
  @ApiProperty({ example: 'military cooperation', description: 'The conjunct this statement keeps.' })
  part: string;

  @ApiProperty({ example: 'Russia will focus on military cooperation.' })
  statement: string;
}

export class CandidateDecisionDto {
  @ApiPropertyOptional({ nullable: true, type: String })
  reason: string | null;

  @ApiProperty({ format: 'uuid' })
  decidedById: string;

  @ApiProperty({ format: 'date-time' })
  decidedAt: string;
}

/** A proposed forecast found in a document, with everything a reader needs to show and decide it. */
export class CandidateDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  runId: string;

  @ApiProperty({ format: 'uuid' })
  documentId: string;

  @ApiProperty({ example: 7, description: 'Order in the text.' })
  ordinal: number;

  @ApiProperty({ enum: ['pending', 'accepted', 'rejected', 'superseded'] })
  state: string;

  @ApiProperty({ enum: ['forecast', 'conditional_forecast', 'observation', 'recommendation', 'question'] })
  kind: string;

  @ApiProperty({ type: TextSpanDto })
  sentence: TextSpanDto;

  @ApiProperty({ type: TextSpanDto, description: 'The predictive clause: what an accepted forecast quotes.' })
  clause: TextSpanDto;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'PDF page the clause is on (uploaded PDFs only).' })
  page: number | null;

  @ApiProperty({ example: 'an increase in the repression can be expected' })
  quote: string;

  @ApiProperty({ example: 'An increase in the repression will occur.', description: 'Proposed statement, to edit.' })
  statement: string;

  @ApiPropertyOptional({ nullable: true, type: ExpressionDto })
  expression: ExpressionDto | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'can be expected', description: 'The words as read on the scale.' })
  words: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'unscaled', description: 'icd203, kent, phia, or unscaled.' })
  scale: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number, example: 0.725 })
  probability: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  rangeLow: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  rangeHigh: number | null;

  @ApiProperty({ description: 'Words on no scale: the number is a suggestion for an analyst to confirm.' })
  needsConfirmation: boolean;

  @ApiProperty({ description: 'The clause is negative ("will not"): the probability is that of the negative statement.' })
  negated: boolean;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'A number the text states ("a 60% chance").' })
  statedProbability: number | null;

  @ApiPropertyOptional({ nullable: true, type: HorizonDto })
  horizon: HorizonDto | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date', example: '2021-03-15' })
  suggestedDeadline: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'six months after publication' })
  deadlineBasis: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'if the EU extends its sanctions' })
  condition: string | null;

  @ApiProperty({ type: [String], example: ['Russia', 'Alexander Lukashenka'] })
  actors: string[];

  @ApiProperty({ type: [String], example: ['Belarus'] })
  regions: string[];

  @ApiProperty({ type: [CandidateSplitDto], description: 'Atomic statements when the clause joins several claims.' })
  splits: CandidateSplitDto[];

  @ApiProperty({ example: 0.8, description: 'How sure the extractor is that this is a forecast worth recording (0–1).' })
  confidence: number;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'uuid',
    description:
      'A forecast of this document already quoting the same clause (other than those this candidate became), checked when the ' +
      'candidate is read: a forecast recorded after the run counts too.',
  })
  duplicateOfForecastId: string | null;

  @ApiPropertyOptional({ nullable: true, type: CandidateDecisionDto })
  decision: CandidateDecisionDto | null;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Forecasts created by accepting it.' })
  forecastIds: string[];

  @ApiProperty({ example: 1, description: 'Send it back as version when deciding, to refuse a stale decision.' })
  version: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class CandidateListDto {
  @ApiProperty({ format: 'uuid' })
  documentId: string;

  @ApiProperty({ type: [CandidateDto], description: 'In the order of the text.' })
  data: CandidateDto[];

  @ApiProperty({ example: { pending: 12, accepted: 3, rejected: 1, superseded: 0 } })
  counts: Record<string, number>;
}
