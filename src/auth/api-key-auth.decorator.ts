import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/errors/error-body.js';

/** OpenAPI for a controller behind API keys: the bearer scheme and its 401 and 403 answers. */
export const ApiKeyAuth = () =>
  applyDecorators(ApiBearerAuth(), ApiUnauthorizedResponse({ type: ErrorBodyDto }), ApiForbiddenResponse({ type: ErrorBodyDto }));
