import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageInfoDto } from '../../common/pagination/page.dto.js';
import { PageQuery } from '../../common/pagination/page.query.js';

export class ListDocumentsQuery extends PageQuery {
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
