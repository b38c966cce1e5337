import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

const REQUEST_ID_HEADER = 'x-request-id';

const CODE_OF_STATUS: Record<number, string> = {
  400: 'bad_request',
  408: 'request_timeout',
  414: 'uri_too_long',
  431: 'request_header_fields_too_large',
};

/**
 * Fastify answers a URL it cannot decode, or a path parameter over its length limit, before any
 * route (and so before Nest's exception filter) runs: these answer in the standard error body too.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void reply
    .status(status)
    .header(REQUEST_ID_HEADER, request.id)
    .header('content-type', 'application/json; charset=utf-8')
    .send({ status, code: CODE_OF_STATUS[status] ?? 'bad_request', message: error.message, requestId: String(request.id) });
}

/**
 * Node's HTTP parser refuses some requests (headers or URL too large, malformed HTTP) before Fastify
 * sees them. They get the standard error body, with a request id of their own, like every 4xx.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message =
    status === 431
      ? 'The request line and headers are larger than the server accepts'
      : status === 408
        ? 'The request did not arrive in time'
        : 'The request is not valid HTTP';
  const requestId = randomUUID();
  const body = JSON.stringify({ status, code: CODE_OF_STATUS[status], message, requestId });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n${REQUEST_ID_HEADER}: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
