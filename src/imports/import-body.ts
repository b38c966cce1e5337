import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Largest body POST /imports takes in memory (JSON, text/plain); the service-wide limit is 1 MiB. */
export const IMPORT_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Largest text/csv body POST /imports takes. Such bodies go to a temporary file, never into memory,
 * so this bounds disk, not RSS: 1,000,000 rows of our CSV are about 270 MiB.
 */
export const IMPORT_CSV_LIMIT_BYTES = 512 * 1024 * 1024;

/** Route config naming the largest text/csv body a route streams to disk (@RouteConfig({ csvBodyLimit })). */
export interface CsvBodyRouteConfig {
  csvBodyLimit?: number;
}

/**
 * Where this process's uploads wait for their jobs; each is removed when its job ends (or its
 * request fails). One folder per process, so that what a process leaves behind is its own.
 */
export const IMPORT_UPLOAD_DIR = path.join(tmpdir(), `forecast-ledger-imports-${process.pid}`);

/** A CSV body streamed to disk, with its size and SHA-256 worked out on the way. */
export class UploadedFile {
  /** Set once a job owns the file (and removes it when it ends); an unclaimed file goes with its request. */
  claimed = false;

  constructor(
    readonly path: string,
    readonly bytes: number,
    readonly sha256: string,
  ) {}

  remove(): Promise<void> {
    return rm(this.path, { force: true });
  }
}

/**
 * text/csv bodies are streamed to a temporary file (hashed and counted as they arrive, refused past
 * the route's limit) and reach the handler as an UploadedFile; JSON bodies are parsed by Fastify as
 * usual. text/plain stays Fastify's string parser.
 */
export function acceptCsvBodies(fastify: FastifyInstance): void {
  if (fastify.hasContentTypeParser('text/csv')) return;
  fastify.addContentTypeParser('text/csv', (request, payload, done) => {
    streamToFile(request, payload).then(
      (file) => done(null, file),
      (error: Error) => done(error, undefined),
    );
  });
  fastify.addHook('onResponse', async (request) => {
    const body: unknown = request.body;
    if (body instanceof UploadedFile && !body.claimed) await body.remove();
  });
}

async function streamToFile(request: FastifyRequest, payload: NodeJS.ReadableStream): Promise<UploadedFile> {
  // Fastify checks no limit for a parser that reads the stream itself: the route's own, or its CSV limit.
  const limit =
    (request.routeOptions.config as CsvBodyRouteConfig | undefined)?.csvBodyLimit ??
    request.routeOptions.bodyLimit ??
    IMPORT_BODY_LIMIT_BYTES;
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
  await mkdir(IMPORT_UPLOAD_DIR, { recursive: true });
  const file = path.join(IMPORT_UPLOAD_DIR, `${randomUUID()}.csv`);
  const hash = createHash('sha256');
  let bytes = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > limit) return callback(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(payload, counted, createWriteStream(file, { flags: 'wx' }));
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
  return new UploadedFile(file, bytes, hash.digest('hex'));
}
