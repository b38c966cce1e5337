import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiErrorException } from '../errors/all-exceptions.filter.js';
import type { FieldErrorDto } from '../errors/error-body.js';
import { inheritedFieldName, unstorableInput } from './storable-input.js';

/** Rules about a value's JSON type: when one fails, the value's range or format rules say nothing useful. */
const TYPE_RULES = new Set(['isNumber', 'isInt', 'isString', 'isBoolean', 'isArray', 'isObject']);

const JSON_TYPE_WORDS: Record<string, string> = {
  isNumber: 'a number',
  isInt: 'a whole number',
  isString: 'a string',
  isBoolean: 'true or false',
  isArray: 'an array',
  isObject: 'an object',
};

/** What the value was, in the words of the message: "not the string "0.7"", "not 1.5", "not an array". */
function whatWasSent(value: unknown): string {
  if (typeof value === 'string') return `not the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return Number.isFinite(value) ? `not ${value}` : 'not a finite number';
  if (Array.isArray(value)) return 'not an array';
  return typeof value === 'object' ? 'not an object' : `not ${typeof value === 'boolean' ? String(value) : `a ${typeof value}`}`;
}

/**
 * One message per field and problem: a value of the wrong JSON type ("0.7" for a number) gets one
 * message saying so, not also every range rule it cannot be compared with (issue 12, item 10).
 */
function fieldErrors(field: string, error: ValidationError): FieldErrorDto[] {
  const entries = Object.entries(error.constraints ?? {});
  const typeRule = error.value === undefined ? undefined : entries.find(([rule]) => TYPE_RULES.has(rule));
  if (typeRule) {
    const [rule, message] = typeRule;
    if (error.value === null) return [{ field, rule, message }];
    return [{ field, rule, message: `${field} must be ${JSON_TYPE_WORDS[rule]}, ${whatWasSent(error.value)}` }];
  }
  return entries.map(([rule, message]) => ({
    field,
    rule: rule === 'whitelistValidation' ? 'unknown_field' : rule,
    message: rule === 'whitelistValidation' ? `${field} is not a known field` : message,
  }));
}

function flatten(errors: ValidationError[], parent = ''): FieldErrorDto[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    return [...fieldErrors(field, error), ...flatten(error.children ?? [], field)];
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
 * stack of class-transformer; and fields named like what every object inherits (constructor,
 * __proto__…), which the whitelist cannot see.
 */
class LedgerValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problem = unstorableInput(value, metadata.data ?? metadata.type);
      if (problem) throw validationFailed([problem]);
      const inherited = metadata.type === 'body' || metadata.type === 'query' ? inheritedFieldName(value, metadata.type) : null;
      if (inherited) throw validationFailed([inherited]);
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
