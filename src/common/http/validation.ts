import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiErrorException } from '../errors/all-exceptions.filter.js';
import type { FieldErrorDto } from '../errors/error-body.js';
import { unstorableInput } from './storable-input.js';

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

function validationFailed(fieldErrors: FieldErrorDto[]): ApiErrorException {
  return new ApiErrorException({
    status: 400,
    code: 'validation_failed',
    message: `The request is invalid: ${fieldErrors.map((e) => e.message).join('; ')}`,
    errors: fieldErrors,
  });
}

/**
 * Refuses, for every route at once, input that no DTO rule is about but that would fail later as a
 * 500: text PostgreSQL cannot store (NUL, lone surrogates) and nesting deep enough to overflow the
 * stack of class-transformer.
 */
class LedgerValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problem = unstorableInput(value, metadata.data ?? metadata.type);
      if (problem) throw validationFailed([problem]);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/**
 * The global validation pipe: unknown fields are rejected (not dropped), values are transformed
 * into their DTO types, and failures answer 400 with one entry per field and rule.
 */
export function createValidationPipe(): ValidationPipe {
  return new LedgerValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
