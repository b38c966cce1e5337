import { ApiPropertyOptional } from '@nestjs/swagger';
import { ImportJobStatus } from '@prisma/client';
import { IsEnum, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/pagination/page.query.js';

export class ListImportJobsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ImportJobStatus })
  @IsOptional()
  @IsEnum(ImportJobStatus)
  status?: ImportJobStatus;
}
