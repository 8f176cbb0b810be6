import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasRole, type Role } from '../people/roles.js';
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
 * Walks every route the server mounts, with every role, the agent's API token and no
 * credentials: the route list comes from the server itself, so a new route is covered the day
 * it is added. What each caller may do follows from the route's declared access.
 */

// The route list, read at collection time from a Calmdesk with no people (no password hashing).
const ROUTES: readonly RouteSpec[] = await (async () => {
  const bare = await createCalmdesk(loadConfig({}, { dataDir: ':memory:', logLevel: 'silent' }), {
    log: { info: () => undefined, error: () => undefined },
  });
  await bare.store.close();
  return bare.routes;
})();

const ROLE_OF: Record<Exclude<As, null>, Role> = {
  agent: 'agent',
  agent2: 'agent',
  token: 'agent',
  supervisor: 'supervisor',
  admin: 'admin',
};

/** Whether the caller gets past the access check of the route. */
function allowed(route: RouteSpec, as: As): boolean {
  if (route.access === 'public') return true;
  if (as === null) return false;
  if (route.access === 'webhook') return true;
  return hasRole(ROLE_OF[as], route.access);
}

const name = (as: As) => (as === null ? 'nobody' : as);
const label = (route: RouteSpec) => `${route.method.toUpperCase()} ${route.path}`;

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
  it('walks the routes the server mounts', () => {
    expect(ROUTES.map(label)).toEqual(t.calmdesk.routes.map(label));
    expect(ROUTES.length).toBeGreaterThan(30);
    for (const access of ['public', 'webhook', 'agent', 'supervisor', 'admin']) {
      expect(ROUTES.some((r) => r.access === access)).toBe(true);
    }
  });

  it.each(ROUTES.map((r) => [label(r), r] as const))(
    '%s: each caller gets what its role allows',
    async (_, route) => {
      for (const as of CALLERS) {
        const body = route.method === 'get' ? undefined : {};
        const res = await t.call(route.method, pathOf(route), { as, body });
        const context = `${label(route)} as ${name(as)}`;
        checkErrorShape(res, context);
        if (allowed(route, as)) {
          expect([401, 403], `${context}: ${res.text}`).not.toContain(res.status);
        } else if (as === null) {
          expect(res.status, context).toBe(401);
          expect(res.json.error.code, context).toBe('unauthenticated');
        } else {
          expect(res.status, context).toBe(403);
          expect(res.json.error.code, context).toBe('forbidden');
        }
        expect(res.status, `${context}: ${res.text}`).toBeLessThan(500);
      }
      await keepSignedIn();
      expect(t.errors).toEqual([]);
    },
  );

  it.each(ROUTES.filter((r) => r.access !== 'public').map((r) => [label(r), r] as const))(
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

  const changing = ROUTES.filter((r) => r.method !== 'get' && r.access !== 'public');

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
    const webhooks = ROUTES.filter((r) => r.access === 'webhook');
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
