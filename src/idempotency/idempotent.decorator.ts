import { UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';

/**
 * Applies Idempotency-Key to this POST handler (see IdempotencyInterceptor). Every POST handler
 * carries it (test/e2e/idempotency.e2e-spec.ts checks that none is missed). Bound per handler
 * rather than globally so that reads skip the interceptor chain Nest builds around a handler
 * that has interceptors (rxjs: about 5% of GET /forecasts's CPU in bench:api).
 */
export const Idempotent = () => UseInterceptors(IdempotencyInterceptor);
