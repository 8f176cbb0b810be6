import { Migrator, sql, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { Database } from './schema.js';

export type SqlDialectName = 'sqlite' | 'postgres';

/**
 * The schema's history, oldest first. A migration is never edited once released: a change is a
 * new entry. Each runs in a transaction on both drivers; the only differences between them are
 * the increasing integer ids of the logs and the trigger syntax that keeps the audit log
 * append-only.
 */
function migrations(dialect: SqlDialectName): Record<string, Migration> {
  // The logs' ids increase with every row, so readers page through them in order.
  const withSerialId = (table: CreateTableBuilder<string>) =>
    dialect === 'postgres'
      ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  return {
    '0001_initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();

        await db.schema
          .createTable('sessions')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('csrf_token', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('api_tokens')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_used_at', 'text')
          .addColumn('revoked_at', 'text')
          .execute();

        await db.schema
          .createTable('contacts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('external_id', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text')
          .addColumn('email', 'text')
          .addColumn('profile', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('conversations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('external_id', 'text', (c) => c.notNull().unique())
          .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('subject', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
          .addColumn('temperature', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('peak_temperature', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('recent_temperatures', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('trend', 'text', (c) => c.notNull().defaultTo('steady'))
          .addColumn('awaiting_since', 'text')
          .addColumn('next_due_at', 'text')
          .addColumn('escalated', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('last_message_at', 'text', (c) => c.notNull())
          .addColumn('message_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('analysis', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('analysis_stale', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('snoozed_until', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('conversations_contact')
          .on('conversations')
          .column('contact_id')
          .execute();
        await db.schema
          .createIndex('conversations_status_temperature')
          .on('conversations')
          .columns(['status', 'temperature'])
          .execute();

        await db.schema
          .createTable('messages')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('external_id', 'text', (c) => c.unique())
          .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
          .addColumn('direction', 'text', (c) => c.notNull())
          .addColumn('author_id', 'text', (c) => c.references('users.id'))
          .addColumn('author_name', 'text')
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('sent_at', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .addColumn('temperature', 'integer')
          .addColumn('analysis', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('messages_conversation_sent')
          .on('messages')
          .columns(['conversation_id', 'sent_at'])
          .execute();

        await db.schema
          .createTable('follow_ups')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
          .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
          .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
          .addColumn('owner_id', 'text', (c) => c.references('users.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('due_at', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('kept_by_message_id', 'text')
          .addColumn('closed_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('follow_ups_status_due')
          .on('follow_ups')
          .columns(['status', 'due_at'])
          .execute();
        await db.schema
          .createIndex('follow_ups_contact')
          .on('follow_ups')
          .columns(['contact_id', 'status'])
          .execute();

        await db.schema
          .createTable('escalations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .addColumn('requested_by', 'text', (c) => c.references('users.id'))
          .addColumn('owner_id', 'text', (c) => c.references('users.id'))
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('note', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('goodwill_offers')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('value', 'double precision', (c) => c.notNull())
          .addColumn('unit', 'text', (c) => c.notNull())
          .addColumn('currency_value', 'double precision', (c) => c.notNull())
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('approver_role', 'text')
          .addColumn('proposed_by', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('decided_by', 'text', (c) => c.references('users.id'))
          .addColumn('decision_note', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('decided_at', 'text')
          .execute();

        await db.schema
          .createTable('settings')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await withSerialId(db.schema.createTable('audit_log'))
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('entity', 'text', (c) => c.notNull())
          .addColumn('entity_id', 'text')
          .addColumn('details', 'text', (c) => c.notNull())
          .execute();
        if (dialect === 'postgres') {
          await sql`create function calmdesk_audit_append_only() returns trigger language plpgsql as $$
            begin raise exception 'the audit log is append-only'; end $$`.execute(db);
          await sql`create trigger audit_log_append_only before update or delete on audit_log
            for each row execute function calmdesk_audit_append_only()`.execute(db);
        } else {
          await sql`create trigger audit_log_no_update before update on audit_log
            begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
          await sql`create trigger audit_log_no_delete before delete on audit_log
            begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
        }

        await withSerialId(db.schema.createTable('events'))
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('conversation_id', 'text')
          .addColumn('payload', 'text', (c) => c.notNull())
          .execute();

        await withSerialId(db.schema.createTable('outbox'))
          .addColumn('event_id', 'bigint')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_attempt_at', 'text', (c) => c.notNull())
          .addColumn('last_error', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('delivered_at', 'text')
          .execute();
        await db.schema
          .createIndex('outbox_status_next')
          .on('outbox')
          .columns(['status', 'next_attempt_at'])
          .execute();
      },
    },
    '0002_missed_promises': {
      async up(db: Kysely<unknown>) {
        // Which conversations hold a missed promise nobody has answered yet: the inbox ranks
        // them first. Conversations stored before this have none to show.
        await db.schema.alterTable('conversations').addColumn('oldest_missed_at', 'text').execute();
      },
    },
    '0003_sign_in_failures': {
      async up(db: Kysely<unknown>) {
        // Failed sign-ins, one row per address and one per account (issue 13): counted here,
        // not in each instance's memory, so several instances allow no more guesses than one.
        await db.schema
          .createTable('sign_in_failures')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('failed_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('sign_in_failures_key')
          .on('sign_in_failures')
          .columns(['kind', 'key', 'failed_at'])
          .execute();
        // Old failures are forgotten by time across all keys.
        await db.schema
          .createIndex('sign_in_failures_at')
          .on('sign_in_failures')
          .column('failed_at')
          .execute();
      },
    },
    '0004_outgoing_messages': {
      async up(db: Kysely<unknown>) {
        // Replies, notes and status changes on their way to the customer's channel (issue 14).
        await withSerialId(db.schema.createTable('outgoing_messages'))
          .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
          .addColumn('message_id', 'text', (c) => c.references('messages.id'))
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_attempt_at', 'text', (c) => c.notNull())
          .addColumn('last_error', 'text')
          .addColumn('in_doubt', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('external_id', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('sent_at', 'text')
          .execute();
        // The worker's claim: what is due, and whether an earlier item of the same conversation
        // is still on its way (items of one conversation go out in order).
        await db.schema
          .createIndex('outgoing_messages_state_next')
          .on('outgoing_messages')
          .columns(['state', 'next_attempt_at'])
          .execute();
        await db.schema
          .createIndex('outgoing_messages_conversation')
          .on('outgoing_messages')
          .columns(['conversation_id', 'state'])
          .execute();
        await db.schema
          .createIndex('outgoing_messages_message')
          .on('outgoing_messages')
          .column('message_id')
          .execute();
      },
    },
    '0005_email': {
      async up(db: Kysely<unknown>) {
        // The email channel (issue 14): each mail by Message-ID, and each conversation's token.
        await db.schema
          .createTable('email_messages')
          .addColumn('message_id', 'text', (c) => c.primaryKey())
          .addColumn('conversation_id', 'text', (c) => c.references('conversations.id'))
          .addColumn('calmdesk_message_id', 'text', (c) => c.references('messages.id'))
          .addColumn('direction', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('note', 'text')
          .addColumn('from_address', 'text')
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('sent_at', 'text')
          .execute();
        await db.schema
          .createIndex('email_messages_conversation')
          .on('email_messages')
          .columns(['conversation_id', 'created_at'])
          .execute();
        await db.schema
          .createTable('email_threads')
          .addColumn('token', 'text', (c) => c.primaryKey())
          .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
          .execute();
      },
    },
    '0006_open_questions': {
      async up(db: Kysely<unknown>) {
        // The customer's question left open by the agent's last reply (issue 18): the inbox
        // ranks these conversations above answered ones. Conversations stored before this show
        // none until the agent's next message.
        await db.schema.alterTable('conversations').addColumn('open_question', 'text').execute();
        await db.schema.alterTable('conversations').addColumn('open_question_at', 'text').execute();
      },
    },
    '0007_message_signals': {
      async up(db: Kysely<unknown>) {
        // The signs read in customer messages, queryable (issue 16). Messages stored before
        // this have no rows: their analyses stay in messages.analysis.
        await db.schema
          .createTable('message_signals')
          .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
          .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('strength', 'integer', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('message_signals_pk', ['message_id', 'kind'])
          .execute();
        await db.schema
          .createIndex('message_signals_kind_at')
          .on('message_signals')
          .columns(['kind', 'at'])
          .execute();
        await db.schema
          .createIndex('message_signals_conversation')
          .on('message_signals')
          .column('conversation_id')
          .execute();
      },
    },
  };
}

/**
 * Brings the database up to the current schema; run on every start, a no-op when up to date.
 * Throws with the failing migration's name, so start-up stops with a clear message.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: SqlDialectName,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations(dialect)) },
    migrationTableName: 'calmdesk_migrations',
    migrationLockTableName: 'calmdesk_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
}
