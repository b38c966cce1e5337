import { ApiErrorException } from '../errors/all-exceptions.filter.js';
import { InvalidInputError } from '../errors/domain-errors.js';
import { multipartInputError } from './multipart-errors.js';

const limits = { fileBytes: 25 * 1024 * 1024, what: 'a document upload' };
const coded = (code: string) => Object.assign(new Error(code), { code });

describe('multipartInputError', () => {
  it('answers a file over the limit with 413 naming the limit', () => {
    const error = multipartInputError(coded('FST_REQ_FILE_TOO_LARGE'), limits);
    expect(error).toBeInstanceOf(ApiErrorException);
    expect((error as ApiErrorException).getResponse()).toMatchObject({
      status: 413,
      code: 'payload_too_large',
      message: 'The file is larger than the 25 MiB a document upload may be',
      errors: [{ field: 'file', rule: 'max_size' }],
    });
  });

  it.each([
    ['FST_FILES_LIMIT', 'file', 'one_file'],
    ['FST_PARTS_LIMIT', 'body', 'max_parts'],
    ['FST_FIELDS_LIMIT', 'body', 'max_parts'],
    ['FST_PROTO_VIOLATION', 'body', 'field_name'],
    ['FST_INVALID_MULTIPART_CONTENT_TYPE', 'body', 'multipart'],
    ['FST_MP_PREMATURE_CLOSE', 'body', 'multipart'],
  ])('maps %s to a 400 on %s (%s)', (code, field, rule) => {
    const error = multipartInputError(coded(code), limits);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ fieldErrors: [expect.objectContaining({ field, rule })] });
  });

  it.each(['Unexpected end of form', 'Unexpected end of multipart data', 'Malformed part header', 'Multipart: Boundary not found'])(
    'knows busboy’s uncoded error “%s” as a malformed body',
    (message) =>
      expect(multipartInputError(new Error(message), limits)).toMatchObject({
        fieldErrors: [expect.objectContaining({ field: 'body', rule: 'multipart' })],
      }),
  );

  it('leaves everything else to the caller (a database error stays a server error)', () => {
    expect(multipartInputError(coded('ECONNRESET'), limits)).toBeUndefined();
    expect(multipartInputError(Object.assign(new Error('Malformed part header'), { code: 'P1001' }), limits)).toBeUndefined();
    expect(multipartInputError(new Error('connection terminated unexpectedly'), limits)).toBeUndefined();
    expect(multipartInputError(undefined, limits)).toBeUndefined();
  });
});
