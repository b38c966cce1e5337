import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorException } from '../common/errors/all-exceptions.filter.js';
import { uuidParam } from '../common/http/uuid-param.pipe.js';
import { CurrentActor, type RequestActor } from './actor.js';
import { RequireRole } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { CreateApiKeyDto, CreateUserDto, IssuedApiKeyDto, ListUsersQuery, UserDto, UserPageDto } from './dto/users.dto.js';
import { toUserDto, UsersService } from './users.service.js';
import { ApiKeyAuth } from './api-key-auth.decorator.js';
import { SecretAnswer } from '../common/http/secret-answer.decorator.js';
import { Idempotent } from '../idempotency/idempotent.decorator.js';

@ApiTags('users')
@ApiKeyAuth()
@Controller()
export class UsersController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Get('users/me')
  @RequireRole('viewer')
  @ApiOperation({ summary: 'The user the API key (or the session) belongs to.' })
  @ApiOkResponse({ type: UserDto })
  async me(@CurrentActor() actor: RequestActor): Promise<UserDto> {
    // With PUBLIC_READ an anonymous reader gets this far; "who am I" has no answer without a key.
    if (!actor.userId) throw new ApiErrorException({ status: 401, code: 'unauthorized', message: 'Send your API key to see whose it is' });
    return this.users.get(actor.userId);
  }

  @Get('users')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Users in the order they were created, one page at a time (admin).' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQuery): Promise<UserPageDto> {
    return this.users.list(query);
  }

  @Post('users')
  @Idempotent()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Create a user (admin).' })
  @ApiCreatedResponse({ type: UserDto })
  async create(@Body() body: CreateUserDto): Promise<UserDto> {
    return toUserDto(await this.auth.createUser(body.email, body.displayName, body.role));
  }

  @Post('users/:id/api-keys')
  @Idempotent()
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Issue an API key for a user (admin). The key is in this answer only.',
    description:
      'With an Idempotency-Key, a retry issues no second key; since the key is never stored, the retry is answered 409 idempotency_secret_not_replayed.',
  })
  @ApiCreatedResponse({ type: IssuedApiKeyDto })
  @SecretAnswer()
  issueKey(@Param('id', uuidParam()) id: string, @Body() body: CreateApiKeyDto): Promise<IssuedApiKeyDto> {
    return this.auth.issueKey(id, body.name);
  }

  @Delete('api-keys/:id')
  @RequireRole('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke an API key (admin). Requests with it are refused from now on.' })
  @ApiNoContentResponse()
  revokeKey(@Param('id', uuidParam()) id: string): Promise<void> {
    return this.auth.revokeKey(id);
  }
}
