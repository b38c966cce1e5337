import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiErrorException } from '../errors/all-exceptions.filter.js';
import type { FieldErrorDto } from '../errors/error-body.js';

function flatten(errors: ValidationError[], parent = ''): FieldErrorDto[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknown_field' : rule,
      message: rule === 'whitelistValidation' ? `${field} is not a known field` : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * The global validation pipe: unknown fields are rejected (not dropped), values are transformed
 * into their DTO types, and failures answer 400 with one entry per field and rule.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new ApiErrorException({
        status: 400,
        code: 'validation_failed',
        message: `The request is invalid: ${fieldErrors.map((e) => e.message).join('; ')}`,
        errors: fieldErrors,
      });
    },
  });
}
