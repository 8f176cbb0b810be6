import type { UserRow } from '../storage/store.js';

/** The three roles, each allowed everything the one before it is. */
export type Role = 'agent' | 'supervisor' | 'admin';
export const ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];
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
