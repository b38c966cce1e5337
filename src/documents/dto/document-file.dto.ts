import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DocumentParagraphDto {
  @ApiProperty({ description: 'Code-point offset of the paragraph in fullText.' })
  start: number;

  @ApiProperty({ description: 'End of the paragraph (exclusive).' })
  end: number;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'PDF page the paragraph starts on (1-based); null for other formats.' })
  page: number | null;
}

export class DocumentFileMetadataDto {
  @ApiPropertyOptional()
  title?: string;

  @ApiPropertyOptional({ type: [String] })
  authors?: string[];

  @ApiPropertyOptional()
  publisher?: string;

  @ApiPropertyOptional({ format: 'date' })
  publishedOn?: string;

  @ApiPropertyOptional()
  url?: string;

  @ApiPropertyOptional()
  language?: string;
}

/** The file a document was ingested from (download it from GET /documents/:id/file). */
export class DocumentFileDto {
  @ApiProperty({ example: 'spotlight-2020-09.pdf' })
  filename: string;

  @ApiProperty({ example: 'application/pdf' })
  mediaType: string;

  @ApiProperty({ enum: ['text', 'markdown', 'pdf', 'html'] })
  format: string;

  @ApiProperty({ example: 182344 })
  byteSize: number;

  @ApiProperty({ description: 'SHA-256 of the file, hex.' })
  sha256: string;

  @ApiPropertyOptional({ nullable: true, type: Number })
  pageCount: number | null;

  @ApiProperty({ type: [DocumentParagraphDto], description: 'Where each paragraph of fullText is, and its page.' })
  paragraphs: DocumentParagraphDto[];

  @ApiProperty({ type: DocumentFileMetadataDto, description: 'What the file itself said (PDF info, HTML meta tags), before any edit.' })
  metadata: DocumentFileMetadataDto;

  @ApiProperty({ format: 'date-time' })
  uploadedAt: string;
}
