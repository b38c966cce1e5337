import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, requireUser, type RequestActor } from '../actor.js';
import { ApiKeyAuth } from '../api-key-auth.decorator.js';
import { Public, RequireRole } from '../auth.decorators.js';
import { ApiErrorException } from '../../common/errors/all-exceptions.filter.js';
import { ErrorBodyDto } from '../../common/errors/error-body.js';
import { SecretAnswer, SecretRequest } from '../../common/http/secret-answer.decorator.js';
import { uuidParam } from '../../common/http/uuid-param.pipe.js';
import { PageQuery } from '../../common/pagination/page.query.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { csrfRejection, originRejection } from './csrf.js';
import { CurrentSessionId } from './current-session.js';
import { CheckPasswordLinkDto, CreatePasswordLinkDto, PasswordLinkDto, PasswordLinkStatusDto } from './dto/password-link.dto.js';
import { SessionDto } from './dto/session.dto.js';
import { SessionPageDto } from './dto/session-list.dto.js';
import { SetPasswordDto } from './dto/set-password.dto.js';
import { SignInDto } from './dto/sign-in.dto.js';
import { PasswordLinksService } from './password-links.service.js';
import { ownOrigin } from './request-origin.js';
import { SessionCookie } from './session-cookie.js';
import type { ClientContext } from './sessions.service.js';
import { SessionsService } from './sessions.service.js';
import { Idempotent } from '../../idempotency/idempotent.decorator.js';

const clientOf = (request: FastifyRequest): ClientContext => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
  requestId: String(request.id),
});

/** Sign-in for people: email and password, a session cookie, its CSRF token, sign-out and the list of sessions. */
@ApiTags('sessions')
@Controller('auth')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly links: PasswordLinksService,
    private readonly cookie: SessionCookie,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('sign-in')
  @Idempotent()
  @Public()
  @SecretRequest()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in with an email and a password: sets the fl_session cookie and answers with the CSRF token for writes.',
    description:
      'Wrong email or wrong password: 401 invalid_credentials (the same answer for both). Attempts are limited per email ' +
      '(10 per 15 minutes) and per address (50): 429 with Retry-After. Must come from a page of this service (Origin or Referer), else 403 csrf_rejected.',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ type: ErrorBodyDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto })
  @ApiTooManyRequestsResponse({ type: ErrorBodyDto })
  async signIn(
    @Body() body: SignInDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    const rejection = originRejection(request, this.config.sessions.publicUrl);
    if (rejection) throw rejection;
    const started = await this.sessions.signIn(body.email, body.password, clientOf(request));
    this.cookie.set(request, reply, started.token);
    return started.session;
  }

  @Get('session')
  @Public()
  @ApiOperation({
    summary: 'Who is signed in with this cookie, the CSRF token to send with writes, and when the session ends; 401 when not signed in.',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ type: ErrorBodyDto })
  current(@Req() request: FastifyRequest): Promise<SessionDto> {
    return this.sessions.describe(this.cookie.read(request));
  }

  @Post('sign-out')
  @Idempotent()
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Sign out: the session is deleted on the server and the cookie cleared.',
    description: 'A live session needs its CSRF token and an Origin of this service, like any write made with the cookie.',
  })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ type: ErrorBodyDto })
  async signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const token = this.cookie.read(request);
    const session = await this.sessions.authenticate(token);
    if (session && token !== undefined) {
      const rejection = csrfRejection(request, token, this.config.sessions.publicUrl);
      if (rejection) throw rejection;
      await this.sessions.end(session.sessionId);
    }
    this.cookie.clear(request, reply);
  }

  @Post('password-links/check')
  @Idempotent()
  @Public()
  @SecretRequest()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Whether an invitation or reset link still works, and for which account; changes nothing.',
    description:
      'The token goes in the body, not the address, so it stays out of logs. A bad, used, replaced or expired token: 400 invalid_password_link.',
  })
  @ApiOkResponse({ type: PasswordLinkStatusDto })
  checkPasswordLink(@Body() body: CheckPasswordLinkDto): Promise<PasswordLinkStatusDto> {
    return this.links.check(body.token);
  }

  @Post('password')
  @Idempotent()
  @Public()
  @SecretRequest()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Set a password with the token of an invitation or reset link; signs in (sets the cookie) and ends the other sessions.',
    description:
      'The token works once and for 72 hours. A bad, used or replaced token: 400 invalid_password_link. Password: at least 12 characters, not only spaces.',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiForbiddenResponse({ type: ErrorBodyDto })
  async setPassword(
    @Body() body: SetPasswordDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    const rejection = originRejection(request, this.config.sessions.publicUrl);
    if (rejection) throw rejection;
    const started = await this.links.redeem(body.token, body.password, clientOf(request));
    this.cookie.set(request, reply, started.token);
    return started.session;
  }

  @Get('sessions')
  @RequireRole('viewer')
  @ApiKeyAuth()
  @ApiOperation({ summary: 'My signed-in sessions, newest first; the one of this request is marked current.' })
  @ApiOkResponse({ type: SessionPageDto })
  mine(
    @CurrentActor() actor: RequestActor,
    @CurrentSessionId() sessionId: string | undefined,
    @Query() query: PageQuery,
  ): Promise<SessionPageDto> {
    return this.sessions.list(requireSignedIn(actor).userId, sessionId, query);
  }

  @Delete('sessions/:id')
  @RequireRole('viewer')
  @ApiKeyAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End a session at once: one of mine, or anyone’s for an admin. Its next request is refused.' })
  @ApiNoContentResponse()
  revoke(@CurrentActor() actor: RequestActor, @Param('id', uuidParam()) id: string): Promise<void> {
    return this.sessions.revoke(requireUser(actor), id);
  }
}

