import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { OptionalNotNull } from '../../common/http/optional-not-null.js';
import { NotBlank, TrimText } from '../../common/http/text.js';

export class CreateDocumentDto {
  @ApiProperty({ example: "In the Shadow of Post-Election Protests: Lukashenka's Visit to Russia" })
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({ type: [String], example: ['Anna Maria Dyner'] })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @NotBlank({ each: true })
  @MaxLength(200, { each: true })
  authors: string[] = [];

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

  @ApiPropertyOptional({ example: 'en', default: 'en' })
  @OptionalNotNull()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'language must be a language tag such as en or pl' })
  language = 'en';

  @ApiProperty({ description: 'The full text, as published. Quotes are checked against it.' })
  @IsString()
  @NotBlank()
  @MaxLength(2_000_000)
  fullText: string;
}
