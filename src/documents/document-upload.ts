import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InvalidInputError } from '../common/errors/domain-errors.js';
import { multipartInputError } from '../common/http/multipart-errors.js';

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
    throw multipartInputError(error, { fileBytes: limit, what: 'a document upload' }) ?? error;
  }
  if (!file) throw new InvalidInputError('file', 'required', 'send the document as a file in the field named "file"');
  return { ...file, fields };
}
