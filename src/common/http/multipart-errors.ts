import { ApiErrorException } from '../errors/all-exceptions.filter.js';
import { InvalidInputError } from '../errors/domain-errors.js';

/**
 * What @fastify/multipart and the parser under it (@fastify/busboy) throw while a route reads a
 * multipart body, as the 4xx the client should see. One mapping for every route that takes files.
 * @fastify/multipart's own errors carry FST_* codes; busboy's truncated-body errors are plain Errors
 * with fixed messages and no code, so those few are known by their message.
 */
const BUSBOY_MALFORMED =
  /^(Unexpected end of (form|multipart data)|Malformed part header|Multipart: Boundary not found)|terminated early due to unexpected end of multipart data/;

export interface MultipartLimits {
  /** Largest file the route takes, in bytes. */
  fileBytes: number;
  /** What the file is, for the message: "a document upload". */
  what: string;
}

/** The client-facing error for a multipart read failure, or undefined when it is not the client's doing. */
export function multipartInputError(error: unknown, limits: MultipartLimits): Error | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new ApiErrorException({
        status: 413,
        code: 'payload_too_large',
        message: `The file is larger than the ${Math.round(limits.fileBytes / (1024 * 1024))} MiB ${limits.what} may be`,
        errors: [{ field: 'file', rule: 'max_size', message: `file must be at most ${limits.fileBytes} bytes` }],
      });
    case 'FST_FILES_LIMIT':
      return new InvalidInputError('file', 'one_file', 'send exactly one file, in the field named "file"');
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new InvalidInputError('body', 'max_parts', 'too many form fields: send the file and the metadata fields only');
    case 'FST_PROTO_VIOLATION':
      return new InvalidInputError('body', 'field_name', 'a form field is named like a built-in property (__proto__, constructor)');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
    case 'FST_MP_PREMATURE_CLOSE':
      return new InvalidInputError('body', 'multipart', 'the body is not a well-formed multipart/form-data body');
  }
  if (error instanceof Error && code === undefined && BUSBOY_MALFORMED.test(error.message))
    return new InvalidInputError('body', 'multipart', `the multipart body is malformed: ${error.message}`);
  return undefined;
}
