import type { Commitment } from '@calmdesk/core';
import { iso, type AppContext } from '../app/app-context.js';
import { conversationView } from '../app/views.js';
import type { IngestMessage } from '../contract/index.js';
import { emitEvents, type PendingEvent } from '../events/live-event.js';
import { signalRowsOf } from '../history/message-signals.js';
import { newId } from '../ids.js';
import type { MessagePipeline } from '../messages/message-pipeline.js';
import type { MessageReading } from '../messages/read-message.js';
import type { PolicyService } from '../policy/policy-service.js';
import type {
  ContactRow,
  ConversationPatch,
  ConversationRow,
  MessageRow,
  Store,
  StoreOps,
  UserRow,
} from '../storage/store.js';
import { AnalysisPool } from './analysis-pool.js';

export interface IngestResult {
  messageId: string;
  conversationId: string;
  contactId: string;
  /** True when a message with this external id was stored before: nothing changed. */
  duplicate: boolean;
  temperature: number | null;
}

export interface IngestOptions {
  /**
   * Import mode: the messages are history (an archive brought in from another help desk). They
   * are analysed and stored like any other, but raise nothing now: no live events (so no
   * webhooks or notifications), and the promises in old replies are recorded as follow-ups with
   * status `history`, never put on the clock, so none of them is reported as missed years late.
   */
  history?: boolean;
  /**
   * The messages' readings, made beforehand (an import reads the next batch on worker threads
   * while this one is written): one per message, in order, for the same text, direction and
   * `sentAt` (which must then be given).
   */
  readings?: readonly MessageReading[];
}

export interface IngestServiceOptions {
  /** Analysis worker threads (default: the pool's own, the cores but one). */
  analysisWorkers?: number;
}

/**
 * Shared ingest transactions one PostgreSQL instance runs at once: while one waits for its
 * commit to reach the disk, the next is being written. They lock contacts and conversations in
 * the same (sorted) order, so they never deadlock.
 */
const POSTGRES_FLUSHERS = 3;

/** The most messages one shared ingest transaction carries. */
const MAX_GROUP_COMMIT = 500;

/**
 * Characters of message text and analysis written between two turns of the event loop. With
 * SQLite every statement runs synchronously, so a transaction that never waits for anything else
 * would hold the event loop from BEGIN to COMMIT (half a second for a 10 MB batch): the batch is
 * written in slices of about this size, still in one transaction, yielding between them so
 * health and reads (on SQLite's read-only connection) are answered meanwhile.
 */
const SLICE_CHARS = 256 * 1024;

/** Live events written in one statement before the next turn of the event loop. */
const EVENT_SLICE = 50;

/** Lets the event loop answer others (timers, sockets) before going on. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface QueuedIngest {
  input: IngestMessage;
  actor: UserRow | null;
  source: string;
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

/** Messages arriving from outside: the API, webhooks, integrations. */
export class IngestService {
  private readonly store: Store;
  private readonly now: () => Date;

  constructor(
    ctx: AppContext,
    private readonly teamPolicy: PolicyService,
    private readonly pipeline: MessagePipeline,
    options: IngestServiceOptions = {},
  ) {
    this.store = ctx.store;
    this.now = ctx.now;
    this.analyses = new AnalysisPool({
      timeZone: ctx.timeZone,
      readInline: (m) => pipeline.analyse(m.direction, m.text, m.sentAt),
      ...(options.analysisWorkers === undefined ? {} : { size: options.analysisWorkers }),
    });
  }

  /** Large batches are read on worker threads, so the event loop answers others meanwhile. */
  private readonly analyses: AnalysisPool;

  /** Ends the analysis workers (on shutdown). */
  close(): Promise<void> {
    return this.analyses.close();
  }

  /**
   * Stores messages arriving from outside, in one transaction: creates contacts and
   * conversations on first sight, analyses each message, keeps the conversation's temperature
   * and trend, turns agents' promises into follow-ups and marks promises kept. A message whose
   * external id was seen before changes nothing and is reported as a duplicate.
   */
  async ingest(
    messages: readonly IngestMessage[],
    actor: UserRow | null,
    source: string,
    options: IngestOptions = {},
  ): Promise<IngestResult[]> {
    return this.ingestItems(
      messages.map((input) => ({ input, actor, source })),
      options.history === true,
      options.readings,
    );
  }

