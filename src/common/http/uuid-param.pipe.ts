import { ParseUUIDPipe } from '@nestjs/common';
import { ApiErrorException } from '../errors/all-exceptions.filter.js';

/** Validates a UUID path parameter, answering the standard 400 body naming the parameter. */
export function uuidParam(name = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new ApiErrorException({
        status: 400,
        code: 'validation_failed',
        message: `${name} must be a UUID`,
        errors: [{ field: name, rule: 'isUuid', message: `${name} must be a UUID` }],
      }),
  });
}
