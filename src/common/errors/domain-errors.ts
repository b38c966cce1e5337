/**
 * Domain errors are types; the global filter maps each kind to an HTTP status once.
 * Services throw these with messages in the users' words.
 */
export type DomainErrorKind =
  'not_found' | 'conflict' | 'invalid' | 'forbidden' | 'precondition_failed' | 'precondition_required' | 'unprocessable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly fieldErrors?: { field: string; rule: string; message: string }[],
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super('not_found', `${entity.toLowerCase().replace(/\s+/g, '_')}_not_found`, `${entity} ${id} does not exist`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string) {
    super('conflict', code, message);
  }
}

export class InvalidInputError extends DomainError {
  constructor(field: string, rule: string, message: string) {
    super('invalid', 'validation_failed', message, [{ field, rule, message }]);
  }
}
