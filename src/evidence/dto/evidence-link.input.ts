import { ApiProperty } from '@nestjs/swagger';
import { EvidenceStance, EvidenceWeight } from '@prisma/client';
import { Transform } from 'class-transformer';
import { IsEnum, IsUUID } from 'class-validator';

/** How the new evidence bears on one forecast. */
export class EvidenceLinkInput {
  @ApiProperty({ format: 'uuid' })
  // Lower case, so a duplicate written in another case is caught as a duplicate.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsUUID('all')
  forecastId: string;

  @ApiProperty({ enum: EvidenceStance, description: 'Whether the evidence makes the statement more or less likely, or is background.' })
  @IsEnum(EvidenceStance)
  stance: EvidenceStance;

  @ApiProperty({ enum: EvidenceWeight })
  @IsEnum(EvidenceWeight)
  weight: EvidenceWeight;
}
