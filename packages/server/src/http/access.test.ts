import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createCalmdesk } from '../server.js';
import type { RouteSpec } from './route-spec.js';
import {
  CALLERS,
  PEOPLE,
  createTestApp,
  expectErrorShape,
  message,
  type As,
  type CallResult,
  type TestApp,
} from './test-app.test-helper.js';

/*
 * Who may call what, written by hand: one row per route and method with the role it must need
 * and the status each caller gets when it calls the route with an empty body (an unknown id
 * where the route takes one, except conversations and contacts, which get real ones). Nothing
 * here is computed from the server's own role check or the routes' declared access, so a route
 * given the wrong role fails, and a route added without a row fails. The rows are called in
 * order, nobody first, then the agent, the supervisor and the admin.
 */

type Need = 'public' | 'webhook' | 'agent' | 'supervisor' | 'admin';
/** Route, the role it must need, then the status for nobody, an agent, a supervisor, an admin. */
type Row = readonly [
  route: string,
  need: Need,
  nobody: number,
  agent: number,
  supervisor: number,
  admin: number,
];

// prettier-ignore
const ACCESS: readonly Row[] = [
  // route                                                  need          nobody agent super admin
  ['GET /api/health',                                      'public',     200, 200, 200, 200],
  ['GET /api/openapi.json',                                'public',     200, 200, 200, 200],
  ['GET /api/docs',                                        'public',     200, 200, 200, 200],
  ['POST /api/v1/auth/login',                              'public',     400, 400, 400, 400],
  ['POST /api/v1/auth/session-tokens',                     'public',     400, 400, 400, 400],
  ['POST /api/v1/auth/logout',                             'agent',      401, 204, 204, 204],
  ['GET /api/v1/me',                                       'agent',      401, 200, 200, 200],
  ['GET /api/v1/setup',                                    'public',     200, 200, 200, 200],
  ['POST /api/v1/setup',                                   'public',     400, 400, 400, 400],
  ['GET /api/v1/users',                                    'agent',      401, 200, 200, 200],
  ['POST /api/v1/users',                                   'admin',      401, 403, 403, 400],
  ['PATCH /api/v1/users/{id}',                             'admin',      401, 403, 403, 404],
  ['DELETE /api/v1/users/{id}/sign-in-failures',           'admin',      401, 403, 403, 404],
  ['GET /api/v1/tokens',                                   'agent',      401, 200, 200, 200],
  ['POST /api/v1/tokens',                                  'agent',      401, 400, 400, 400],
  ['DELETE /api/v1/tokens/{id}',                           'agent',      401, 404, 404, 404],
  ['POST /api/v1/messages',                                'agent',      401, 400, 400, 400],
  ['POST /api/v1/messages/batch',                          'agent',      401, 400, 400, 400],
  ['GET /api/v1/conversations',                            'agent',      401, 200, 200, 200],
  ['GET /api/v1/conversations/{id}',                       'agent',      401, 200, 200, 200],
  // Real ids of Chatwoot's shape that no webhook brought.
  ['GET /api/v1/conversations/chatwoot/{accountId}/{conversationId}', 'agent', 401, 404, 404, 404],
  ['PATCH /api/v1/conversations/{id}',                     'agent',      401, 200, 200, 200],
  ['POST /api/v1/conversations/{id}/coach',                'agent',      401, 400, 400, 400],
  ['POST /api/v1/conversations/{id}/replies',              'agent',      401, 400, 400, 400],
  ['POST /api/v1/conversations/{id}/notes',                'agent',      401, 400, 400, 400],
  ['POST /api/v1/deliveries/{id}/retry',                   'agent',      401, 404, 404, 404],
  // The agent's escalation is created; the supervisor's and the admin's find it open already.
  ['POST /api/v1/conversations/{id}/escalations',          'agent',      401, 201, 409, 409],
  ['GET /api/v1/escalations',                              'supervisor', 401, 403, 200, 200],
  ['POST /api/v1/escalations/{id}/accept',                 'supervisor', 401, 403, 404, 404],
  ['POST /api/v1/escalations/{id}/return',                 'supervisor', 401, 403, 404, 404],
  ['POST /api/v1/escalations/{id}/resolve',                'supervisor', 401, 403, 404, 404],
  ['GET /api/v1/conversations/{id}/goodwill/suggestion',   'agent',      401, 200, 200, 200],
  ['POST /api/v1/conversations/{id}/goodwill',             'agent',      401, 400, 400, 400],
  ['GET /api/v1/goodwill',                                 'supervisor', 401, 403, 200, 200],
  ['POST /api/v1/goodwill/{id}/approve',                   'supervisor', 401, 403, 404, 404],
  ['POST /api/v1/goodwill/{id}/reject',                    'supervisor', 401, 403, 404, 404],
  ['GET /api/v1/follow-ups',                               'agent',      401, 200, 200, 200],
  ['GET /api/v1/contacts/{id}',                            'agent',      401, 200, 200, 200],
  ['PUT /api/v1/contacts/{id}/profile',                    'supervisor', 401, 403, 400, 400],
  ['GET /api/v1/policy',                                   'agent',      401, 200, 200, 200],
  ['GET /api/v1/exports/conversations',                    'supervisor', 401, 403, 200, 200],
  ['GET /api/v1/exports/follow-ups',                       'supervisor', 401, 403, 200, 200],
  ['GET /api/v1/exports/escalations',                      'supervisor', 401, 403, 200, 200],
  ['GET /api/v1/exports/goodwill',                         'supervisor', 401, 403, 200, 200],
  ['PUT /api/v1/policy',                                   'admin',      401, 403, 403, 200],
  ['GET /api/v1/audit',                                    'admin',      401, 403, 403, 200],
  ['GET /api/v1/webhook-deliveries',                       'admin',      401, 403, 403, 200],
  ['GET /api/v1/team',                                     'supervisor', 401, 403, 200, 200],
  ['GET /api/v1/events',                                   'agent',      401, 200, 200, 200],
  // A signed-in caller passes a webhook's check; nobody needs a signature or a token.
  ['POST /api/v1/webhooks/chatwoot',                       'webhook',    401, 400, 400, 400],
  ['POST /api/v1/webhooks/generic',                        'webhook',    401, 400, 400, 400],
];

