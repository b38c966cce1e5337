import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { OptionalNotNull } from '../../common/http/optional-not-null.js';
import { PROBABILITY_SCALES } from '../../probability/probability-scales.js';
import { CandidateDto } from './candidate.dto.js';

const SCALES = Object.keys(PROBABILITY_SCALES);

export class StartExtractionDto {
  @ApiPropertyOptional({ enum: SCALES, default: 'icd203', description: 'The scale the words are read on.' })
  @OptionalNotNull()
  @IsIn(SCALES)
  scale?: string;
}

export class ExtractionRunDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  documentId: string;

  @ApiProperty({ example: 'rules-2026.12-1' })
  extractorVersion: string;

  @ApiProperty({ example: 'icd203' })
  scale: string;

  @ApiProperty({ description: 'Candidates this run proposed.' })
  candidateCount: number;

  @ApiProperty({ description: 'Clauses not proposed again because a candidate on them was already accepted or rejected.' })
  skippedDecided: number;

  @ApiProperty({ description: 'Pending candidates of earlier runs this run replaced.' })
  superseded: number;

  @ApiProperty({ example: 42 })
  durationMs: number;

  @ApiProperty({ format: 'uuid' })
  requestedById: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ type: [CandidateDto], description: 'The candidates of this run (on creation).' })
  candidates?: CandidateDto[];
}

export class ExtractionRunListDto {
  @ApiProperty({ type: [ExtractionRunDto], description: 'Newest first.' })
  data: ExtractionRunDto[];
}
