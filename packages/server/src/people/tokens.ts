import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a cookie, a CSRF token or an API token; 256 bits. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a secret: its SHA-256, so a stolen database opens nothing. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Personal API tokens start with this, so a leaked one is easy to recognise and scan for. */
export const API_TOKEN_PREFIX = 'cd_';

/**
 * A sign-in session handed to a page as a bearer token instead of a cookie (the Chatwoot
 * Dashboard App, whose frame is cross-site, so browsers that block third-party cookies would
 * never send Calmdesk's). Distinct from API tokens: it ends with the session.
 */
export const SESSION_TOKEN_PREFIX = 'cds_';
