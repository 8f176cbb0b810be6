import { z } from 'zod';
import { ERROR_STATUS } from '../errors.js';
import type { RouteSpec } from './route-spec.js';

const ACCESS_WORDS = {
  public: 'Anyone.',
  webhook: 'A webhook sender: HMAC signature when a secret is configured, otherwise an API token.',
  agent: 'Signed in: agent, supervisor or admin.',
  supervisor: 'Signed in as supervisor or admin.',
  admin: 'Signed in as admin.',
} as const;

function schemaOf(schema: z.ZodType): unknown {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  } catch {
    return {};
  }
}

/** Query parameters from an object schema: one OpenAPI parameter per key. */
function queryParameters(schema: z.ZodType | undefined): unknown[] {
  if (schema === undefined) return [];
  const json = schemaOf(schema) as {
    properties?: Record<string, { description?: string }>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    description: s.description,
    schema: s,
  }));
}

/**
 * The OpenAPI 3.1 document, built from the same route list the router mounts, so it cannot
 * drift from what the server does.
 */
export function buildOpenApi(
  routes: readonly RouteSpec[],
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const responses: Record<string, unknown> = {
      [String(r.status ?? 200)]: { description: 'Success' },
    };
    for (const [status, description] of Object.entries(r.responses ?? {}))
      responses[status] = { description };
    if (r.body !== undefined || r.query !== undefined)
      responses['400'] = { description: 'Invalid input', $ref: undefined };
    if (r.access !== 'public') {
      responses['401'] ??= { description: 'Not signed in, or a bad token or signature' };
    }
    if (r.access === 'supervisor' || r.access === 'admin')
      responses['403'] = { description: 'Your role may not do this' };
    for (const value of Object.values(responses)) {
      const v = value as Record<string, unknown>;
      delete v.$ref;
      if (!('content' in v) && !String(r.status ?? 200).startsWith('204')) {
        v.content = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
      }
    }
    (responses[String(r.status ?? 200)] as Record<string, unknown>).content = {
      'application/json': { schema: {} },
    };
    paths[r.path] ??= {};
    paths[r.path]![r.method] = {
      summary: r.summary,
      tags: [r.tag],
      description: `Who may call it: ${ACCESS_WORDS[r.access]}`,
      security:
        r.access === 'public' || r.access === 'webhook'
          ? []
          : [{ session: [], csrf: [] }, { bearer: [] }],
      parameters: [...params, ...queryParameters(r.query)],
      ...(r.body === undefined
        ? {}
        : {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(r.body) } },
            },
          }),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Calmdesk API',
      version,
      description:
        'Every conversation with a customer in one place, analysed as it arrives. JSON in and out; every error is `{ "error": { "code", "message", "details" } }`.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'calmdesk_session' },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: 'X-CSRF-Token',
          description: 'Required with the session cookie on every change',
        },
        bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (cd_...)' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'details'],
              properties: {
                code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
                message: { type: 'string' },
                details: {},
              },
            },
          },
        },
      },
    },
    paths,
  };
}
