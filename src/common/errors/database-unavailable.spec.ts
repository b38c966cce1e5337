import { Prisma } from '@prisma/client';
import { isDatabaseUnavailable } from './database-unavailable.js';

describe('isDatabaseUnavailable', () => {
  it.each([
    // What pg throws for a query on a client whose connection the server dropped (issue 11, item 3).
    'Client has encountered a connection error and is not queryable',
    // pg-pool, when no connection frees up within the acquire timeout.
    'timeout exceeded when trying to connect',
    'Connection terminated unexpectedly',
    'terminating connection due to administrator command',
    'connect ECONNREFUSED 127.0.0.1:5432',
  ])('treats "%s" as an outage (503), raw or wrapped by Prisma', (message) => {
    expect(isDatabaseUnavailable(new Error(message))).toBe(true);
    expect(isDatabaseUnavailable(new Prisma.PrismaClientUnknownRequestError(message, { clientVersion: '6.19.3' }))).toBe(true);
  });

  it.each(['duplicate key value violates unique constraint', 'invalid input syntax for type uuid', 'Connection pool settings are fine'])(
    'does not treat "%s" as an outage',
    (message) => {
      expect(isDatabaseUnavailable(new Error(message))).toBe(false);
    },
  );
});
