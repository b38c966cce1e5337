import type { Prisma } from '@prisma/client';

/**
 * An audit entry about a user (written here rather than through AuditService, which imports this
 * module's Actor: the two modules would depend on each other).
 */
export function recordOnUser(
  tx: Prisma.TransactionClient,
  actor: { userId: string; requestId: string },
  action: string,
  userId: string,
  change: { before?: Prisma.InputJsonObject; after?: Prisma.InputJsonObject },
): Promise<unknown> {
  return tx.auditEntry.create({
    data: { actorId: actor.userId, action, entityType: 'user', entityId: userId, requestId: actor.requestId, ...change },
  });
}
