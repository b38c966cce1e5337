import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { UserAccountsController } from './user-accounts.controller.js';
import { UserAccountsService } from './user-accounts.service.js';

/** Account administration beyond creating users and issuing keys (src/auth): roles, names, key listings. */
@Module({
  imports: [AuditModule],
  controllers: [UserAccountsController],
  providers: [UserAccountsService],
})
export class AccountsModule {}
