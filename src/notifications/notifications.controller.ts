import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, type RequestActor } from '../auth/actor.js';
import { RequireRole } from '../auth/auth.decorators.js';
import { ApiErrorException } from '../common/errors/all-exceptions.filter.js';
import { ErrorBodyDto } from '../common/errors/error-body.js';
import { uuidParam } from '../common/http/uuid-param.pipe.js';
import { NotificationDto, NotificationPageDto } from './dto/notification.dto.js';
import { ListNotificationsQuery } from './dto/list-notifications.query.js';
import { NotificationsService } from './notifications.service.js';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';

/** Notifications belong to a user, so even with PUBLIC_READ an anonymous reader has none to see. */
function recipient(actor: RequestActor): Actor {
  if (actor.userId === null) {
    throw new ApiErrorException({ status: 401, code: 'unauthorized', message: 'Notifications are per user: send your API key' });
  }
  return actor;
}

@ApiTags('notifications')
@ApiKeyAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @RequireRole('viewer')
  @ApiOperation({ summary: 'Your notifications, newest first, filtered by status and kind, one page at a time.' })
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  list(@CurrentActor() actor: RequestActor, @Query() query: ListNotificationsQuery): Promise<NotificationPageDto> {
    return this.notifications.list(recipient(actor).userId, query);
  }

  @Get(':id')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'One of your notifications, with its delivery status (attempts, last error, delivered at).' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  get(@CurrentActor() actor: RequestActor, @Param('id', uuidParam()) id: string): Promise<NotificationDto> {
    return this.notifications.get(recipient(actor).userId, id);
  }

  @Post(':id/read')
  @Idempotent()
  @RequireRole('viewer')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark one of your notifications read (again is harmless). A pending one is then not sent to the webhook.' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  @ApiNotFoundResponse({ type: ErrorBodyDto })
  markRead(@CurrentActor() actor: RequestActor, @Param('id', uuidParam()) id: string): Promise<NotificationDto> {
    return this.notifications.markRead(recipient(actor), id);
  }
}
