import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/errors/error-body.js';
import { uuidParam } from '../common/http/uuid-param.pipe.js';
import { CurrentActor, requireUser, type RequestActor } from '../auth/actor.js';
import { ApiKeyAuth } from '../auth/api-key-auth.decorator.js';
import { RequireRole } from '../auth/auth.decorators.js';
import { ApiKeyListDto, UpdateUserDto } from './dto/user-accounts.dto.js';
import { UserDto } from '../auth/dto/users.dto.js';
import { UserAccountsService } from './user-accounts.service.js';

@ApiTags('users')
@ApiKeyAuth()
@ApiNotFoundResponse({ type: ErrorBodyDto })
@Controller('users/:id')
export class UserAccountsController {
  constructor(private readonly accounts: UserAccountsService) {}

  @Patch()
  @RequireRole('admin')
  @ApiOperation({ summary: "Change a user's role or display name (admin; audited). An admin cannot change their own role." })
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({ type: ErrorBodyDto, description: 'own_role_unchanged: an admin tried to change their own role.' })
  async update(@Param('id', uuidParam()) id: string, @Body() body: UpdateUserDto, @CurrentActor() actor: RequestActor): Promise<UserDto> {
    const user = await this.accounts.update(id, body, requireUser(actor));
    return { ...user, createdAt: user.createdAt.toISOString() };
  }

  @Get('api-keys')
  @RequireRole('admin')
  @ApiOperation({ summary: "A user's API keys, newest first, revoked ones included (admin). Never the keys themselves." })
  @ApiOkResponse({ type: ApiKeyListDto })
  apiKeys(@Param('id', uuidParam()) id: string): Promise<ApiKeyListDto> {
    return this.accounts.apiKeys(id);
  }
}
