import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { DomainError, DomainErrorKind } from './domain-errors.js';
import type { ErrorBodyDto } from './error-body.js';
import { fieldOfConstraint, isInvalidDataError, violatedCheckConstraint } from './invalid-data.js';
import { PrismaErrorCode } from './prisma-error-codes.js';

/** What a 503 tells clients to wait before retrying (seconds). */
const DATABASE_RETRY_AFTER_SECONDS = 5;

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  precondition_failed: HttpStatus.PRECONDITION_FAILED,
  precondition_required: HttpStatus.PRECONDITION_REQUIRED,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
};

const CODE_OF_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  428: 'precondition_required',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

/** Where a thrown error's response carries a structured body of ours (validation, for example). */
export class ApiErrorException extends HttpException {
  /** `headers`: sent with the error (e.g. Retry-After on a 429). */
  constructor(
    readonly body: Omit<ErrorBodyDto, 'requestId'>,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(body, body.status);
  }
}

/** Maps every error to the one JSON error shape; nothing leaks a stack trace or a 500 for bad input. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ requestId: request.id, err: exception }, 'Database unavailable');
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    }
    if (exception instanceof ApiErrorException) {
      for (const [name, value] of Object.entries(exception.headers)) void reply.header(name, value);
    }
    const body = this.toBody(exception, request.id);
    if (body.status >= 500 && body.status !== 503) {
      this.logger.error({ err: exception, requestId: request.id }, 'Request failed');
    }
    void reply
      .status(body.status)
      .header('content-type', 'application/json; charset=utf-8')
      .send({ ...body, requestId: String(request.id) });
  }

  /** The error body a failure answers with (public for the tests of this mapping); the request id goes into its log lines. */
  toBody(exception: unknown, requestId?: string): Omit<ErrorBodyDto, 'requestId'> {
    if (exception instanceof ApiErrorException) return exception.body;
    if (isDatabaseUnavailable(exception)) {
      return { status: 503, code: 'database_unavailable', message: 'The database is unavailable; nothing was changed. Retry shortly.' };
    }
    if (exception instanceof DomainError) {
      return {
        status: STATUS_OF_KIND[exception.kind],
        code: exception.code,
        message: exception.message,
        ...(exception.fieldErrors ? { errors: exception.fieldErrors } : {}),
      };
    }
    const constraint = violatedCheckConstraint(exception);
    if (constraint !== null) {
      // Input that passed validation but not a rule of the database: still the client's input, named.
      this.logger.warn({ err: exception, constraint, requestId }, 'Input passed validation but not a check constraint of the database');
      const { field, rule } = fieldOfConstraint(constraint);
      const message = rule === 'not_blank' ? `${field} must not be blank` : `${field} breaks the rule ${constraint}`;
      return { status: 400, code: 'validation_failed', message: `The request is invalid: ${message}`, errors: [{ field, rule, message }] };
    }
    if (isInvalidDataError(exception)) {
      this.logger.warn({ err: exception, requestId }, 'Input passed validation but the database refused it as data');
      return {
        status: 400,
        code: 'invalid_value',
        message: 'A value in the request is not one the ledger can store (out of range or malformed)',
      };
    }
    if (exception instanceof Prisma.PrismaClientKnownRequestError) return this.fromPrisma(exception);
    if (exception instanceof Prisma.PrismaClientValidationError) {
      // A value the DTOs let through but the schema refuses: still the client's input, never a 500.
      this.logger.warn({ err: exception, requestId }, 'Input passed validation but not the database schema');
      return { status: 400, code: 'invalid_value', message: 'A value in the request is not acceptable' };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const given = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const message = Array.isArray(given) ? given.join('; ') : typeof given === 'string' ? given : exception.message;
      return { status, code: CODE_OF_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'http_error'), message };
    }
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      // Fastify's own client errors: malformed JSON, wrong content type, body too large.
      return {
        status: fastifyError.statusCode,
        code: CODE_OF_STATUS[fastifyError.statusCode] ?? 'bad_request',
        message: fastifyError.message ?? 'Bad request',
      };
    }
    return { status: 500, code: 'internal_error', message: 'An unexpected error occurred; it has been logged with this request id' };
  }

  private fromPrisma(error: Prisma.PrismaClientKnownRequestError): Omit<ErrorBodyDto, 'requestId'> {
    const target = (error.meta?.target ?? error.meta?.field_name ?? '') as string | string[];
    const field = Array.isArray(target) ? target.join(',') : String(target);
    switch (error.code as PrismaErrorCode) {
      case PrismaErrorCode.UniqueConstraintFailed:
        return { status: 409, code: 'already_exists', message: `A record with the same ${field || 'key'} already exists` };
      case PrismaErrorCode.RecordNotFound:
        return { status: 404, code: 'not_found', message: 'The record does not exist' };
      case PrismaErrorCode.ForeignKeyConstraintFailed:
        return { status: 400, code: 'invalid_reference', message: `A referenced record does not exist (${field || 'foreign key'})` };
      case PrismaErrorCode.NullConstraintViolation:
      case PrismaErrorCode.ValueTooLong:
      case PrismaErrorCode.InvalidValue:
      case PrismaErrorCode.ConstraintFailed:
        return { status: 400, code: 'invalid_value', message: error.message.split('\n').pop() ?? 'Invalid value' };
      case PrismaErrorCode.WriteConflict:
      case PrismaErrorCode.TransactionTimeout:
        return { status: 409, code: 'write_conflict', message: 'The record changed while this request ran; retry it' };
      default:
        return { status: 500, code: 'internal_error', message: 'An unexpected database error occurred' };
    }
  }
}
