import { newId } from '../ids.js';
import { timingSafeEqual } from 'node:crypto';
import { CalmdeskError, notFound } from '../errors.js';
import { hasRole, requireRole, type Caller, type Role } from './roles.js';
import type { Store, UserRow } from '../storage/store.js';
import { userView } from '../app/views.js';
import type { User } from '../contract/index.js';
import { LoginLimiter } from './login-limiter.js';
import { checkPassword, hashPassword, verifyPassword } from './passwords.js';
import { API_TOKEN_PREFIX, SESSION_TOKEN_PREFIX, hashSecret, randomSecret } from './tokens.js';

export interface AuthOptions {
  store: Store;
  sessionHours: number;
  loginAttempts: number;
  now: () => Date;
}

// A hash to compare against when the email is unknown, so a wrong email takes as long as a
// wrong password and sign-in does not reveal who has an account.
const DUMMY_HASH = hashPassword('calmdesk-no-such-user-password');

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * People and their credentials: accounts, sign-in sessions (an opaque cookie whose hash is
 * stored), CSRF tokens bound to the session, personal API tokens, and the first-run setup.
 */
export class AuthService {
  private readonly store: Store;
  private readonly sessionHours: number;
  private readonly now: () => Date;
  private readonly limiter: LoginLimiter;
  /** The one-time secret that lets the first admin be created from a browser; none once anyone exists. */
  private setupToken: string | undefined;

  constructor(options: AuthOptions) {
    this.store = options.store;
    this.sessionHours = options.sessionHours;
    this.now = options.now;
    // Counted in the database, so every instance sharing it sees the same failures.
    this.limiter = new LoginLimiter(options.store, options.loginAttempts, 15 * 60_000);
  }

  /** Whether the database answers (the health check asks). */
  async ping(): Promise<void> {
    await this.store.countUsers();
  }

  /** Everyone with an account, oldest first. */
  async listUsers(): Promise<User[]> {
    return (await this.store.listUsers()).map(userView);
  }

  /** A person's own API tokens, never their secrets. */
  async listApiTokens(user: UserRow) {
    return (await this.store.listApiTokens(user.id)).map((t) => ({
      id: t.id,
      name: t.name,
      createdAt: t.createdAt,
      lastUsedAt: t.lastUsedAt,
      revokedAt: t.revokedAt,
    }));
  }

  async createUser(
    input: { email: string; name: string; role: Role; password: string },
    actor: UserRow | null,
  ): Promise<UserRow> {
    // Defence in depth: the route needs an admin too. No actor is the server itself (the
    // first-run setup, the CLI, the demo), which never acts for a caller.
    if (actor !== null) requireRole(actor, 'admin', 'Adding a person to the team');
    const problem = checkPassword(input.password);
    if (problem !== null) {
      throw new CalmdeskError('invalid_request', `The password ${problem}.`, { field: 'password' });
    }
    const email = input.email.trim().toLowerCase();
    const now = this.now().toISOString();
    const user: UserRow = {
      id: newId(),
      email,
      name: input.name.trim(),
      role: input.role,
      passwordHash: await hashPassword(input.password),
      createdAt: now,
      disabled: 0,
    };
    await this.store.transaction(async (tx) => {
      if ((await tx.getUserByEmail(email)) !== undefined) {
        throw new CalmdeskError('conflict', `A user with the email ${email} exists already.`);
      }
      await tx.insertUser(user);
      await tx.appendAudit({
        at: now,
        actorId: actor?.id ?? null,
        action: 'user.created',
        entity: 'user',
        entityId: user.id,
        details: JSON.stringify({ email, role: input.role }),
      });
    });
    return user;
  }

