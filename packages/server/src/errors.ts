import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every way a request can fail, with the HTTP status it maps to. */
export const ERROR_STATUS = {
  invalid_json: 400,
  invalid_request: 400,
  unauthenticated: 401,
  invalid_signature: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  setup_done: 409,
  internal: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * The one error type of the service. The HTTP layer turns it into
 * `{ "error": { "code", "message", "details" } }` with its status, in one place; anything else
 * thrown becomes a 500 "internal" with no stack trace, and the cause goes to the log.
 */
export class CalmdeskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CalmdeskError';
  }

  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }
}

export function notFound(what: string, id: string): CalmdeskError {
  return new CalmdeskError('not_found', `No ${what} with id ${JSON.stringify(id)}.`);
}
