import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../actor.js';

/** The id of the session this request was made with (undefined with an API key). */
export const CurrentSessionId = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | undefined => context.switchToHttp().getRequest<AuthenticatedRequest>().sessionId,
);
