import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import type { z } from 'zod';
import type { AuthService } from '../people/auth-service.js';
import { hasRole, type Caller } from '../people/roles.js';
import { CalmdeskError } from '../errors.js';
import { checkJsonShape } from './json-shape.js';
import type { RouteSpec } from './route-spec.js';
import { mountWebApp } from './web-assets.js';

export const SESSION_COOKIE = 'calmdesk_session';
/**
 * The largest request body a route takes unless it says otherwise (RouteSpec.maxBodyBytes): one
 * message of 100,000 characters fits even with every character escaped. Larger bodies are
 * refused before they are read.
 */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** The largest body of a batch route: a batch of long messages fits. */
export const MAX_BATCH_BODY_BYTES = 16 * 1024 * 1024;

export interface AppDeps {
  auth: AuthService;
  routes: readonly RouteSpec[];
  secureCookies: boolean;
  /** The built web app, served at / when given. */
  webDir?: string | undefined;
  /**
   * The origin of the Chatwoot that may frame the Chatwoot Dashboard App page (from
   * CALMDESK_CHATWOOT_URL). Without it that page is as unframeable as the rest of the app.
   */
  chatwootOrigin?: string | undefined;
  /** Where unexpected errors go; their detail never reaches the caller. */
  logError: (error: unknown, context: string) => void;
}

type Issue = { path: PropertyKey[]; message: string };

function validationError(where: string, issues: readonly Issue[]): CalmdeskError {
  const details = issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = details[0];
  const message =
    first === undefined
      ? `Invalid ${where}.`
      : `Invalid ${where}: ${first.path === '' ? '' : `${first.path}: `}${first.message}${details.length > 1 ? ` (and ${details.length - 1} more)` : ''}.`;
  return new CalmdeskError('invalid_request', message, details);
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error.issues);
  return result.data;
}

/**
 * Parses a JSON body, after refusing a shape too costly to parse (checkJsonShape). Text holding a NUL or an unpaired surrogate (valid JSON escapes such as
 * "\u0000" or "\ud800") is refused: PostgreSQL cannot store a NUL, and both databases would
 * silently replace a lone surrogate, so what was sent would not be what is kept.
 */
export function parseJsonBody(raw: string): unknown {
  checkJsonShape(raw);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new CalmdeskError(
      'invalid_json',
      `The body is not valid JSON: ${(error as Error).message}`,
    );
  }
  const path = unstorableTextPath(parsed);
  if (path !== undefined) {
    const message = 'contains a NUL character or an unpaired surrogate (\\u0000, \\ud800-\\udfff)';
    throw new CalmdeskError(
      'invalid_request',
      `Invalid body: ${path === '' ? '' : `${path}: `}${message}.`,
      [{ path, message }],
    );
  }
  return parsed;
}

const LONE_SURROGATE = /\p{Cs}/u;

/** Where the first string or key that cannot be stored as sent is; walked without recursion. */
function unstorableTextPath(value: unknown): string | undefined {
  const bad = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);
  const stack: [unknown, string][] = [[value, '']];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [v, path] = item;
    const at = (key: string) => (path === '' ? key : `${path}.${key}`);
    if (typeof v === 'string') {
      if (bad(v)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i -= 1) stack.push([v[i], at(String(i))]);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      for (const [key] of entries) if (bad(key)) return at(key);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, child] = entries[i]!;
        stack.push([child, at(key)]);
      }
    }
  }
  return undefined;
}

function tooLarge(maxBytes: number): CalmdeskError {
  return new CalmdeskError(
    'payload_too_large',
    `The body is over ${maxBytes / 1024 / 1024} MB, the most this route takes.`,
    { maxBytes },
  );
}

/**
 * The request body as text, refused past `maxBytes` while it is still arriving. Under Node it
 * is read straight from the socket's stream: building a web Request around it first costs more
 * than the rest of a small ingest.
 */