  /**
   * Signs in; returns the cookie secret and CSRF token. Failures are counted per address and per
   * account (see `LoginLimiter`): an address guessing too often waits, an account guessed at is
   * slowed down but never locked against its owner.
   */
  async login(email: string, password: string, address: string) {
    const nowMs = this.now().getTime();
    const account = email.trim().toLowerCase();
    const { retryAfter: wait, accountFailures } = await this.limiter.check(address, account, nowMs);
    if (wait > 0) {
      throw new CalmdeskError('rate_limited', `Too many failed sign-ins: try again in ${wait} s.`, {
        retryAfter: wait,
      });
    }
    const user = await this.store.getUserByEmail(account);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH));
    if (user === undefined || !ok || user.disabled === 1) {
      await this.limiter.fail(address, account, nowMs);
      throw new CalmdeskError('unauthenticated', 'Wrong email or password.');
    }
    if (accountFailures > 0) await this.limiter.succeed(account);
    const secret = randomSecret();
    const csrfToken = randomSecret();
    const now = new Date(nowMs);
    await this.store.transaction(async (tx) => {
      await tx.insertSession({
        idHash: hashSecret(secret),
        userId: user.id,
        csrfToken,
        createdAt: now.toISOString(),
        expiresAt: new Date(nowMs + this.sessionHours * 3_600_000).toISOString(),
      });
      await tx.appendAudit({
        at: now.toISOString(),
        actorId: user.id,
        action: 'user.signed_in',
        entity: 'user',
        entityId: user.id,
        details: JSON.stringify({ address }),
      });
    });
    return { user, secret, csrfToken, maxAgeSeconds: Math.round(this.sessionHours * 3600) };
  }

  async logout(caller: Caller): Promise<void> {
    if (caller.sessionHash !== undefined) await this.store.deleteSession(caller.sessionHash);
  }

  /** Who is calling, from a bearer API token or the session cookie; null when neither is valid. */
  async identify(
    authorization: string | undefined,
    cookie: string | undefined,
  ): Promise<Caller | null> {
    const now = this.now().toISOString();
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (match?.[1]?.startsWith(SESSION_TOKEN_PREFIX) === true) {
        return this.identifySessionToken(match[1].slice(SESSION_TOKEN_PREFIX.length), now);
      }
      if (match === null || !match[1]?.startsWith(API_TOKEN_PREFIX)) return null;
      const found = await this.store.getApiTokenUser(hashSecret(match[1]));
      if (found === undefined || found.user.disabled === 1) return null;
      // Last use is recorded at most once a minute, not on every ingest.
      const last = found.tokenLastUsedAt;
      if (last === null || Date.parse(now) - Date.parse(last) > 60_000) {
        await this.store.touchApiToken(found.tokenId, now);
      }
      const user = found.user;
      return { user, via: 'token' };
    }
    if (cookie !== undefined && cookie.length > 0) {
      const sessionHash = hashSecret(cookie);
      const session = await this.store.getSessionUser(sessionHash, now);
      if (session === undefined || session.user.disabled === 1) return null;
      const user = session.user;
      return { user, via: 'session', csrfToken: session.csrfToken, sessionHash };
    }
    return null;
  }

  /**
   * A session sent as a bearer token (see SESSION_TOKEN_PREFIX). It counts as a token caller: a
   * browser never attaches an Authorization header by itself, so no other site can make a request
   * carry it, and the CSRF token has nothing to protect. Signing out still ends the session.
   */
  private async identifySessionToken(secret: string, now: string): Promise<Caller | null> {
    if (secret.length === 0) return null;
    const sessionHash = hashSecret(secret);
    const session = await this.store.getSessionUser(sessionHash, now);
    if (session === undefined || session.user.disabled === 1) return null;
    return { user: session.user, via: 'token', sessionHash };
  }

  /** A session caller changing anything must send the session's CSRF token in X-CSRF-Token. */
  checkCsrf(caller: Caller, header: string | undefined): void {
    if (caller.via !== 'session') return;
    if (
      header === undefined ||
      caller.csrfToken === undefined ||
      !sameSecret(header, caller.csrfToken)
    ) {
      throw new CalmdeskError(
        'csrf_failed',
        'Missing or wrong X-CSRF-Token header: get it from /api/v1/me.',
      );
    }
  }

  async createApiToken(user: UserRow, name: string) {
    const token = `${API_TOKEN_PREFIX}${randomSecret()}`;
    const now = this.now().toISOString();
    const row = {
      id: newId(),
      userId: user.id,
      name,
      tokenHash: hashSecret(token),
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.store.transaction(async (tx) => {
      await tx.insertApiToken(row);
      await tx.appendAudit({
        at: now,
        actorId: user.id,
        action: 'token.created',
        entity: 'api_token',
        entityId: row.id,
        details: JSON.stringify({ name }),
      });
    });
    return { id: row.id, name, createdAt: now, token };
  }

  /**
   * Revokes an API token: one's own, or as an admin anyone's. Someone else's token is refused
   * with 403 (it exists, and stays valid), never a 404 that reads as if it were gone.
   */
  async revokeApiToken(user: UserRow, id: string): Promise<void> {
    const now = this.now().toISOString();
    await this.store.transaction(async (tx) => {
      const token = await tx.getApiToken(id);
      if (token === undefined || token.revokedAt !== null) throw notFound('live API token', id);
      if (token.userId !== user.id && !hasRole(user.role, 'admin')) {
        throw new CalmdeskError(
          'forbidden',
          'This API token is someone else’s: only they or an admin may revoke it.',
        );
      }
      await tx.revokeApiToken(id, token.userId, now);
      await tx.appendAudit({
        at: now,
        actorId: user.id,
        action: 'token.revoked',
        entity: 'api_token',
        entityId: id,
        details: JSON.stringify(token.userId === user.id ? {} : { ownerId: token.userId }),
      });
    });
  }

  /**
   * An admin clears a person's failed sign-ins, so they wait no more, on every instance (the
   * failures are counted in the database). Recorded in the audit log. `cleared` says whether
   * there were any.
   */
  async clearSignInFailures(id: string, actor: UserRow): Promise<{ cleared: boolean }> {
    const user = await this.store.getUser(id);
    if (user === undefined) throw notFound('user', id);
    const now = this.now().toISOString();
    return this.store.transaction(async (tx) => {
      const cleared = await this.limiter.clearAccount(user.email, tx);
      await tx.appendAudit({
        at: now,
        actorId: actor.id,
        action: 'user.sign_in_cleared',
        entity: 'user',
        entityId: id,
        details: JSON.stringify({ cleared }),
      });
      return { cleared };
    });
  }

  /**
   * On a first start with no users, a one-time setup token (printed to the console) lets the
   * first admin be created; there is never a default password.
   */
  async prepareSetup(): Promise<string | undefined> {
    if ((await this.store.countUsers()) > 0) return undefined;
    this.setupToken = randomSecret();
    return this.setupToken;
  }

  async setupNeeded(): Promise<boolean> {
    return this.setupToken !== undefined && (await this.store.countUsers()) === 0;
  }

  async completeSetup(
    token: string,
    input: { email: string; name: string; password: string },
  ): Promise<UserRow> {
    const needed = await this.setupNeeded();
    // Read after the await: a request racing this one may have claimed the token meanwhile.
    const expected = this.setupToken;
    if (!needed || expected === undefined) {
      throw new CalmdeskError('setup_done', 'Calmdesk is set up already: sign in instead.');
    }
    if (!sameSecret(token, expected)) {
      throw new CalmdeskError(
        'forbidden',
        'Wrong setup token: use the one printed when the server started.',
      );
    }
    // Claimed before the slow password hash, so two requests racing with it create one admin;
    // given back if this one fails (a weak password), so setup can still be finished.
    this.setupToken = undefined;
    try {
      return await this.createUser({ ...input, role: 'admin' }, null);
    } catch (error) {
      this.setupToken = expected;
      throw error;
    }
  }

  /** An admin changes a role or disables an account; disabling ends its sessions and tokens. */
  async updateUser(
    id: string,
    patch: { role?: Role | undefined; disabled?: boolean | undefined },
    actor: UserRow,
  ): Promise<UserRow | undefined> {
    requireRole(actor, 'admin', 'Changing a role or an account');
    const now = this.now().toISOString();
    return this.store.transaction(async (tx) => {
      const user = await tx.getUser(id);
      if (user === undefined) return undefined;
      const changes: Partial<UserRow> = {};
      if (patch.role !== undefined) changes.role = patch.role;
      if (patch.disabled !== undefined) changes.disabled = patch.disabled ? 1 : 0;
      await tx.updateUser(id, changes);
      // Disabling ends every session and API token for good: enabling the account again later
      // must not bring back a cookie or a token from before.
      const ended =
        patch.disabled === true
          ? {
              sessionsEnded: await tx.deleteSessionsOf(id),
              tokensRevoked: await tx.revokeApiTokensOf(id, now),
            }
          : {};
      await tx.appendAudit({
        at: now,
        actorId: actor.id,
        action: 'user.updated',
        entity: 'user',
        entityId: id,
        details: JSON.stringify({ ...patch, ...ended }),
      });
      return { ...user, ...changes };
    });
  }

  static allowed(caller: Caller, minimum: Role): boolean {
    return hasRole(caller.user.role, minimum);
  }
}
