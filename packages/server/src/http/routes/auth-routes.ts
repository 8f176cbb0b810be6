import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { ROLES } from '../../auth/roles.js';
import { MAX_PASSWORD_LENGTH } from '../../auth/passwords.js';
import { CalmdeskError, notFound } from '../../errors.js';
import { userView } from '../../services/views.js';
import { clientAddress, SESSION_COOKIE } from '../app.js';
import { route, type RouteSpec } from '../route-spec.js';
import type { RouteDeps } from './deps.js';

const Email = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address');
const Name = z.string().trim().min(1).max(200);
const Password = z.string().min(1).max(MAX_PASSWORD_LENGTH);

/** Sign-in, the first-run setup, people and personal API tokens. */
export function authRoutes(deps: RouteDeps): RouteSpec[] {
  const { auth } = deps;
  return [
    route({
      method: 'post',
      path: '/api/v1/auth/login',
      summary:
        'Sign in with email and password; sets the session cookie and returns the CSRF token',
      tag: 'people',
      access: 'public',
      body: z.object({ email: Email, password: Password }).strict(),
      responses: { 401: 'wrong email or password', 429: 'too many failed attempts' },
      handle: async ({ c, body }) => {
        const session = await auth.login(body.email, body.password, clientAddress(c));
        setCookie(c, SESSION_COOKIE, session.secret, {
          httpOnly: true,
          sameSite: 'Strict',
          secure: deps.secureCookies,
          path: '/',
          maxAge: session.maxAgeSeconds,
        });
        return { user: userView(session.user), csrfToken: session.csrfToken };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/auth/logout',
      summary: 'Sign out: ends the session',
      tag: 'people',
      access: 'agent',
      status: 204,
      handle: async ({ c, caller }) => {
        if (caller !== null) await auth.logout(caller);
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        return null;
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/me',
      summary: 'Who is signed in, with the CSRF token to send on changes',
      tag: 'people',
      access: 'agent',
      handle: async ({ caller }) => ({
        user: userView(caller!.user),
        via: caller!.via,
        csrfToken: caller!.csrfToken ?? null,
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/setup',
      summary: 'Whether the first admin still has to be created',
      tag: 'people',
      access: 'public',
      handle: async () => ({ needed: await auth.setupNeeded() }),
    }),
    route({
      method: 'post',
      path: '/api/v1/setup',
      summary: 'First run: create the first admin with the one-time token printed at start-up',
      tag: 'people',
      access: 'public',
      status: 201,
      body: z
        .object({ token: z.string().min(1).max(200), email: Email, name: Name, password: Password })
        .strict(),
      responses: { 403: 'wrong setup token', 409: 'set up already' },
      handle: async ({ body }) => ({ user: userView(await auth.completeSetup(body.token, body)) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/users',
      summary: 'The team: names and roles (for assigning conversations)',
      tag: 'people',
      access: 'agent',
      handle: async () => ({ users: (await deps.service.store.listUsers()).map(userView) }),
    }),
    route({
      method: 'post',
      path: '/api/v1/users',
      summary: 'Add a person to the team',
      tag: 'people',
      access: 'admin',
      status: 201,
      body: z
        .object({ email: Email, name: Name, role: z.enum(ROLES), password: Password })
        .strict(),
      responses: { 409: 'the email is taken' },
      handle: async ({ body, caller }) => ({
        user: userView(await auth.createUser(body, caller!.user)),
      }),
    }),
    route({
      method: 'patch',
      path: '/api/v1/users/{id}',
      summary: "Change a person's role, or disable their account",
      tag: 'people',
      access: 'admin',
      body: z.object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() }).strict(),
      handle: async ({ body, params, caller }) => {
        const id = params.id ?? '';
        if (
          id === caller!.user.id &&
          (body.disabled === true || (body.role !== undefined && body.role !== 'admin'))
        ) {
          throw new CalmdeskError(
            'conflict',
            'You cannot demote or disable yourself: ask another admin.',
          );
        }
        const user = await auth.updateUser(id, body, caller!.user);
        if (user === undefined) throw notFound('user', id);
        return { user: userView(user) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/tokens',
      summary: 'Your personal API tokens (never the secrets)',
      tag: 'people',
      access: 'agent',
      handle: async ({ caller }) => ({
        tokens: (await deps.service.store.listApiTokens(caller!.user.id)).map((t) => ({
          id: t.id,
          name: t.name,
          createdAt: t.createdAt,
          lastUsedAt: t.lastUsedAt,
          revokedAt: t.revokedAt,
        })),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/tokens',
      summary: 'Create a personal API token for an integration; the secret is shown this once',
      tag: 'people',
      access: 'agent',
      status: 201,
      body: z.object({ name: Name }).strict(),
      handle: async ({ body, caller }) => auth.createApiToken(caller!.user, body.name),
    }),
    route({
      method: 'delete',
      path: '/api/v1/tokens/{id}',
      summary: 'Revoke one of your API tokens',
      tag: 'people',
      access: 'agent',
      status: 204,
      handle: async ({ params, caller }) => {
        if (!(await auth.revokeApiToken(caller!.user, params.id ?? '')))
          throw notFound('API token', params.id ?? '');
        return null;
      },
    }),
  ];
}