export async function readBody(c: Context, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<string> {
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming === undefined) {
    const text = await c.req.text();
    if (Buffer.byteLength(text) > maxBytes) throw tooLarge(maxBytes);
    return text;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of incoming) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof CalmdeskError) throw error;
    // The client went away mid-body: nothing was stored, and nobody is left to answer.
    throw new CalmdeskError('invalid_request', 'The request was cut off before its body arrived.');
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The address a request came from (the socket's; no proxy headers are trusted). */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

export function errorBody(error: CalmdeskError) {
  return { error: { code: error.code, message: error.message, details: error.details ?? null } };
}

/**
 * The HTTP app: every route of `routes` behind one access check and one input check, errors
 * mapped to `{ "error": { code, message, details } }` in one place.
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();

  // Registered before the secure headers so that it runs after them on the way out: only the
  // Dashboard App page, and only for the configured Chatwoot, trades DENY for one frame ancestor.
  if (deps.chatwootOrigin !== undefined) {
    const origin = deps.chatwootOrigin;
    for (const path of CHATWOOT_APP_PATHS) {
      app.get(path, async (c, next) => {
        await next();
        allowFramingBy(c, origin);
      });
    }
  }
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
      // The same answer as frame-ancestors 'none', for browsers that only read this header.
      xFrameOptions: 'DENY',
    }),
  );
  // No API answer is kept by a browser or a proxy: they carry sessions, tokens and customers'
  // words. Set after the handler, over the live stream's own "no-cache", errors included.
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.onError((error, c) => {
    if (error instanceof CalmdeskError) {
      if (error.code === 'rate_limited') {
        const retry = (error.details as { retryAfter?: number } | undefined)?.retryAfter;
        if (retry !== undefined) c.header('Retry-After', String(retry));
      }
      return c.json(errorBody(error), error.status);
    }
    deps.logError(error, `${c.req.method} ${c.req.path}`);
    return c.json(
      errorBody(
        new CalmdeskError('internal', 'Something went wrong on our side; it has been logged.'),
      ),
      500,
    );
  });

  if (deps.webDir !== undefined) {
    mountWebApp(app, deps.webDir, { chatwootOrigin: deps.chatwootOrigin });
  }

  app.notFound((c) =>
    c.json(
      errorBody(new CalmdeskError('not_found', `No route ${c.req.method} ${c.req.path}.`)),
      404,
    ),
  );

  for (const spec of deps.routes) {
    const honoPath = spec.path.replace(/\{(\w+)\}/g, ':$1');
    app.on(spec.method.toUpperCase(), honoPath, async (c) => {
      const caller = await resolveCaller(c, deps);
      authorize(spec, caller, c, deps);

      let raw = '';
      let body: unknown = undefined;
      if (spec.body !== undefined) {
        const type = c.req.header('content-type') ?? '';
        if (!/^application\/json\b/i.test(type)) {
          throw new CalmdeskError(
            'unsupported_media_type',
            'Send JSON with Content-Type: application/json.',
          );
        }
        raw = await readBody(c, spec.maxBodyBytes);
        body = parseWith(spec.body, parseJsonBody(raw), 'body');
      }
      const query =
        spec.query === undefined ? undefined : parseWith(spec.query, c.req.query(), 'query');
      const result = await spec.handle({
        c,
        caller,
        body,
        query,
        params: c.req.param(),
        raw,
      });
      if (result instanceof Response) return result;
      if (spec.status === 204) return c.body(null, 204);
      return c.json(result, spec.status ?? 200);
    });
  }
  return app;
}

/** Where the Chatwoot Dashboard App page is served (the build's chatwoot-app.html). */
export const CHATWOOT_APP_PATHS = ['/chatwoot-app', '/chatwoot-app.html'] as const;

/**
 * Lets exactly `origin` frame this response: frame-ancestors names it, and X-Frame-Options goes,
 * since its only values (DENY, SAMEORIGIN) would refuse the cross-origin frame in browsers that
 * read it before the CSP.
 */
function allowFramingBy(c: Context, origin: string): void {
  const csp = c.res.headers.get('content-security-policy');
  if (csp !== null) {
    c.res.headers.set(
      'content-security-policy',
      csp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${origin}`),
    );
  }
  c.res.headers.delete('x-frame-options');
}

async function resolveCaller(c: Context, deps: AppDeps): Promise<Caller | null> {
  return deps.auth.identify(c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
}

/** The one access check: signed in, the role, and CSRF for a session changing anything. */
function authorize(spec: RouteSpec, caller: Caller | null, c: Context, deps: AppDeps): void {
  if (spec.access === 'public' || spec.access === 'webhook') return;
  if (caller === null) {
    throw new CalmdeskError(
      'unauthenticated',
      'Sign in, or send an API token as "Authorization: Bearer cd_...".',
    );
  }
  if (!hasRole(caller.user.role, spec.access)) {
    throw new CalmdeskError(
      'forbidden',
      `This needs the ${spec.access} role or above; you are ${caller.user.role}.`,
    );
  }
  if (spec.method !== 'get') deps.auth.checkCsrf(caller, c.req.header('x-csrf-token'));
}
