import { Module } from '@nestjs/common';
import { ClockModule } from '../../common/clock/clock.module.js';
import { PasswordLinksService } from './password-links.service.js';
import { SessionCookie } from './session-cookie.js';
import { SessionsController, UserSessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';
import { SignInLimit } from './sign-in-limit.js';

@Module({
  imports: [ClockModule],
  controllers: [SessionsController, UserSessionsController],
  providers: [SessionsService, PasswordLinksService, SessionCookie, SignInLimit],
  exports: [SessionsService, PasswordLinksService, SessionCookie],
})
export class SessionsModule {}
