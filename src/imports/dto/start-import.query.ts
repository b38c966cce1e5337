import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { booleanFromQuery } from '../../common/http/query-boolean.js';
import { NotBlank, TrimText } from '../../common/http/text.js';

export const IMPORT_FORMATS = ['csv', 'json', 'fatebook-csv', 'predictionbook-json', 'metaculus-csv'] as const;
export type ImportFormatName = (typeof IMPORT_FORMATS)[number];

export class StartImportQuery {
  @ApiProperty({
    enum: IMPORT_FORMATS,
    description:
      'csv: our columns (text/csv). json: a full export from GET /exports/full.json (admin only). fatebook-csv: Fatebook\u2019s ' +
      'export (text/csv). predictionbook-json: PredictionBook\u2019s predictions as JSON. metaculus-csv: Metaculus\u2019s ' +
      'question_data.csv and forecast_data.csv as JSON { "questionData": "…", "forecastData": "…" }.',
  })
  @IsIn(IMPORT_FORMATS)
  format: ImportFormatName;

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'Check every record and report what would be created, writing nothing.',
  })
  @IsOptional()
  @Transform(booleanFromQuery)
  @IsBoolean()
  dryRun = false;

  @ApiPropertyOptional({
    example: 'Jane Analyst',
    description: 'predictionbook-json: the forecaster of responses that name no user (and whose prediction names no creator).',
  })
  @IsOptional()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  forecaster?: string;
}
