import type { UserRole } from '@prisma/client';

/** Each role can do what the roles before it can. */
export const ROLE_ORDER: readonly UserRole[] = ['viewer', 'analyst', 'reviewer', 'admin'];

export function hasRole(actual: UserRole, required: UserRole): boolean {
  return ROLE_ORDER.indexOf(actual) >= ROLE_ORDER.indexOf(required);
}
