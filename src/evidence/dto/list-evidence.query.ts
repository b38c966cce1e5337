import { ApiPropertyOptional } from '@nestjs/swagger';
import { EvidenceStance, EvidenceWeight } from '@prisma/client';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CALENDAR_DATE } from '../../common/dates/utc-date.js';
import { PageQuery } from '../../common/pagination/page.query.js';
import { NotBlank, TrimText } from '../../common/http/text.js';

/** Query strings carry text: only the words true and false are booleans. */
const booleanWord = ({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
  const raw = obj[key];
  return raw === 'true' ? true : raw === 'false' ? false : raw;
};

export class ListEvidenceQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Evidence linked to this forecast.' })
  @IsOptional()
  @IsUUID('all')
  forecastId?: string;

  @ApiPropertyOptional({ enum: EvidenceStance, description: 'Evidence with a link of this stance (on forecastId, when given).' })
  @IsOptional()
  @IsEnum(EvidenceStance)
  stance?: EvidenceStance;

  @ApiPropertyOptional({ enum: EvidenceWeight, description: 'Evidence with a link of this weight (the same link as stance).' })
  @IsOptional()
  @IsEnum(EvidenceWeight)
  weight?: EvidenceWeight;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Occurred on or after this date.' })
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'occurredFrom must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  occurredFrom?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Occurred on or before this date.' })
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'occurredTo must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  occurredTo?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Logged by this user.' })
  @IsOptional()
  @IsUUID('all')
  loggedBy?: string;

  @ApiPropertyOptional({ type: Boolean, default: true, description: 'false leaves retracted evidence out.' })
  @IsOptional()
  @Transform(booleanWord)
  @IsBoolean()
  includeRetracted = true;

  @ApiPropertyOptional({ description: 'Text in the summary or source title (case-insensitive).', maxLength: 200 })
  @IsOptional()
  @TrimText()
  @IsString()
  @NotBlank()
  @MaxLength(200)
  q?: string;
}
