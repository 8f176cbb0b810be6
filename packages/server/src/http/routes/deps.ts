import type { AuthService } from '../../auth/auth-service.js';
import type { CalmdeskService } from '../../services/calmdesk-service.js';

/** What the route handlers work with. */
export interface RouteDeps {
  service: CalmdeskService;
  auth: AuthService;
  secureCookies: boolean;
  chatwootSecret?: string | undefined;
  incomingWebhookSecret?: string | undefined;
  version: string;
  dialect: string;
  /** Aborted when the server shuts down: live streams end so requests in flight can finish. */
  shutdown: AbortSignal;
}
