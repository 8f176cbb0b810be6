import type { UserRow } from '../storage/rows.js';

import { ROLES, type Role } from '../contract/roles.js';

export { ROLES, type Role };
const RANK: Record<Role, number> = { agent: 0, supervisor: 1, admin: 2 };

/** Whether `role` is at least `minimum` (agent < supervisor < admin). */
export function hasRole(role: string, minimum: Role): boolean {
  return role in RANK && RANK[role as Role] >= RANK[minimum];
}

/** How a caller proved who they are. */
export interface Caller {
  user: UserRow;
  via: 'session' | 'token';
  /** The session's CSRF token, for a session caller. */
  csrfToken?: string;
  sessionHash?: string;
}
