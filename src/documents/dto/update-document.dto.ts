import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import { OptionalNotNull } from '../../common/http/optional-not-null.js';
import { NotBlank, TrimText } from '../../common/http/text.js';

/** Metadata corrections. The text is not editable: quotes and candidates index into it. Null clears an optional field. */
export class UpdateDocumentDto {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({ type: [String] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @NotBlank({ each: true })
  @MaxLength(200, { each: true })
  authors?: string[];

  @ApiPropertyOptional({ nullable: true, type: String })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(200)
  publisher?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(200)
  series?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'publishedOn must be a date as YYYY-MM-DD' })
  publishedOn?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url?: string | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'language must be a language tag such as en or pl' })
  language?: string;
}