/** Admin routes about a user's sign-in: their sessions and password links. */
@ApiTags('sessions')
@ApiKeyAuth()
@Controller('users')
export class UserSessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly links: PasswordLinksService,
  ) {}

  @Get(':id/sessions')
  @RequireRole('admin')
  @ApiOperation({ summary: "A user's signed-in sessions, newest first (admin)." })
  @ApiOkResponse({ type: SessionPageDto })
  list(
    @Param('id', uuidParam()) id: string,
    @CurrentSessionId() sessionId: string | undefined,
    @Query() query: PageQuery,
  ): Promise<SessionPageDto> {
    return this.sessions.listForUser(id, sessionId, query);
  }

  @Post(':id/password-links')
  @Idempotent()
  @RequireRole('admin')
  @SecretAnswer()
  @ApiOperation({
    summary: 'Make an invitation or reset link for a user (admin): the link is in this answer only, works once and for 72 hours.',
    description:
      'A newer link replaces older unused ones. With an Idempotency-Key, a retry makes no second link and is answered 409 ' +
      'idempotency_secret_not_replayed (the link is not stored). The link points at PUBLIC_URL when set, else at the address this request was sent to.',
  })
  @ApiCreatedResponse({ type: PasswordLinkDto })
  create(
    @CurrentActor() actor: RequestActor,
    @Param('id', uuidParam()) id: string,
    @Body() body: CreatePasswordLinkDto,
    @Req() request: FastifyRequest,
  ): Promise<PasswordLinkDto> {
    return this.links.issue(id, body.purpose, requireUser(actor), ownOrigin(request) ?? 'http://localhost');
  }
}

/** Per-user routes: with PUBLIC_READ an anonymous reader reaches them and has nothing to list. */
function requireSignedIn(actor: RequestActor) {
  if (actor.userId === null) {
    throw new ApiErrorException({ status: 401, code: 'unauthorized', message: 'Sign in, or send an API key, to see your sessions' });
  }
  return actor;
}
