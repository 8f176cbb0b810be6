import type { Selectable } from 'kysely';
import type { EmailMessagesTable } from '../../storage/schema.js';
import { SqlQueries } from '../../storage/sql-queries.js';

export type EmailMessageRow = Selectable<EmailMessagesTable>;

/** The conversation an email belongs to, as the ingest pipeline names it. */
export interface EmailConversationRef {
  conversationId: string;
  externalId: string;
  subject: string | null;
  /** When the newest mail this one answers was stored or sent (by token: the thread's latest). */
  answersMailOf: string | null;
}

/**
 * Every email Calmdesk received or sent, by Message-ID: how replies find their conversation, how
 * a mail read twice (a crash before it was flagged seen) is recognised, and what was skipped.
 */
export interface EmailQueries {
  /** Records an email unless its Message-ID is known; returns whether it was new. */
  recordEmail(row: EmailMessageRow): Promise<boolean>;
  getEmail(messageId: string): Promise<EmailMessageRow | undefined>;
  /**
   * The conversation of the newest known email among these Message-IDs (a reply's In-Reply-To
   * and References), else the conversation whose subject token this is.
   */
  findEmailConversation(
    messageIds: readonly string[],
    token: string | null,
  ): Promise<EmailConversationRef | undefined>;
  /** Remembers a conversation's subject token, so a reply that kept only the subject finds it. */
  recordEmailThread(conversationId: string, token: string): Promise<void>;
  /** A conversation's emails, oldest first: the References of the next reply. */
  listEmailThread(conversationId: string): Promise<EmailMessageRow[]>;
  /** Notes that the mail server accepted an outgoing email. */
  markEmailSent(messageId: string, at: string): Promise<void>;
}

/** `EmailQueries` in SQL, written once for both drivers. */
export class SqlEmailQueries extends SqlQueries implements EmailQueries {
  async recordEmail(row: EmailMessageRow): Promise<boolean> {
    const inserted = await this.db
      .insertInto('emailMessages')
      .values(row)
      .onConflict((oc) => oc.column('messageId').doNothing())
      .returning('messageId')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  getEmail(messageId: string): Promise<EmailMessageRow | undefined> {
    return this.db
      .selectFrom('emailMessages')
      .selectAll()
      .where('messageId', '=', messageId)
      .executeTakeFirst();
  }

  async findEmailConversation(
    messageIds: readonly string[],
    token: string | null,
  ): Promise<EmailConversationRef | undefined> {
    const columns = [
      'conversations.id as conversationId',
      'conversations.externalId as externalId',
      'conversations.subject as subject',
    ] as const;
    if (messageIds.length > 0) {
      const byId = await this.db
        .selectFrom('emailMessages')
        .innerJoin('conversations', 'conversations.id', 'emailMessages.conversationId')
        .select([...columns, 'emailMessages.createdAt as answersMailOf'])
        .where('emailMessages.messageId', 'in', messageIds.slice(-100))
        .orderBy('emailMessages.createdAt', 'desc')
        .executeTakeFirst();
      if (byId !== undefined) return byId;
    }
    if (token === null) return undefined;
    const byToken = await this.db
      .selectFrom('emailThreads')
      .innerJoin('conversations', 'conversations.id', 'emailThreads.conversationId')
      .select(columns)
      .where('emailThreads.token', '=', token)
      .executeTakeFirst();
    if (byToken === undefined) return undefined;
    // Found by its subject alone: it answers the thread's latest mail.
    const latest = await this.db
      .selectFrom('emailMessages')
      .select('createdAt')
      .where('conversationId', '=', byToken.conversationId)
      .orderBy('createdAt', 'desc')
      .executeTakeFirst();
    return { ...byToken, answersMailOf: latest?.createdAt ?? null };
  }

  async recordEmailThread(conversationId: string, token: string): Promise<void> {
    await this.db
      .insertInto('emailThreads')
      .values({ token, conversationId })
      .onConflict((oc) => oc.column('token').doNothing())
      .execute();
  }

  listEmailThread(conversationId: string): Promise<EmailMessageRow[]> {
    return this.db
      .selectFrom('emailMessages')
      .selectAll()
      .where('conversationId', '=', conversationId)
      .orderBy('createdAt')
      .orderBy('messageId')
      .execute();
  }

  async markEmailSent(messageId: string, at: string): Promise<void> {
    await this.db
      .updateTable('emailMessages')
      .set({ sentAt: at })
      .where('messageId', '=', messageId)
      .where('sentAt', 'is', null)
      .execute();
  }
}
