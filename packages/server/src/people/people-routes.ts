import { deleteCookie, setCookie } from 'hono/cookie';
import { userView } from '../app/views.js';
import { LoginRequest, NewApiToken, NewUser, SetupRequest, UserUpdate } from '../contract/index.js';
import { CalmdeskError, notFound } from '../errors.js';
import { clientAddress, SESSION_COOKIE } from '../http/app.js';
import type { RouteDeps } from '../http/route-deps.js';
import { AuthService } from './auth-service.js';
import { SESSION_TOKEN_PREFIX } from './tokens.js';
import { route, type RouteSpec } from '../http/route-spec.js';

/** Sign-in, the first-run setup, people and personal API tokens. */
export function peopleRoutes(deps: RouteDeps): RouteSpec[] {
  const auth = deps.services.people;
  return [
    route({
      method: 'post',
      path: '/api/v1/auth/login',
      summary:
        'Sign in with email and password; sets the session cookie and returns the CSRF token',
      tag: 'people',
      access: 'public',
      body: LoginRequest,
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
      path: '/api/v1/auth/session-tokens',
      summary:
        'Sign in for a page framed by another site (the Chatwoot Dashboard App): the session comes back as a bearer token, no cookie is set',
      tag: 'people',
      access: 'public',
      status: 201,
      body: LoginRequest,
      responses: { 401: 'wrong email or password', 429: 'too many failed attempts' },
      handle: async ({ c, body }) => {
        // The same sign-in, counted by the same limiter; only the way the session travels differs.
        const session = await auth.login(body.email, body.password, clientAddress(c));
        return {
          user: userView(session.user),
          sessionToken: `${SESSION_TOKEN_PREFIX}${session.secret}`,
          expiresInSeconds: session.maxAgeSeconds,
        };
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
      handle: ({ caller }) =>
        Promise.resolve({
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
      body: SetupRequest,
      responses: { 403: 'wrong setup token', 409: 'set up already' },
      handle: async ({ body }) => ({ user: userView(await auth.completeSetup(body.token, body)) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/users',
      summary:
        'The team: ids, names and roles (for assigning conversations); emails and account state for supervisors and admins only',
      tag: 'people',
      access: 'agent',
      handle: async ({ caller }) => {
        const users = await auth.listUsers();
        // An agent needs a teammate's name to assign a conversation or read who did what; the
        // addresses and accounts are for those who run the team.
        if (AuthService.allowed(caller!, 'supervisor')) return { users };
        return { users: users.map(({ id, name, role }) => ({ id, name, role })) };
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/users',
      summary: 'Add a person to the team',
      tag: 'people',
      access: 'admin',
      status: 201,
      body: NewUser,
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
      body: UserUpdate,
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
        tokens: await auth.listApiTokens(caller!.user),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/tokens',
      summary: 'Create a personal API token for an integration; the secret is shown this once',
      tag: 'people',
      access: 'agent',
      status: 201,
      body: NewApiToken,
      handle: async ({ body, caller }) => auth.createApiToken(caller!.user, body.name),
    }),
    route({
      method: 'delete',
      path: '/api/v1/tokens/{id}',
      summary: 'Revoke one of your API tokens (an admin: anyone’s)',
      tag: 'people',
      access: 'agent',
      status: 204,
      responses: { 403: 'someone else’s token', 404: 'no such live token' },
      handle: async ({ params, caller }) => {
        await auth.revokeApiToken(caller!.user, params.id ?? '');
        return null;
      },
    }),
    route({
      method: 'delete',
      path: '/api/v1/users/{id}/sign-in-failures',
      summary:
        "Clear a person's failed sign-ins, so they need not wait before signing in (recorded in the audit log)",
      tag: 'people',
      access: 'admin',
      responses: { 404: 'no such user' },
      handle: async ({ params, caller }) => auth.clearSignInFailures(params.id ?? '', caller!.user),
    }),
  ];
}
