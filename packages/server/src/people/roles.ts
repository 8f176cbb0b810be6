import { CalmdeskError } from '../errors.js';
import type { UserRow } from '../storage/rows.js';

import { ROLES, type Role } from '../contract/roles.js';

export { ROLES, type Role };
const RANK: Record<Role, number> = { agent: 0, supervisor: 1, admin: 2 };

/** Whether `role` is at least `minimum` (agent < supervisor < admin). */
export function hasRole(role: string, minimum: Role): boolean {
  return role in RANK && RANK[role as Role] >= RANK[minimum];
}

/**
 * Refuses a person short of `minimum` with the API's 403: a service's own check on its
 * sensitive actions, so a route that forgets its access rule still cannot let them through.
 */
export function requireRole(user: Pick<UserRow, 'role'>, minimum: Role, action: string): void {
  if (!hasRole(user.role, minimum)) {
    throw new CalmdeskError(
      'forbidden',
      `${action} needs the ${minimum} role or above; you are ${user.role}.`,
    );
  }
}

/** How a caller proved who they are. */
export interface Caller {
  user: UserRow;
  via: 'session' | 'token';
  /** The session's CSRF token, for a session caller. */
  csrfToken?: string;
  sessionHash?: string;
}
