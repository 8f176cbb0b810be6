import type { Context } from 'hono';
import type { z } from 'zod';
import type { Caller, Role } from '../people/roles.js';

/**
 * Who may call a route: anyone ('public': sign-in, health, the API's own documentation), a
 * webhook sender proving itself with a signature or an API token ('webhook'), or a signed-in
 * caller of at least this role.
 */
export type Access = 'public' | 'webhook' | Role;

export interface HandlerInput<B, Q> {
  c: Context;
  caller: Caller | null;
  body: B;
  query: Q;
  params: Record<string, string>;
  /** The raw body, for checking signatures. */
  raw: string;
}

/**
 * One route of the API, declared once: the router mounts it with its access check and input
 * validation, the OpenAPI document describes it, and the access test walks it with every role.
 */
export interface RouteSpec<B = unknown, Q = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI style: /api/v1/conversations/{id}. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** The largest body this route takes, in bytes; DEFAULT_MAX_BODY_BYTES (1 MB) unless said. */
  maxBodyBytes?: number;
  /** The status of a success, 200 unless said. */
  status?: 200 | 201 | 202 | 204;
  /** Extra success and failure statuses worth documenting, with what they mean. */
  responses?: Record<number, string>;
  /** Returns the JSON body, or a Response for streams and pages. */
  handle: (input: HandlerInput<B, Q>) => Promise<unknown>;
}

/** Declares a route with its body and query types inferred from the schemas. */
export function route<B = undefined, Q = undefined>(spec: RouteSpec<B, Q>): RouteSpec {
  return spec as unknown as RouteSpec;
}
