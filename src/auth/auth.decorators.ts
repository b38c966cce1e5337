import { SetMetadata } from '@nestjs/common';
import type { UserRole } from '@prisma/client';

export const PUBLIC_ROUTE = 'auth:public';
export const REQUIRED_ROLE = 'auth:role';

/** No key needed (health, API docs). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The least role that may call this route; reads default to viewer, writes must say. */
export const RequireRole = (role: UserRole) => SetMetadata(REQUIRED_ROLE, role);
