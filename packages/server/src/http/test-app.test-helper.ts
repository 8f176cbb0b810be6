import { expect } from 'vitest';
import type { Role } from '../people/roles.js';
import { loadConfig, type ConfigInput } from '../config.js';
import { createCalmdesk, type Calmdesk, type Logger } from '../server.js';
import type { UserRow } from '../storage/store.js';

/**
 * A Calmdesk for HTTP tests: in-memory SQLite, a fake clock, one signed-in person per role and
 * an API token, all reached through the real HTTP handler (`app.request`), never the service.
 */

export const START = new Date('2026-11-27T10:00:00Z');

/** A clock the test moves by hand. */
export interface FakeClock {
  now: () => Date;
  advance: (ms: number) => void;
}

export function fakeClock(start: Date = START): FakeClock {
  let ms = start.getTime();
  return {
    now: () => new Date(ms),
    advance: (by) => {
      ms += by;
    },
  };
}

/** Who calls: a signed-in person (by session cookie), the agent's API token, or nobody. */
export type Person = 'agent' | 'agent2' | 'supervisor' | 'admin';
export type As = Person | 'token' | null;
export const PEOPLE: readonly Person[] = ['agent', 'agent2', 'supervisor', 'admin'];
export const CALLERS: readonly As[] = [...PEOPLE, 'token', null];
const ROLE_OF: Record<Person, Role> = {
  agent: 'agent',
  agent2: 'agent',
  supervisor: 'supervisor',
  admin: 'admin',
};

export interface CallOptions {
  as?: As;
  /** Sent as JSON; a string is sent as it is (for malformed JSON). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Whether a session caller sends its CSRF token on a change (default true). */
  csrf?: boolean;
}

export interface CallResult {
  status: number;
  /** The parsed body when it is JSON, else undefined. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
  headers: Headers;
}

export interface Session {
  user: UserRow;
  email: string;
  password: string;
  cookie: string;
  csrfToken: string;
}

export interface TestApp {
  calmdesk: Calmdesk;
  clock: FakeClock;
  /** Lines the server logged as errors: an unexpected failure shows up here. */
  errors: string[];
  /** Every response body `call` has read, to check that no secret ever leaves the server. */
  texts: string[];
  sessions: Record<Person, Session>;
  /** The agent's personal API token. */
  token: string;
  call: (method: string, path: string, options?: CallOptions) => Promise<CallResult>;
  /** Signs a person in again (after a test ended their session). */
  signIn: (who: Person) => Promise<void>;
  close: () => Promise<void>;
}

/** The session cookie's value from a Set-Cookie header, if it sets one. */
export function sessionCookieOf(headers: Headers): string | undefined {
  const set = headers.getSetCookie?.() ?? [headers.get('set-cookie') ?? ''];
  for (const line of set) {
    const match = /(?:^|\s)calmdesk_session=([^;]*)/.exec(line);
    if (match?.[1] !== undefined && match[1] !== '') return match[1];
  }
  return undefined;
}

export const PASSWORD = 'correct horse battery staple';

export interface TestAppOptions {
  config?: ConfigInput;
  /** Create the four people and the token (default true). */
  people?: boolean;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = fakeClock();
  const errors: string[] = [];
  const log: Logger = { info: () => undefined, error: (line) => void errors.push(line) };
  const config = loadConfig({}, { dataDir: ':memory:', logLevel: 'silent', ...options.config });
  const calmdesk = await createCalmdesk(config, { now: clock.now, log });
  const sessions = {} as Record<Person, Session>;
  const texts: string[] = [];
  let token = '';

  const call = async (
    method: string,
    path: string,
    { as = null, body, headers = {}, csrf = true }: CallOptions = {},
  ): Promise<CallResult> => {
    const h: Record<string, string> = {};
    if (body !== undefined) h['content-type'] = 'application/json';
    if (as === 'token') h.authorization = `Bearer ${token}`;
    else if (as !== null) {
      const session = sessions[as];
      h.cookie = `calmdesk_session=${session.cookie}`;
      if (csrf && method.toUpperCase() !== 'GET') h['x-csrf-token'] = session.csrfToken;
    }
    Object.assign(h, headers);
    const response = await calmdesk.app.request(path, {
      method: method.toUpperCase(),
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    // A live stream never ends by itself: callers that want it use app.request directly.
    const streaming = /event-stream/.test(response.headers.get('content-type') ?? '');
    if (streaming) await response.body?.cancel();
    const text = streaming ? '' : await response.text();
    texts.push(text);
    let json: unknown = undefined;
    // JSON and problem+json, not JSON lines (application/x-ndjson), which is many documents.
    if (/(^|[/+])json(;|$)/.test(response.headers.get('content-type') ?? ''))
      json = JSON.parse(text);
    return { status: response.status, json, text, headers: response.headers };
  };

  const signIn = async (who: Person) => {
    const { email, password, user } = sessions[who];
    const res = await call('POST', '/api/v1/auth/login', { body: { email, password } });
    expect(res.status, res.text).toBe(200);
    const cookie = sessionCookieOf(res.headers);
    expect(cookie).toBeDefined();
    sessions[who] = { user, email, password, cookie: cookie!, csrfToken: res.json.csrfToken };
  };

  if (options.people !== false) {
    for (const who of PEOPLE) {
      const email = `${who}@example.com`;
      const user = await calmdesk.services.people.createUser(
        { email, name: `Test ${who}`, role: ROLE_OF[who], password: PASSWORD },
        null,
      );
      sessions[who] = { user, email, password: PASSWORD, cookie: '', csrfToken: '' };
      await signIn(who);
    }
    const created = await call('POST', '/api/v1/tokens', {
      as: 'agent',
      body: { name: 'test integration' },
    });
    expect(created.status, created.text).toBe(201);
    token = created.json.token;
  }

  return {
    calmdesk,
    clock,
    errors,
    texts,
    sessions,
    get token() {
      return token;
    },
    call,
    signIn,
    close: () => calmdesk.store.close(),
  };
}

/** Every error has one shape, `{ error: { code, message, details } }`, and never a stack trace. */
export function expectErrorShape(res: CallResult): void {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.headers.get('content-type') ?? '').toMatch(/application\/json/);
  expect(Object.keys(res.json as object)).toEqual(['error']);
  expect(Object.keys(res.json.error as object).sort()).toEqual(['code', 'details', 'message']);
  expect(typeof res.json.error.code).toBe('string');
  expect(typeof res.json.error.message).toBe('string');
  expect(res.json.error.message.length).toBeGreaterThan(0);
  expect(res.text).not.toContain('    at ');
}

let counter = 0;

/** A valid message to ingest; each call a new contact, conversation and external id unless given. */
export function message(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    externalId: `msg-${counter}-${crypto.randomUUID()}`,
    contact: { externalId: `contact-${counter}`, name: `Customer ${counter}` },
    conversation: { externalId: `conv-${counter}-${crypto.randomUUID()}`, channel: 'chat' },
    text: 'Hi, could you tell me whether the blue jacket comes in a size M? Thanks!',
    ...overrides,
  };
}
