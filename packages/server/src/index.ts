/**
 * Calmdesk's service: storage (SQLite embedded, PostgreSQL for scale), the HTTP API, accounts,
 * live updates, integrations and the follow-up clock. Uses @calmdesk/core for every analysis.
 */
export {
  loadConfig,
  ConfigError,
  CONFIG_SETTINGS,
  type Config,
  type ConfigInput,
} from './config.js';
export {
  startCalmdesk,
  createCalmdesk,
  openStore,
  VERSION,
  type RunningCalmdesk,
  type Calmdesk,
  type Logger,
} from './server.js';
export { CalmdeskError, type ErrorCode } from './errors.js';
export { ROLES, type Role } from './people/roles.js';
export { AuthService } from './people/auth-service.js';
export { MIN_PASSWORD_LENGTH } from './people/passwords.js';
export type { Store } from './storage/store.js';
export { HistoryImport, type HistoryBatchResult } from './history/import-history.js';
export {
  exportList,
  EXPORT_LISTS,
  EXPORT_COLUMNS,
  type ExportList,
  type ExportRow,
} from './history/export-lists.js';
export { readEmail, type ReadEmail } from './channels/email/read-email.js';
export { readChatwootEvent } from './integrations/chatwoot.js';
export { formatRows, EXPORT_FORMATS, type ExportFormat } from './history/export-format.js';