/** What the OpenAPI document tells a reader about who may call, by hand for each need. */
const ACCESS_WORDS: Record<Need, string> = {
  public: 'Who may call it: Anyone.',
  webhook:
    'Who may call it: A webhook sender: HMAC signature when a secret is configured, otherwise an API token.',
  agent: 'Who may call it: Signed in: agent, supervisor or admin.',
  supervisor: 'Who may call it: Signed in as supervisor or admin.',
  admin: 'Who may call it: Signed in as admin.',
};

const ROW = new Map(ACCESS.map((row) => [row[0], row]));
const label = (route: RouteSpec) => `${route.method.toUpperCase()} ${route.path}`;

function rowOf(route: RouteSpec): Row {
  const row = ROW.get(label(route));
  if (row === undefined) throw new Error(`${label(route)} has no row in the access table`);
  return row;
}

/** The table's need of a route (undefined without a row, which the first test reports). */
const needOf = (route: RouteSpec): Need | undefined => ROW.get(label(route))?.[1];

/** The status the table gives this caller; the API token and the second agent are agents. */
function expectedStatus(route: RouteSpec, as: As): number {
  const [, , nobody, agent, supervisor, admin] = rowOf(route);
  if (as === null) return nobody;
  if (as === 'supervisor') return supervisor;
  if (as === 'admin') return admin;
  return agent;
}

/** Whether the table lets the caller past the access check of the route. */
function allowed(route: RouteSpec, as: As): boolean {
  return ![401, 403].includes(expectedStatus(route, as));
}

/** The error code of a refusal by the access check, after a space; nothing for any other status. */
function refusal(status: number): string {
  return status === 401 ? ' unauthenticated' : status === 403 ? ' forbidden' : '';
}

const name = (as: As) => (as === null ? 'nobody' : as);

// The route list, read at collection time from a Calmdesk with no people (no password hashing).
const ROUTES: readonly RouteSpec[] = await (async () => {
  const bare = await createCalmdesk(loadConfig({}, { dataDir: ':memory:', logLevel: 'silent' }), {
    log: { info: () => undefined, error: () => undefined },
  });
  await bare.store.close();
  return bare.routes;
})();

let t: TestApp;
const ids = { conversation: '', contact: '' };

