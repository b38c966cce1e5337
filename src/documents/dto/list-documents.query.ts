import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PageInfoDto } from '../../common/pagination/page.dto.js';

export class ListDocumentsQuery {
  @ApiPropertyOptional({ example: 'PISM' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  publisher?: string;

  @ApiPropertyOptional({ description: 'Words in the title (case-insensitive).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class DocumentSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ type: [String] })
  authors: string[];

  @ApiPropertyOptional({ nullable: true, type: String })
  publisher: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  series: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date' })
  publishedOn: string | null;

  @ApiProperty({ example: 14 })
  forecastCount: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class DocumentPageDto {
  @ApiProperty({ type: [DocumentSummaryDto], description: 'Newest first.' })
  data: DocumentSummaryDto[];

  @ApiProperty({ type: PageInfoDto })
  page: PageInfoDto;
}
