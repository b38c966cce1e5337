import { Prisma } from '@prisma/client';

/** A quoted SQL identifier for a name read from the catalog (never from a request). */
export const identifier = (name: string): Prisma.Sql => Prisma.raw(`"${name.replace(/"/g, '""')}"`);
