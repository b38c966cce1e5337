import { ApiPropertyOptional } from '@nestjs/swagger';
import { NotificationKind, NotificationStatus } from '@prisma/client';
import { IsEnum, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/pagination/page.query.js';

export class ListNotificationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: NotificationStatus })
  @IsOptional()
  @IsEnum(NotificationStatus)
  status?: NotificationStatus;

  @ApiPropertyOptional({ enum: NotificationKind })
  @IsOptional()
  @IsEnum(NotificationKind)
  kind?: NotificationKind;
}
