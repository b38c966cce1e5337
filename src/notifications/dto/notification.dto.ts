import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NotificationKind, NotificationStatus } from '@prisma/client';
import { PageInfoDto } from '../../common/pagination/page.dto.js';

export class NotificationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: NotificationKind })
  kind: NotificationKind;

  @ApiProperty({
    enum: NotificationStatus,
    description:
      'pending: waiting for (another) webhook attempt, or for you to read it when no webhook is configured; delivered: the webhook ' +
      'accepted it; failed: every attempt failed (it stays here); read: marked read.',
  })
  status: NotificationStatus;

  @ApiProperty({ example: 'Forecast due for resolution: "…". Its deadline was 2026-03-10. Please resolve it (forecast …).' })
  text: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Structured details; their shape depends on the kind.' })
  payload: Record<string, unknown>;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  forecastId: string | null;

  @ApiProperty({ example: 'forecast-due:…:2026-03-10T00:00:00.000Z', description: 'Sent to the webhook as the Idempotency-Key header.' })
  idempotencyKey: string;

  @ApiProperty({ example: 2, description: 'Webhook attempts made so far.' })
  attempts: number;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the next webhook attempt is due (pending only).',
  })
  nextAttemptAt: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'HTTP 503: Service Unavailable' })
  lastError: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  deliveredAt: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  readAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] })
  data: NotificationDto[];

  @ApiProperty({ type: PageInfoDto })
  page: PageInfoDto;
}