  /**
   * Ingests one message, sharing a transaction with the others arriving at the same moment
   * (group commit): under load, requests answered together cost one commit, and each caller is
   * still answered only after its message is durable. If a shared transaction fails, each
   * message is tried alone, so one bad message never fails the others.
   */
  ingestOne(message: IngestMessage, actor: UserRow | null, source: string): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      this.ingestQueue.push({ input: message, actor, source, resolve, reject });
      this.scheduleIngestFlush();
    });
  }

  private readonly ingestQueue: QueuedIngest[] = [];
  /** Group commits in flight: one for SQLite (one connection), a few for PostgreSQL. */
  private ingestFlushers = 0;

  private scheduleIngestFlush(): void {
    const most = this.store.dialect === 'postgres' ? POSTGRES_FLUSHERS : 1;
    if (this.ingestFlushers >= most) return;
    this.ingestFlushers += 1;
    setImmediate(() => void this.flushIngests());
  }

  private async flushIngests(): Promise<void> {
    while (this.ingestQueue.length > 0) {
      const group = this.ingestQueue.splice(0, MAX_GROUP_COMMIT);
      try {
        const results = await this.ingestItems(group);
        group.forEach((item, i) => item.resolve(results[i]!));
      } catch {
        for (const item of group) {
          await this.ingestItems([item]).then(
            ([result]) => item.resolve(result!),
            (error: unknown) => item.reject(error),
          );
        }
      }
    }
    this.ingestFlushers -= 1;
  }

  private async ingestItems(
    items: readonly { input: IngestMessage; actor: UserRow | null; source: string }[],
    history = false,
    readAlready?: readonly MessageReading[],
  ): Promise<IngestResult[]> {
    const policy = await this.teamPolicy.conversationPolicy();
    const receivedAt = iso(this.now());
    // Analysis is pure and the slowest part: done before the transaction holds any lock, and for
    // a large batch on worker threads.
    const toRead = items.map(({ input: m }) => ({
      direction: m.direction,
      text: m.text,
      sentAt: m.sentAt === undefined ? receivedAt : new Date(m.sentAt).toISOString(),
    }));
    const readings = readAlready ?? (await this.analyses.read(toRead));
    const prepared = items.map(({ input }, i) => ({
      input,
      sentAt: toRead[i]!.sentAt,
      ...readings[i]!,
    }));
    const results = await this.store.transaction(async (tx) => {
      const out: IngestResult[] = [];
      const events: PendingEvent[] = [];
      // A batch often holds several messages of one conversation: each contact and conversation
      // is read (and, in PostgreSQL, locked) once, kept up to date here, and written once.
      const contacts = new Map<string, ContactRow>();
      const conversations = new Map<string, ConversationRow>();
      const rows: {
        row: MessageRow;
        contact: ContactRow;
        commitments: readonly Commitment[];
      }[] = [];
      // Contacts, then conversations, each created or read in a few statements for the batch.
      const contactInputs = new Map<string, Parameters<StoreOps['upsertContact']>[0]>();
      for (const p of prepared) {
        if (!contactInputs.has(p.input.contact.externalId)) {
          contactInputs.set(p.input.contact.externalId, {
            externalId: p.input.contact.externalId,
            name: p.input.contact.name ?? null,
            email: p.input.contact.email?.toLowerCase() ?? null,
            now: receivedAt,
          });
        }
      }
      const byExternalId = (a: { externalId: string }, b: { externalId: string }) =>
        a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0;
      // Sorted: concurrent transactions take row locks in one order and never deadlock.
      for (const contact of await tx.upsertContacts(
        [...contactInputs.values()].sort(byExternalId),
      )) {
        contacts.set(contact.externalId, contact);
      }
      const conversationInputs = new Map<string, Parameters<StoreOps['upsertConversation']>[0]>();
      for (const p of prepared) {
        if (!conversationInputs.has(p.input.conversation.externalId)) {
          conversationInputs.set(p.input.conversation.externalId, {
            externalId: p.input.conversation.externalId,
            contactId: contacts.get(p.input.contact.externalId)!.id,
            channel: p.input.conversation.channel,
            subject: p.input.conversation.subject ?? null,
            now: p.sentAt,
          });
        }
      }
      const upserted = await tx.upsertConversations(
        [...conversationInputs.values()].sort(byExternalId),
      );
      for (const conversation of upserted.conversations) {
        conversations.set(conversation.externalId, conversation);
        if (!history && upserted.created.has(conversation.id)) {
          events.push({
            type: 'conversation.created',
            conversationId: conversation.id,
            payload: { conversation: conversationView(conversation) },
          });
        }
      }
      for (const p of prepared) {
        const contact = contacts.get(p.input.contact.externalId)!;
        const conversation = conversations.get(p.input.conversation.externalId)!;
        rows.push({
          contact,
          commitments: p.commitments,
          row: {
            id: newId(),
            externalId: p.input.externalId ?? null,
            conversationId: conversation.id,
            direction: p.input.direction,
            authorId: null,
            authorName: p.input.authorName ?? null,
            text: p.input.text,
            sentAt: p.sentAt,
            receivedAt,
            temperature: p.temperature,
            analysis: p.analysis,
          },
        });
      }
      // All-or-nothing still: the slices share the one transaction, which the client's
      // acknowledgement waits for; a failure rolls every slice back.
      const stored: Awaited<ReturnType<StoreOps['insertMessages']>> = [];
      for (const slice of slicesOf(rows, (r) => r.row.text.length + r.row.analysis.length)) {
        stored.push(...(await tx.insertMessages(slice.map((r) => r.row))));
        if (slice.length < rows.length) await yieldToLoop();
      }
      // The signs of each new customer message, queryable beside it (insights read these).
      await tx.insertMessageSignals(
        stored.flatMap(({ message, inserted }) => (inserted ? signalRowsOf(message) : [])),
      );
      const byId = new Map([...conversations.values()].map((c) => [c.id, c]));
      const patches = new Map<string, ConversationPatch>();
      let sinceYield = 0;
      for (const [i, { message, inserted }] of stored.entries()) {
        const { contact, commitments } = rows[i]!;
        sinceYield += message.text.length + message.analysis.length;
        if (sinceYield > SLICE_CHARS) {
          sinceYield = 0;
          await yieldToLoop();
        }
        if (!inserted) {
          out.push({
            messageId: message.id,
            conversationId: message.conversationId,
            contactId: contact.id,
            duplicate: true,
            temperature: message.temperature,
          });
          continue;
        }
        const current = byId.get(message.conversationId)!;
        const after = await this.pipeline.afterMessage(
          tx,
          {
            conversation: current,
            contact,
            message,
            // History's promises are recorded below, off the clock.
            commitments: history ? [] : commitments,
            author: null,
            policy,
            now: receivedAt,
          },
          // History raises nothing: its events are dropped, never emitted.
          history ? [] : events,
        );
        if (history) await recordPastPromises(tx, message, current, contact, commitments);
        byId.set(current.id, after.conversation);
        patches.set(current.id, { ...patches.get(current.id), ...after.patch });
        out.push({
          messageId: message.id,
          conversationId: current.id,
          contactId: contact.id,
          duplicate: false,
          temperature: message.temperature,
        });
      }
      // Every conversation the batch touched, written in one statement with the columns changed.
      const columns = new Set<keyof ConversationPatch>();
      for (const patch of patches.values()) {
        for (const key of Object.keys(patch)) columns.add(key as keyof ConversationPatch);
      }
      await tx.updateConversations(
        [...patches.keys()].map((id) => byId.get(id)!),
        [...columns],
      );
      for (let i = 0; i < events.length; i += EVENT_SLICE) {
        await emitEvents(tx, events.slice(i, i + EVENT_SLICE), receivedAt);
        if (events.length > EVENT_SLICE) await yieldToLoop();
      }
      // One audit entry for each caller and source in the transaction.
      const audits = new Map<
        string,
        { actorId: string | null; source: string; results: IngestResult[] }
      >();
      items.forEach(({ actor, source }, i) => {
        const key = `${actor?.id ?? ''}\u0000${source}`;
        const entry = audits.get(key) ?? { actorId: actor?.id ?? null, source, results: [] };
        entry.results.push(out[i]!);
        audits.set(key, entry);
      });
      for (const { actorId, source, results } of audits.values()) {
        const added = results.filter((r) => !r.duplicate).length;
        if (added === 0) continue;
        await tx.appendAudit({
          at: receivedAt,
          actorId,
          action: 'messages.ingested',
          entity: 'message',
          entityId: results.length === 1 ? (results[0]?.messageId ?? null) : null,
          details: JSON.stringify({ source, stored: added, duplicates: results.length - added }),
        });
      }
      return out;
    });
    return results;
  }
}

/** The promises of an imported reply, kept as history: never due, never missed, never announced. */
async function recordPastPromises(
  tx: StoreOps,
  message: MessageRow,
  conversation: ConversationRow,
  contact: ContactRow,
  commitments: readonly Commitment[],
): Promise<void> {
  for (const c of commitments) {
    await tx.insertFollowUp({
      id: newId(),
      conversationId: conversation.id,
      contactId: contact.id,
      messageId: message.id,
      ownerId: conversation.assigneeId,
      kind: c.kind,
      text: c.text,
      dueAt: new Date(c.due).toISOString(),
      status: 'history',
      keptByMessageId: null,
      closedAt: message.sentAt,
      createdAt: message.sentAt,
    });
  }
}

/** Consecutive runs of `items` whose `size` adds up to about `SLICE_CHARS` (never empty). */
function slicesOf<T>(items: readonly T[], size: (item: T) => number): T[][] {
  const slices: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const item of items) {
    if (current.length > 0 && chars + size(item) > SLICE_CHARS) {
      slices.push(current);
      current = [];
      chars = 0;
    }
    current.push(item);
    chars += size(item);
  }
  if (current.length > 0) slices.push(current);
  return slices;
}
