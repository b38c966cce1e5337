import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DocumentFileDto } from './document-file.dto.js';

export class DocumentForecastSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  statement: string;

  @ApiProperty({ enum: ['draft', 'open', 'due', 'resolved', 'withdrawn'] })
  status: string;

  @ApiPropertyOptional({ nullable: true, type: Number })
  quoteStart: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  quoteEnd: number | null;
}

export class DocumentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: "In the Shadow of Post-Election Protests: Lukashenka's Visit to Russia" })
  title: string;

  @ApiProperty({ type: [String], example: ['Anna Maria Dyner'] })
  authors: string[];

  @ApiPropertyOptional({ nullable: true, type: String, example: 'PISM' })
  publisher: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'Spotlight' })
  series: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date', example: '2020-09-15' })
  publishedOn: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  url: string | null;

  @ApiProperty({ example: 'en' })
  language: string;

  @ApiProperty({ description: 'The full text; quote offsets index into it by character (code point).' })
  fullText: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: [DocumentForecastSummaryDto] })
  forecasts: DocumentForecastSummaryDto[];

  @ApiPropertyOptional({
    nullable: true,
    type: DocumentFileDto,
    description: 'The uploaded file it was read from; null when the text was sent as JSON.',
  })
  file: DocumentFileDto | null;
}
