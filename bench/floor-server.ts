/**
 * The floor of `npm run bench:api` for the cached scorecard: a control, not a baseline. Bare
 * Fastify answers the bytes the service answered once (kept in memory) to every request, with no
 * key check, no validation, no logging and no database. What it measures is what any server pays on
 * this machine to send that answer and the client's cost of reading it: when the service's p99
 * equals this one's, the service is at the floor and the rest of its tail is the machine.
 */
import Fastify from 'fastify';

export async function startFloor(answer: { body: Buffer; contentType: string }, port: number): Promise<() => Promise<void>> {
  const app = Fastify({ logger: false });
  app.get('/scorecards', (_request, reply) => reply.header('content-type', answer.contentType).send(answer.body));
  await app.listen({ port, host: '127.0.0.1' });
  return () => app.close();
}
