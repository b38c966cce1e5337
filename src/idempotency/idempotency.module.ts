import { Global, Module } from '@nestjs/common';
import { ClockModule } from '../common/clock/clock.module.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IdempotencyService } from './idempotency.service.js';

/**
 * Global, so that the interceptor bound to each POST handler (@Idempotent) finds its service in
 * whichever module the controller lives.
 */
@Global()
@Module({
  imports: [ClockModule],
  providers: [IdempotencyService, IdempotencyInterceptor],
  exports: [IdempotencyService, IdempotencyInterceptor],
})
export class IdempotencyModule {}