beforeAll(async () => {
  t = await createTestApp();
  const res = await t.call('POST', '/api/v1/messages', { as: 'token', body: message() });
  expect(res.status, res.text).toBe(201);
  ids.conversation = res.json.conversationId;
  ids.contact = res.json.contactId;
});

afterAll(async () => {
  await t.close();
});

/** The route's path with real ids where a route needs one, otherwise a random (unknown) id. */
function pathOf(route: RouteSpec): string {
  const id = route.path.startsWith('/api/v1/conversations/')
    ? ids.conversation
    : route.path.startsWith('/api/v1/contacts/')
      ? ids.contact
      : crypto.randomUUID();
  return route.path.replace(/\{\w+\}/g, id);
}

/** A route may end a session (sign-out): sign anyone whose session ended in again. */
async function keepSignedIn(): Promise<void> {
  for (const who of PEOPLE) {
    if ((await t.call('GET', '/api/v1/me', { as: who })).status === 401) await t.signIn(who);
  }
}

function checkErrorShape(res: CallResult, context: string): void {
  if (res.status < 400) return;
  try {
    expectErrorShape(res);
  } catch (error) {
    throw new Error(`${context}: ${res.status} ${res.text}`, { cause: error });
  }
}

describe('every route checks who is calling', () => {
  it('has one row per route the server mounts, and no row for a route it does not', () => {
    expect(ROUTES.map(label)).toEqual(t.calmdesk.routes.map(label));
    expect(ROUTES.map(label).sort()).toEqual(ACCESS.map((row) => row[0]).sort());
  });

  it('the OpenAPI document lists exactly the routes of the table, each with its access', async () => {
    const res = await t.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const paths = res.json.paths as Record<string, Record<string, Record<string, unknown>>>;
    const documented = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(ACCESS.map((row) => row[0]).sort());
    for (const [route, need] of ACCESS) {
      const [method, path] = route.split(' ') as [string, string];
      const operation = paths[path]?.[method.toLowerCase()];
      expect(operation, route).toBeDefined();
      expect(operation!.description, route).toBe(ACCESS_WORDS[need]);
      const signedIn = need === 'agent' || need === 'supervisor' || need === 'admin';
      expect(operation!.security, route).toEqual(
        signedIn ? [{ session: [], csrf: [] }, { bearer: [] }] : [],
      );
      const responses = operation!.responses as Record<string, unknown>;
      // Every route behind a check documents its 401, and both sign-ins their wrong password.
      expect('401' in responses, `${route} documents 401`).toBe(
        need !== 'public' ||
          route === 'POST /api/v1/auth/login' ||
          route === 'POST /api/v1/auth/session-tokens',
      );
      // A role short of the need is refused, which the document says (some others say so too).
      expect(
        Object.keys(responses).includes('403') ||
          need === 'public' ||
          need === 'webhook' ||
          need === 'agent',
        `${route} documents 403`,
      ).toBe(true);
    }
  });

  it.each(ACCESS.map((row) => [row[0], row[1]] as const))(
    '%s is declared with the access %s',
    (route, need) => {
      const spec = ROUTES.find((r) => label(r) === route);
      expect(spec, route).toBeDefined();
      expect(spec!.access).toBe(need);
    },
  );

  it.each(ROUTES.map((r) => [label(r), r] as const))(
    '%s: nobody, an agent, a supervisor and an admin get the statuses of the table',
    async (_, route) => {
      const row = rowOf(route);
      const got: string[] = [];
      for (const as of [null, 'agent', 'supervisor', 'admin'] as const) {
        const body = route.method === 'get' ? undefined : {};
        const res = await t.call(route.method, pathOf(route), { as, body });
        checkErrorShape(res, `${label(route)} as ${name(as)}`);
        got.push(`${res.status}${refusal(res.status) === '' ? '' : ` ${res.json.error.code}`}`);
        await keepSignedIn();
      }
      const expected = [row[2], row[3], row[4], row[5]].map(
        (status) => `${status}${refusal(status)}`,
      );
      expect(got, label(route)).toEqual(expected);
      // The API token and the second agent are agents: refused exactly where the agent is.
      for (const as of ['agent2', 'token'] as const) {
        const res = await t.call(route.method, pathOf(route), {
          as,
          body: route.method === 'get' ? undefined : {},
        });
        const refused = res.status === 401 || res.status === 403;
        expect(refused, `${label(route)} as ${as}: ${res.text}`).toBe(!allowed(route, as));
        expect(res.status, `${label(route)} as ${as}: ${res.text}`).toBeLessThan(500);
      }
      await keepSignedIn();
      expect(t.errors).toEqual([]);
    },
  );

  it.each(ROUTES.filter((r) => needOf(r) !== 'public').map((r) => [label(r), r] as const))(
    '%s: the access check comes before any input is read',
    async (_, route) => {
      for (const as of CALLERS.filter((c) => !allowed(route, c))) {
        const context = `${label(route)} as ${name(as)}`;
        const res = await t.call(route.method, `${pathOf(route)}?limit=-1&unknown=%ff`, {
          as,
          body: route.method === 'get' ? undefined : '{"not json',
          csrf: false,
        });
        checkErrorShape(res, context);
        expect(res.status, `${context}: ${res.text}`).toBe(as === null ? 401 : 403);
        // Refused without reading the body: even the wrong content type is not mentioned.
        const wrongType = await t.call(route.method, pathOf(route), {
          as,
          body: route.method === 'get' ? undefined : 'text',
          headers: { 'content-type': 'text/plain' },
        });
        expect(wrongType.status, `${context}: ${wrongType.text}`).toBe(as === null ? 401 : 403);
      }
    },
  );

  const changing = ROUTES.filter((r) => r.method !== 'get' && needOf(r) !== 'public');

  it.each(changing.map((r) => [label(r), r] as const))(
    '%s: a session needs its CSRF token, an API token does not',
    async (_, route) => {
      for (const who of PEOPLE.filter((p) => allowed(route, p))) {
        const context = `${label(route)} as ${who}`;
        const missing = await t.call(route.method, pathOf(route), {
          as: who,
          body: {},
          csrf: false,
        });
        checkErrorShape(missing, context);
        expect(missing.status, `${context}: ${missing.text}`).toBe(403);
        expect(missing.json.error.code).toBe('csrf_failed');
        const wrong = await t.call(route.method, pathOf(route), {
          as: who,
          body: {},
          headers: { 'x-csrf-token': t.sessions[who === 'agent' ? 'agent2' : 'agent'].csrfToken },
        });
        expect(wrong.status, `${context}: ${wrong.text}`).toBe(403);
        expect(wrong.json.error.code).toBe('csrf_failed');
      }
      if (allowed(route, 'token')) {
        const res = await t.call(route.method, pathOf(route), { as: 'token', body: {} });
        expect([401, 403], `${label(route)} with a token: ${res.text}`).not.toContain(res.status);
      }
      await keepSignedIn();
    },
  );

  it('a webhook without a secret takes an API token in the URL, and nothing else', async () => {
    const webhooks = ROUTES.filter((r) => needOf(r) === 'webhook');
    expect(webhooks.length).toBeGreaterThan(0);
    for (const route of webhooks) {
      const ok = await t.call(route.method, `${route.path}?token=${t.token}`, { body: {} });
      expect([401, 403], `${label(route)}: ${ok.text}`).not.toContain(ok.status);
      for (const token of ['cd_not-a-token', 'nope', '']) {
        const res = await t.call(route.method, `${route.path}?token=${token}`, { body: {} });
        expect(res.status, `${label(route)} ?token=${token}`).toBe(401);
        expectErrorShape(res);
      }
    }
  });

  it('refuses forged, malformed and empty credentials', async () => {
    const attempts: Record<string, string>[] = [
      { authorization: 'Bearer cd_forged' },
      { authorization: `Bearer ${t.token}x` },
      { authorization: `Basic ${t.token}` },
      { authorization: 'Bearer' },
      { authorization: '' },
      { cookie: 'calmdesk_session=forged' },
      { cookie: 'calmdesk_session=' },
      { cookie: `calmdesk_session=${t.sessions.agent.cookie}x` },
    ];
    for (const headers of attempts) {
      const res = await t.call('GET', '/api/v1/me', { headers });
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expectErrorShape(res);
    }
  });

  it('answers an unknown route with the same error shape', async () => {
    for (const as of CALLERS) {
      const res = await t.call('GET', '/api/v1/no-such-route', { as });
      expect(res.status).toBe(404);
      expectErrorShape(res);
      expect(res.json.error.code).toBe('not_found');
    }
  });
});
