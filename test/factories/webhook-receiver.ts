import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** The status the receiver answered with. */
  answered: number;
}

export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Status to answer the next request with; default 200. */
  respond: (request: ReceivedRequest, index: number) => number | 'hang';
  /** Successful (2xx) requests per Idempotency-Key header. */
  acceptedPerKey(): Map<string, number>;
  close(): Promise<void>;
}

/** A chat-tool stand-in on 127.0.0.1 and a random port, recording every request it gets. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const receiver = { respond: () => 200 } as unknown as WebhookReceiver;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received: ReceivedRequest = {
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        answered: 0,
      };
      const status = receiver.respond(received, requests.length);
      requests.push(received);
      if (status === 'hang') return;
      received.answered = status;
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'Internal Server Error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks/forecasts`,
    requests,
    acceptedPerKey: () => {
      const counts = new Map<string, number>();
      for (const request of requests) {
        if (request.answered < 200 || request.answered >= 300) continue;
        const key = String(request.headers['idempotency-key']);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
