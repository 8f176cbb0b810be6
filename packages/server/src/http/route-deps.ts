import type { Services } from '../app/services.js';

/** What every capability's routes work with: the services, and the settings the HTTP layer needs. */
export interface RouteDeps {
  services: Services;
  secureCookies: boolean;
  chatwootSecret?: string | undefined;
  incomingWebhookSecret?: string | undefined;
  version: string;
  dialect: string;
  /** The clock; webhook signatures are checked against it. */
  now: () => Date;
  /** Aborted when the server shuts down: live streams end so requests in flight can finish. */
  shutdown: AbortSignal;
  /** How each connected channel stands (the email channel's IMAP and SMTP), for GET /api/health. */
  channelHealth?: () => Record<string, unknown>;
}
