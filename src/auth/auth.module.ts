import { ClockModule } from '../common/clock/clock.module.js';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { SessionsModule } from './sessions/sessions.module.js';
import { ApiKeyUsage } from './api-key-usage.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [ClockModule, SessionsModule],
  controllers: [UsersController],
  providers: [AuthService, UsersService, ApiKeyUsage, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, SessionsModule],
})
export class AuthModule {}
