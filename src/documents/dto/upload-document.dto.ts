import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { OptionalNotNull } from '../../common/http/optional-not-null.js';
import { NotBlank, TrimText } from '../../common/http/text.js';

/**
 * Metadata sent with an uploaded file. Each field given here wins over what the file itself says
 * (PDF info, HTML meta tags); all of it can be edited later with PATCH /documents/:id.
 */
export class UploadDocumentFieldsDto {
  @ApiPropertyOptional({ description: 'Default: the file\u2019s title, else its first line, else its name.' })
  @OptionalNotNull()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ example: 'Anna Maria Dyner; Jan Kowalski', description: 'Names separated by semicolons.' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(2000)
  authors?: string;

  @ApiPropertyOptional({ example: 'PISM' })
  @OptionalNotNull()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  publisher?: string;

  @ApiPropertyOptional({ example: 'Spotlight' })
  @OptionalNotNull()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  series?: string;

  @ApiPropertyOptional({ format: 'date', example: '2020-09-15' })
  @OptionalNotNull()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'publishedOn must be a date as YYYY-MM-DD' })
  publishedOn?: string;

  @ApiPropertyOptional({ example: 'https://pism.pl/publications/' })
  @OptionalNotNull()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ example: 'en' })
  @OptionalNotNull()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'language must be a language tag such as en or pl' })
  language?: string;
}

/** The multipart form of POST /documents, for the OpenAPI document. */
export class UploadDocumentFormDto extends UploadDocumentFieldsDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'A PDF, a saved web page (HTML), Markdown or plain text (UTF-8).' })
  file: unknown;
}
