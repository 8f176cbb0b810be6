/**
 * Calmdesk's API contract: what each route accepts and returns, and the live events, defined
 * once as zod schemas with their types. The server checks and shapes with these; the web app
 * and integrations import the types (`import type`), so nothing of the server reaches them.
 */
export * from './event-types.js';
export * from './events.js';
export * from './ingest.js';
export * from './requests.js';
export * from './roles.js';
export * from './statuses.js';
export * from './views.js';
