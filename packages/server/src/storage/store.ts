import type { AuditQueries } from '../audit/audit-queries.js';
import type { EmailQueries } from '../channels/email/email-queries.js';
import type { OutgoingQueries } from '../channels/outgoing-queries.js';
import type { ContactQueries } from '../contacts/contact-queries.js';
import type { ConversationQueries } from '../conversations/conversation-queries.js';
import type { EscalationQueries } from '../escalations/escalation-queries.js';
import type { EventQueries } from '../events/event-queries.js';
import type { FollowUpQueries } from '../follow-ups/follow-up-queries.js';
import type { GoodwillQueries } from '../goodwill/goodwill-queries.js';
import type { SignalQueries } from '../history/signal-queries.js';
import type { OutboxQueries } from '../integrations/outbox-queries.js';
import type { MessageQueries } from '../messages/message-queries.js';
import type { PeopleQueries } from '../people/people-queries.js';
import type { SettingQueries } from '../policy/setting-queries.js';
import type { TeamQueries } from '../team/team-queries.js';
import type { SqlDialectName } from './migrations.js';
import type { StoredEvent } from './rows.js';

export type * from './rows.js';
export type {
  ConversationPatch,
  ConversationQuery,
  ConversationSort,
} from '../conversations/conversation-queries.js';
export type { EscalationQuery } from '../escalations/escalation-queries.js';
export type { MessageSignalQuery } from '../history/signal-queries.js';
export type { FollowUpQuery } from '../follow-ups/follow-up-queries.js';
export type { TeamMemberStats, TeamStatsOptions } from '../team/team-queries.js';

/**
 * Everything the service reads and writes, in the domain's words: each capability declares its
 * own queries beside its service, and this is all of them. Each call is atomic; calls made
 * inside `Store.transaction` commit or roll back together, and the events they emit reach
 * subscribers only once the transaction has committed.
 */
export interface StoreOps
  extends
    PeopleQueries,
    ContactQueries,
    ConversationQueries,
    MessageQueries,
    FollowUpQueries,
    EscalationQueries,
    GoodwillQueries,
    TeamQueries,
    SettingQueries,
    AuditQueries,
    EventQueries,
    OutboxQueries,
    OutgoingQueries,
    EmailQueries,
    SignalQueries {}

/** One storage interface; SQLite (embedded, the default) and PostgreSQL sit behind it. */
export interface Store extends StoreOps {
  readonly dialect: SqlDialectName;
  /** Runs `fn` in one transaction: all of its writes land, or none do. */
  transaction<T>(fn: (tx: StoreOps) => Promise<T>): Promise<T>;
  /** Hears every event committed by this instance, and with PostgreSQL by every instance. */
  subscribe(listener: (event: StoredEvent) => void): () => void;
  close(): Promise<void>;
}
