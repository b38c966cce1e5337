import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiErrorException } from '../common/errors/all-exceptions.filter.js';
import { InvalidInputError } from '../common/errors/domain-errors.js';

/** Largest body POST /documents takes (the service-wide limit is BODY_LIMIT_BYTES): a long PDF with its images. */
export const DOCUMENT_UPLOAD_LIMIT_BYTES = 25 * 1024 * 1024;

/** Form fields besides the file: the document's metadata, which overrides what the file says. */
export const UPLOAD_FIELDS = ['title', 'authors', 'publisher', 'series', 'publishedOn', 'url', 'language'] as const;

export interface DocumentUpload {
  filename: string;
  mediaType: string;
  bytes: Buffer;
  fields: Record<string, string>;
}

/** Multipart bodies are parsed by @fastify/multipart, read by the route that takes them (with the route's body limit). */
export function acceptMultipartBodies(fastify: FastifyInstance): void {
  if (fastify.hasContentTypeParser('multipart/form-data')) return;
  void fastify.register(multipart, { limits: { files: 1, fields: 20, fieldSize: 10_000, parts: 25, headerPairs: 200 } });
}

const tooLarge = (limit: number) =>
  new ApiErrorException({
    status: 413,
    code: 'payload_too_large',
    message: `The file is larger than the ${Math.round(limit / (1024 * 1024))} MiB a document upload may be`,
    errors: [{ field: 'file', rule: 'max_size', message: `file must be at most ${limit} bytes` }],
  });

/**
 * Reads one file (field "file") and the metadata fields of a multipart request; the whole file is held in memory, within the limit.
 * The route keeps the service-wide body limit for JSON; multipart bodies are not buffered by Fastify, so the file's own limit is
 * enforced here.
 */
export async function readDocumentUpload(request: FastifyRequest, limit = DOCUMENT_UPLOAD_LIMIT_BYTES): Promise<DocumentUpload> {
  const fields: Record<string, string> = {};
  let file: Omit<DocumentUpload, 'fields'> | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: limit } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          await part.toBuffer().catch(() => undefined);
          throw new InvalidInputError(part.fieldname, 'one_file', 'send exactly one file, in the field named "file"');
        }
        file = { filename: part.filename ?? '', mediaType: part.mimetype ?? '', bytes: await part.toBuffer() };
      } else {
        if (!(UPLOAD_FIELDS as readonly string[]).includes(part.fieldname)) {
          throw new InvalidInputError(
            part.fieldname,
            'known_field',
            `${part.fieldname} is not a field of a document upload (${UPLOAD_FIELDS.join(', ')})`,
          );
        }
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limit);
    if (code === 'FST_FILES_LIMIT') throw new InvalidInputError('file', 'one_file', 'send exactly one file, in the field named "file"');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw new InvalidInputError('body', 'max_parts', 'too many form fields: send the file and the metadata fields only');
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_MULTIPART_INVALID_CONTENT_TYPE')
      throw new InvalidInputError('body', 'multipart', 'the body is not a well-formed multipart/form-data body');
    if (error instanceof Error && /Unexpected end of (form|multipart data)|Malformed|boundary/i.test(error.message))
      throw new InvalidInputError('body', 'multipart', `the multipart body is malformed: ${error.message}`);
    throw error;
  }
  if (!file) throw new InvalidInputError('file', 'required', 'send the document as a file in the field named "file"');
  return { ...file, fields };
}
