import { signal } from '@preact/signals';
import type { User } from '../shared/types.js';

/** The error every API call fails with: the server's `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type { User };

/** Who is signed in (null: nobody), and the CSRF token every change must carry. */
export const me = signal<User | null | undefined>(undefined);
let csrfToken: string | null = null;
/**
 * A session that travels as a bearer token instead of the cookie (the Chatwoot Dashboard App,
 * framed cross-site, where browsers may withhold Calmdesk's cookie). When set, every call
 * carries it and no cookie.
 */
let sessionToken: string | null = null;

/** Makes every later call carry this session token (null: back to the cookie). */
export function setSessionToken(token: string | null): void {
  sessionToken = token;
}

/** Calls the API; throws ApiError with the server's message on any failure. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (sessionToken !== null) headers.authorization = `Bearer ${sessionToken}`;
  else if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: sessionToken === null ? 'same-origin' : 'omit',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'offline', 'Calmdesk cannot be reached: check the connection.');
  }
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => null)) as {
    error?: { code: string; message: string; details: unknown };
  } | null;
  if (!response.ok) {
    if (response.status === 401 && path !== '/api/v1/auth/login') me.value = null;
    const e = json?.error;
    throw new ApiError(
      response.status,
      e?.code ?? 'http',
      e?.message ?? `HTTP ${response.status}`,
      e?.details,
    );
  }
  return json as T;
}

/** Finds out who is signed in (after a reload the cookie is still there). */
export async function loadMe(): Promise<void> {
  try {
    const r = await api<{ user: User; csrfToken: string | null }>('GET', '/api/v1/me');
    csrfToken = r.csrfToken;
    me.value = r.user;
  } catch {
    me.value = null;
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  const r = await api<{ user: User; csrfToken: string }>('POST', '/api/v1/auth/login', {
    email,
    password,
  });
  csrfToken = r.csrfToken;
  me.value = r.user;
}

export async function signOut(): Promise<void> {
  await api('POST', '/api/v1/auth/logout').catch(() => undefined);
  csrfToken = null;
  me.value = null;
}
