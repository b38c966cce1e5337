import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ForecasterKind } from '@prisma/client';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { OptionalNotNull } from '../../common/http/optional-not-null.js';
import { PageInfoDto } from '../../common/pagination/page.dto.js';
import { PageQuery } from '../../common/pagination/page.query.js';
import { NotBlank, TrimText } from '../../common/http/text.js';

export class CreateForecasterDto {
  @ApiProperty({ example: 'Anna Maria Dyner' })
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ enum: ForecasterKind, default: ForecasterKind.person })
  @OptionalNotNull()
  @IsEnum(ForecasterKind)
  kind: ForecasterKind = ForecasterKind.person;

  @ApiPropertyOptional({ example: 'PISM' })
  @OptionalNotNull()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  affiliation?: string;
}

export class ListForecastersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ForecasterKind })
  @IsOptional()
  @IsEnum(ForecasterKind)
  kind?: ForecasterKind;

  @ApiPropertyOptional({ description: 'Part of the name (case-insensitive).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ForecasterDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ForecasterKind })
  kind: ForecasterKind;

  @ApiPropertyOptional({ nullable: true, type: String })
  affiliation: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'Set for an in-house analyst who uses the service.' })
  userId: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class ForecasterDetailDto extends ForecasterDto {
  @ApiProperty({ example: 14, description: 'Forecasts this forecaster has made an estimate on.' })
  forecastCount: number;

  @ApiProperty({ example: 14 })
  estimateCount: number;
}

export class ForecasterPageDto {
  @ApiProperty({ type: [ForecasterDto] })
  data: ForecasterDto[];

  @ApiProperty({ type: PageInfoDto })
  page: PageInfoDto;
}
