import { newId } from '../ids.js';
import {
  analyzeConversation,
  analyzeMessage,
  checkGoodwillOffer,
  coachReply,
  commitmentReader,
  resolvePolicy,
  suggestGoodwill,
  type Commitment,
  type ConversationAnalysis,
  type ConversationEscalation,
  type ConversationMessage,
  type ConversationPolicy,
  type GoodwillCustomer,
  type GoodwillFault,
  type GoodwillKind,
  type GoodwillPolicy,
  type GoodwillRole,
} from '@calmdesk/core';
import { CalmdeskError, notFound } from '../errors.js';
import type {
  ConversationStatus,
  IngestMessage,
  MessageDirection,
} from '../ingest/ingest-schema.js';
import type {
  ContactRow,
  ConversationPatch,
  ConversationQuery,
  ConversationRow,
  EscalationRow,
  FollowUpRow,
  MessageRow,
  Store,
  StoreOps,
  UserRow,
} from '../storage/store.js';
import { DEFAULT_TEAM_POLICY, type TeamPolicy } from './team-policy.js';
import { RECENT_TEMPERATURES, trendOf } from './trend.js';
import {
  contactView,
  conversationView,
  escalationView,
  followUpView,
  goodwillView,
  messageView,
  teamMemberView,
} from './views.js';
import { slackMessage } from './slack-message.js';

export interface ServiceOptions {
  store: Store;
  /** The team's IANA time zone, for reading promised times. */
  timeZone: string;
  comingDueMinutes: number;
  /** Where escalations and promises coming due or missed are posted; none when unset. */
  webhookUrl?: string | undefined;
  /** The clock; tests pass a fake one. */
  now?: () => Date;
}

export interface IngestResult {
  messageId: string;
  conversationId: string;
  contactId: string;
  /** True when a message with this external id was stored before: nothing changed. */
  duplicate: boolean;
  temperature: number | null;
}

const iso = (d: Date): string => d.toISOString();

/**
 * Shared ingest transactions one PostgreSQL instance runs at once: while one waits for its
 * commit to reach the disk, the next is being written. They lock contacts and conversations in
 * the same (sorted) order, so they never deadlock.
 */
const POSTGRES_FLUSHERS = 3;

/** The most messages one shared ingest transaction carries. */
const MAX_GROUP_COMMIT = 500;

interface QueuedIngest {
  input: IngestMessage;
  actor: UserRow | null;
  source: string;
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

/** An event to emit when the transaction's writes are done. */
interface PendingEvent {
  type: string;
  conversationId: string | null;
  payload: Record<string, unknown>;
}
const SETTING_POLICY = 'team_policy';

const ESCALATION_STATUSES: readonly string[] = ['open', 'accepted', 'returned', 'resolved'];

function isEscalationStatus(status: string): status is ConversationEscalation['status'] {
  return ESCALATION_STATUSES.includes(status);
}

function toConversationMessage(m: MessageRow): ConversationMessage {
  const role =
    m.direction === 'incoming' ? 'customer' : m.direction === 'outgoing' ? 'agent' : 'note';
  return { role, text: m.text, at: m.sentAt, id: m.id };
}

/**
 * The service's domain logic: what happens when a message arrives, a reply is sent, a
 * conversation is escalated, an offer is proposed. It owns the analysis (through core), the
 * rules of the domain and the events; the HTTP layer only checks callers and shapes.
 */
export class CalmdeskService {
  readonly store: Store;
  private readonly timeZone: string;
  private readonly comingDueMinutes: number;
  private readonly webhookUrl: string | undefined;
  readonly now: () => Date;
  private policyCache: TeamPolicy | undefined;
  private readonly readCommitments: (text: string, sentAt: string) => Commitment[];

  constructor(options: ServiceOptions) {
    this.store = options.store;
    this.timeZone = options.timeZone;
    this.comingDueMinutes = options.comingDueMinutes;
    this.webhookUrl = options.webhookUrl;
    this.now = options.now ?? (() => new Date());
    this.readCommitments = commitmentReader({ timeZone: this.timeZone });
    // Another instance may change the policy: its event clears this instance's copy.
    this.store.subscribe((event) => {
      if (event.type === 'policy.updated') this.policyCache = undefined;
    });
  }

  /**
   * Loads the model and builds the engine's lookup tables (a few hundred milliseconds, once), so
   * the first messages after start are not the slow ones.
   */
  warmUp(): void {
    const now = this.now().toISOString();
    analyzeMessage('Warming up: WHERE is my refund?! Third time asking.');
    this.readCommitments("I'll call you back within the hour.", now);
    coachReply("That's our policy, I can't help.", [
      { role: 'customer', text: 'Where is my refund?!', at: now },
    ]);
    analyzeConversation([{ role: 'customer', text: 'Where is my refund?!', at: now }], {
      now,
      timeZone: this.timeZone,
    });
  }

  // --- policy -------------------------------------------------------------------------------

  async policy(): Promise<TeamPolicy> {
    if (this.policyCache !== undefined) return this.policyCache;
    const stored = await this.store.getSetting(SETTING_POLICY);
    const policy =
      stored === undefined
        ? DEFAULT_TEAM_POLICY(this.comingDueMinutes)
        : (JSON.parse(stored) as TeamPolicy);
    this.policyCache = policy;
    return policy;
  }

  async conversationPolicy(): Promise<ConversationPolicy> {
    return resolvePolicy((await this.policy()).conversation);
  }

  async savePolicy(policy: TeamPolicy, actor: UserRow): Promise<TeamPolicy> {
    const now = iso(this.now());
    await this.store.transaction(async (tx) => {
      await tx.putSetting(SETTING_POLICY, JSON.stringify(policy), now);
      await tx.appendAudit({
        at: now,
        actorId: actor.id,
        action: 'policy.updated',
        entity: 'policy',
        entityId: null,
        details: JSON.stringify(policy),
      });
      await tx.emit('policy.updated', null, {}, now);
    });
    this.policyCache = policy;
    return policy;
  }

  /** The goodwill policy with this month's approved spending filled in from the records. */
  async goodwillPolicy(): Promise<GoodwillPolicy> {
    const policy = (await this.policy()).goodwill;
    const now = this.now();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
    return { ...policy, spentThisMonth: await this.store.goodwillSpentSince(monthStart) };
  }

  // --- ingest -------------------------------------------------------------------------------

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
  ): Promise<IngestResult[]> {
    return this.ingestItems(messages.map((input) => ({ input, actor, source })));
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
  ): Promise<IngestResult[]> {
    const policy = await this.conversationPolicy();
    const receivedAt = iso(this.now());
    // Analysis is pure and the slowest part: done before the transaction holds any lock.
    const prepared = items.map(({ input: m }) => {
      const sentAt = m.sentAt === undefined ? receivedAt : new Date(m.sentAt).toISOString();
      return { input: m, sentAt, ...this.analyse(m.direction, m.text, sentAt) };
    });
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
        if (upserted.created.has(conversation.id)) {
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
      const stored = await tx.insertMessages(rows.map((r) => r.row));
      const byId = new Map([...conversations.values()].map((c) => [c.id, c]));
      const patches = new Map<string, ConversationPatch>();
      for (const [i, { message, inserted }] of stored.entries()) {
        const { contact, commitments } = rows[i]!;
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
        const after = await this.afterMessage(
          tx,
          current,
          contact,
          message,
          commitments,
          null,
          policy,
          receivedAt,
          events,
        );
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
      await tx.emitMany(events, receivedAt);
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

  /** Reads a message the way its direction asks: the customer's for upset, the agent's for promises. */
  private analyse(direction: MessageDirection, text: string, sentAt: string) {
    if (direction === 'incoming') {
      const a = analyzeMessage(text);
      return {
        temperature: a.temperature,
        analysis: JSON.stringify({ kind: 'customer', ...a }),
        commitments: [] as Commitment[],
      };
    }
    if (direction === 'outgoing') {
      const commitments = this.readCommitments(text, sentAt);
      return {
        temperature: null,
        analysis: JSON.stringify({ kind: 'agent', commitments }),
        commitments,
      };
    }
    return {
      temperature: null,
      analysis: JSON.stringify({ kind: 'note' }),
      commitments: [] as Commitment[],
    };
  }

  /**
   * Everything a new message changes: the conversation's temperature, trend and waiting time
   * (returned as a patch for the caller to write once), promises kept and made (written here),
   * and the events to emit (added to `events`).
   */
  private async afterMessage(
    tx: StoreOps,
    conversation: ConversationRow,
    contact: ContactRow,
    message: MessageRow,
    commitments: readonly Commitment[],
    author: UserRow | null,
    policy: ConversationPolicy,
    now: string,
    events: PendingEvent[],
  ): Promise<{
    conversation: ConversationRow;
    patch: ConversationPatch;
    followUps: FollowUpRow[];
  }> {
    const conversationId = conversation.id;
    const patch: Parameters<StoreOps['updateConversation']>[1] = {
      messageCount: conversation.messageCount + 1,
      lastMessageAt:
        message.sentAt > conversation.lastMessageAt ? message.sentAt : conversation.lastMessageAt,
      analysisStale: 1,
      updatedAt: now,
    };
    const created: FollowUpRow[] = [];
    if (message.direction === 'incoming' && message.temperature !== null) {
      const recent = [
        ...(JSON.parse(conversation.recentTemperatures) as number[]),
        message.temperature,
      ].slice(-RECENT_TEMPERATURES);
      patch.temperature = message.temperature;
      patch.peakTemperature = Math.max(conversation.peakTemperature, message.temperature);
      patch.recentTemperatures = JSON.stringify(recent);
      patch.trend = trendOf(recent, policy);
      patch.awaitingSince = conversation.awaitingSince ?? message.sentAt;
      // A customer writing again reopens a resolved or snoozed conversation.
      if (conversation.status === 'resolved' || conversation.status === 'snoozed') {
        patch.status = 'open';
        patch.snoozedUntil = null;
      }
    } else if (message.direction === 'outgoing') {
      patch.awaitingSince = null;
      for (const kept of await tx.openFollowUpsOfContact(
        contact.id,
        message.sentAt,
        message.sentAt,
      )) {
        await tx.updateFollowUp(kept.id, {
          status: 'kept',
          keptByMessageId: message.id,
          closedAt: now,
        });
        events.push({
          type: 'follow_up.kept',
          conversationId: kept.conversationId,
          payload: {
            followUp: followUpView({
              ...kept,
              status: 'kept',
              keptByMessageId: message.id,
              closedAt: now,
            }),
          },
        });
      }
      for (const c of commitments) {
        const followUp: FollowUpRow = {
          id: newId(),
          conversationId,
          contactId: contact.id,
          messageId: message.id,
          ownerId: author?.id ?? conversation.assigneeId,
          kind: c.kind,
          text: c.text,
          dueAt: new Date(c.due).toISOString(),
          status: 'pending',
          keptByMessageId: null,
          closedAt: null,
          createdAt: message.sentAt,
        };
        await tx.insertFollowUp(followUp);
        created.push(followUp);
        events.push({
          type: 'follow_up.created',
          conversationId: conversationId,
          payload: { followUp: followUpView(followUp) },
        });
      }
    }
    // Only an agent's message changes the promises on the clock.
    if (message.direction === 'outgoing') patch.nextDueAt = await tx.nextDueOf(conversationId);
    // The event names the message; its full analysis is one GET away (parsing it here for
    // every message would cost more than storing it).
    const { analysis: _analysis, ...summary } = message;
    events.push({
      type: 'message.created',
      conversationId: conversationId,
      payload: { message: summary, temperature: message.temperature },
    });
    if (patch.temperature !== undefined && patch.temperature !== conversation.temperature) {
      events.push({
        type: 'conversation.temperature',
        conversationId: conversationId,
        payload: {
          temperature: patch.temperature,
          previous: conversation.temperature,
          peak: patch.peakTemperature,
          trend: patch.trend,
        },
      });
    }
    return { conversation: { ...conversation, ...patch }, patch, followUps: created };
  }

  // --- conversations ------------------------------------------------------------------------

  async listConversations(query: ConversationQuery) {
    // "Due soon" for the urgency order: within the hour, or overdue.
    const dueSoonBefore = iso(new Date(this.now().getTime() + 60 * 60_000));
    const rows = await this.store.listConversations({ dueSoonBefore, ...query });
    const ids = [...new Set(rows.map((r) => r.contactId))];
    const names = new Map(
      ids.length === 0 ? [] : (await this.store.getContacts(ids)).map((c) => [c.id, c.name]),
    );
    return rows.map((r) => ({
      ...conversationView(r),
      contactName: names.get(r.contactId) ?? null,
    }));
  }

  private async requireConversation(id: string): Promise<ConversationRow> {
    const conversation = await this.store.getConversation(id);
    if (conversation === undefined) throw notFound('conversation', id);
    return conversation;
  }

  /**
   * Runs the playbook over the whole conversation, as of now. `escalations` are the
   * conversation's, newest first: once a supervisor has dealt with the latest, core does not
   * recommend escalating again for the reasons they already had.
   */
  private async analyseConversation(
    conversation: ConversationRow,
    messages: MessageRow[],
    contact: ContactRow | undefined,
    escalations: readonly EscalationRow[] = [],
  ): Promise<ConversationAnalysis> {
    const options: Parameters<typeof analyzeConversation>[1] = {
      now: this.now(),
      timeZone: this.timeZone,
      policy: (await this.policy()).conversation,
    };
    if (contact?.name) options.customerName = contact.name;
    const latest = escalations[0];
    if (latest !== undefined && isEscalationStatus(latest.status)) {
      const escalation: ConversationEscalation = { status: latest.status, at: latest.updatedAt };
      if (latest.status === 'accepted' && latest.ownerId !== null) {
        const owner = await this.store.getUser(latest.ownerId);
        if (owner !== undefined) escalation.supervisorName = owner.name;
      }
      options.escalation = escalation;
    }
    return analyzeConversation(messages.map(toConversationMessage), options);
  }

  /**
   * A conversation with everything an agent needs: messages with their analysis, the playbook
   * (refreshed and stored when messages came in since it was last read), follow-ups,
   * escalations, offers, and the contact's other conversations.
   */
  async getConversation(id: string) {
    const conversation = await this.requireConversation(id);
    const [messages, contact, followUps, escalations, offers] = await Promise.all([
      this.store.listMessages(id),
      this.store.getContact(conversation.contactId),
      this.store.listFollowUps({ conversationId: id, limit: 500 }),
      this.store.listEscalations({ conversationId: id, limit: 100 }),
      this.store.listGoodwillOffers({ conversationId: id, limit: 100 }),
    ]);
    const analysis = await this.analyseConversation(conversation, messages, contact, escalations);
    if (conversation.analysisStale === 1) {
      await this.store.updateConversation(id, {
        analysis: JSON.stringify({
          playbook: analysis.playbook,
          nextAction: analysis.nextAction,
          escalation: analysis.escalation,
          stop: analysis.stop,
        }),
        analysisStale: 0,
        trend: analysis.trend,
      });
    }
    const history =
      contact === undefined
        ? []
        : (
            await this.store.listConversations({
              contactId: contact.id,
              sort: 'age',
              limit: 50,
              offset: 0,
            })
          ).filter((c) => c.id !== id);
    return {
      conversation: conversationView({ ...conversation, trend: analysis.trend }),
      contact: contact === undefined ? null : contactView(contact),
      messages: messages.map(messageView),
      analysis,
      followUps: followUps.map(followUpView),
      escalations: escalations.map(escalationView),
      goodwillOffers: offers.map(goodwillView),
      history: history.map(conversationView),
    };
  }

  async updateConversation(
    id: string,
    patch: {
      status?: ConversationStatus;
      assigneeId?: string | null;
      snoozedUntil?: string | null;
    },
    actor: UserRow,
  ) {
    const now = iso(this.now());
    return this.store.transaction(async (tx) => {
      const conversation = await tx.lockConversation(id);
      if (conversation === undefined) throw notFound('conversation', id);
      if (patch.assigneeId !== undefined && patch.assigneeId !== null) {
        const assignee = await tx.getUser(patch.assigneeId);
        if (assignee === undefined || assignee.disabled === 1)
          throw notFound('user', patch.assigneeId);
      }
      if (patch.status === 'snoozed' && (patch.snoozedUntil ?? conversation.snoozedUntil) == null) {
        throw new CalmdeskError(
          'invalid_request',
          'A snoozed conversation needs snoozedUntil: when it wakes up.',
        );
      }
      const changes: Parameters<StoreOps['updateConversation']>[1] = { updatedAt: now };
      if (patch.status !== undefined) changes.status = patch.status;
      if (patch.assigneeId !== undefined) changes.assigneeId = patch.assigneeId;
      if (patch.snoozedUntil !== undefined)
        changes.snoozedUntil =
          patch.snoozedUntil === null ? null : new Date(patch.snoozedUntil).toISOString();
      if (patch.status !== undefined && patch.status !== 'snoozed') changes.snoozedUntil = null;
      await tx.updateConversation(id, changes);
      const updated = { ...conversation, ...changes };
      await tx.appendAudit({
        at: now,
        actorId: actor.id,
        action: 'conversation.updated',
        entity: 'conversation',
        entityId: id,
        details: JSON.stringify(patch),
      });
      await tx.emit('conversation.updated', id, { conversation: conversationView(updated) }, now);
      return conversationView(updated);
    });
  }

  /** A status set from outside (Chatwoot), creating the conversation on first sight. */
  async applyStatusChange(
    change: {
      conversation: { externalId: string; channel: string; subject?: string | undefined };
      contact?:
        { externalId: string; name?: string | undefined; email?: string | undefined } | undefined;
      status: ConversationStatus;
    },
    actor: UserRow | null,
  ) {
    const now = iso(this.now());
    return this.store.transaction(async (tx) => {
      let conversation = await tx.getConversationByExternalId(change.conversation.externalId);
      if (conversation === undefined) {
        if (change.contact === undefined)
          throw new CalmdeskError(
            'not_found',
            `No conversation with external id ${JSON.stringify(change.conversation.externalId)}, and no contact to create it for.`,
          );
        const contact = await tx.upsertContact({
          externalId: change.contact.externalId,
          name: change.contact.name ?? null,
          email: change.contact.email ?? null,
          now,
        });
        const created = await tx.upsertConversation({
          externalId: change.conversation.externalId,
          contactId: contact.id,
          channel: change.conversation.channel,
          subject: change.conversation.subject ?? null,
          now,
        });
        conversation = created.conversation;
        if (created.created)
          await tx.emit(
            'conversation.created',
            conversation.id,
            { conversation: conversationView(conversation) },
            now,
          );
      }
      if (conversation.status !== change.status) {
        await tx.updateConversation(conversation.id, { status: change.status, updatedAt: now });
        await tx.appendAudit({
          at: now,
          actorId: actor?.id ?? null,
          action: 'conversation.status_changed',
          entity: 'conversation',
          entityId: conversation.id,
          details: JSON.stringify({ status: change.status, from: conversation.status }),
        });
        await tx.emit(
          'conversation.updated',
          conversation.id,
          { conversation: conversationView({ ...conversation, status: change.status }) },
          now,
        );
      }
      return { conversationId: conversation.id, status: change.status };
    });
  }

  // --- replies ------------------------------------------------------------------------------

  async coach(conversationId: string, draft: string) {
    await this.requireConversation(conversationId);
    const messages = await this.store.listMessages(conversationId);
    const policy = await this.conversationPolicy();
    return coachReply(draft, messages.map(toConversationMessage), {
      upsetTemperature: policy.upsetTemperature,
      timeZone: this.timeZone,
      sentAt: this.now(),
    });
  }

  /** An agent's reply: stored, its promises turned into follow-ups, earlier promises kept. */
  async reply(conversationId: string, text: string, author: UserRow, note = false, sentAt?: Date) {
    const now = iso(sentAt ?? this.now());
    const policy = await this.conversationPolicy();
    const direction: MessageDirection = note ? 'note' : 'outgoing';
    const analysed = this.analyse(direction, text, now);
    return this.store.transaction(async (tx) => {
      const conversation = await tx.lockConversation(conversationId);
      if (conversation === undefined) throw notFound('conversation', conversationId);
      const contact = await tx.getContact(conversation.contactId);
      if (contact === undefined) throw notFound('contact', conversation.contactId);
      const message: MessageRow = {
        id: newId(),
        externalId: null,
        conversationId,
        direction,
        authorId: author.id,
        authorName: author.name,
        text,
        sentAt: now,
        receivedAt: now,
        temperature: null,
        analysis: analysed.analysis,
      };
      await tx.insertMessage(message);
      const events: PendingEvent[] = [];
      const { followUps, patch } = await this.afterMessage(
        tx,
        conversation,
        contact,
        message,
        analysed.commitments,
        author,
        policy,
        now,
        events,
      );
      // Whoever answers an unassigned conversation takes it.
      if (conversation.assigneeId === null && !note) patch.assigneeId = author.id;
      await tx.updateConversation(conversationId, patch);
      await tx.emitMany(events, now);
      await tx.appendAudit({
        at: now,
        actorId: author.id,
        action: note ? 'note.added' : 'reply.sent',
        entity: 'message',
        entityId: message.id,
        details: JSON.stringify({ conversationId, followUps: followUps.length }),
      });
      return { message: messageView(message), followUps: followUps.map(followUpView) };
    });
  }

  // --- escalations --------------------------------------------------------------------------

  async escalate(
    conversationId: string,
    input: { reason?: string | undefined; summary?: string | undefined },
    actor: UserRow,
  ) {
    const conversation = await this.requireConversation(conversationId);
    const [messages, contact] = await Promise.all([
      this.store.listMessages(conversationId),
      this.store.getContact(conversation.contactId),
    ]);
    const analysis = await this.analyseConversation(conversation, messages, contact);
    const reason =
      input.reason ?? analysis.escalation.reasons[0] ?? 'The agent asked for a supervisor.';
    const summary =
      input.summary ??
      analysis.escalation.handoff?.summary ??
      `${contact?.name ?? 'The customer'} (${conversation.channel}), temperature ${conversation.temperature}, peak ${conversation.peakTemperature}: ${conversation.subject ?? 'no subject'}. ${messages.length} messages so far.`;
    const now = iso(this.now());
    return this.store.transaction(async (tx) => {
      const open = await tx.listEscalations({
        conversationId,
        statuses: ['open', 'accepted'],
        limit: 1,
      });
      if (open.length > 0)
        throw new CalmdeskError('conflict', 'This conversation already has an open escalation.', {
          escalationId: open[0]?.id,
        });
      const row = {
        id: newId(),
        conversationId,
        reason,
        summary,
        requestedBy: actor.id,
        ownerId: null,
        status: 'open',
        note: null,
        createdAt: now,
        updatedAt: now,
      };
      await tx.insertEscalation(row);
      await tx.updateConversation(conversationId, { escalated: 1, updatedAt: now });
      await tx.appendAudit({
        at: now,
        actorId: actor.id,
        action: 'escalation.created',
        entity: 'escalation',
        entityId: row.id,
        details: JSON.stringify({ conversationId, reason }),
      });
      const event = await tx.emit(
        'escalation.created',
        conversationId,
        { escalation: escalationView(row) },
        now,
      );
      await this.notify(
        tx,
        'escalation',
        slackMessage.escalation(row, contact?.name ?? null, conversation),
        event.id,
        now,
      );
      return escalationView(row);
    });
  }

  /** accept: a supervisor takes it over; return: sends it back to the agent; resolve: done. */
  async decideEscalation(
    id: string,
    action: 'accept' | 'return' | 'resolve',
    note: string | undefined,
    actor: UserRow,
  ) {
    const now = iso(this.now());
    const next = { accept: 'accepted', return: 'returned', resolve: 'resolved' }[action];
    const allowedFrom: Record<string, string[]> = {
      accept: ['open', 'returned'],
      return: ['open', 'accepted'],
      resolve: ['open', 'accepted', 'returned'],
    };
    return this.store.transaction(async (tx) => {
      const escalation = await tx.getEscalation(id);
      if (escalation === undefined) throw notFound('escalation', id);
      if (!(allowedFrom[action] ?? []).includes(escalation.status)) {
        throw new CalmdeskError(
          'conflict',
          `An escalation that is ${escalation.status} cannot be ${next}.`,
        );
      }
      const patch = {
        status: next,
        updatedAt: now,
        note: note ?? escalation.note,
        ownerId: action === 'accept' ? actor.id : escalation.ownerId,
      };
      await tx.updateEscalation(id, patch);
      if (action === 'accept') {
        await tx.updateConversation(escalation.conversationId, {
          assigneeId: actor.id,
          updatedAt: now,
        });
      }
      if (action !== 'accept') {
        await tx.updateConversation(escalation.conversationId, { escalated: 0, updatedAt: now });
      }
      await tx.appendAudit({
        at: now,
        actorId: actor.id,
        action: `escalation.${next}`,
        entity: 'escalation',
        entityId: id,
        details: JSON.stringify({ note: note ?? null }),
      });
      const updated = { ...escalation, ...patch };
      await tx.emit(
        'escalation.updated',
        escalation.conversationId,
        { escalation: escalationView(updated) },
        now,
      );
      return escalationView(updated);
    });
  }

  listEscalations(statuses: string[] | undefined, limit: number) {
    return this.store.listEscalations({ statuses, limit }).then((rows) => rows.map(escalationView));
  }

  // --- goodwill -----------------------------------------------------------------------------

  private async customerOf(conversation: ConversationRow): Promise<GoodwillCustomer> {
    const contact = await this.store.getContact(conversation.contactId);
    const profile =
      contact === undefined ? {} : (JSON.parse(contact.profile) as Partial<GoodwillCustomer>);
    return { lifetimeValue: 0, ...profile };
  }

  /** A customer and every conversation they have had with the team, on any channel. */
  async getContact(id: string) {
    const contact = await this.store.getContact(id);
    if (contact === undefined) throw notFound('contact', id);
    const conversations = await this.store.listConversations({
      contactId: id,
      sort: 'age',
      limit: 500,
      offset: 0,
    });
    return {
      contact: contactView(contact),
      conversations: conversations.reverse().map(conversationView),
      channels: [...new Set(conversations.map((c) => c.channel))],
    };
  }

  async setContactProfile(id: string, profile: GoodwillCustomer, actor: UserRow) {
    const now = iso(this.now());
    return this.store.transaction(async (tx) => {
      const contact = await tx.getContact(id);
      if (contact === undefined) throw notFound('contact', id);
      await tx.updateContactProfile(id, JSON.stringify(profile), now);
      await tx.appendAudit({
        at: now,
        actorId: actor.id,
        action: 'contact.profile_updated',
        entity: 'contact',
        entityId: id,
        details: JSON.stringify(profile),
      });
      return {
        contact: contactView({ ...contact, profile: JSON.stringify(profile), updatedAt: now }),
      };
    });
  }

  async suggestGoodwill(
    conversationId: string,
    role: GoodwillRole,
    fault: GoodwillFault | undefined,
  ) {
    const conversation = await this.requireConversation(conversationId);
    const messages = await this.store.listMessages(conversationId);
    const options: Parameters<typeof suggestGoodwill>[3] = { role };
    if (fault !== undefined) options.fault = fault;
    return suggestGoodwill(
      messages.map(toConversationMessage),
      await this.customerOf(conversation),
      await this.goodwillPolicy(),
      options,
    );
  }

  /** Proposes an offer: granted at once within the proposer's limit, else waiting for approval. */
  async proposeGoodwill(
    conversationId: string,
    input: { kind: GoodwillKind; value: number; reason?: string | undefined },
    actor: UserRow,
  ) {
    const conversation = await this.requireConversation(conversationId);
    const check = checkGoodwillOffer(
      input.kind,
      input.value,
      { role: actor.role as GoodwillRole },
      await this.customerOf(conversation),
      await this.goodwillPolicy(),
    );
    if (!check.allowed)
      throw new CalmdeskError('invalid_request', check.reasons.join(' '), {
        reasons: check.reasons,
      });
    const now = iso(this.now());
    const row = {
      id: newId(),
      conversationId,
      kind: check.offer.kind,
      value: check.offer.value,
      unit: check.offer.unit,
      currencyValue: check.offer.currencyValue,
      label: check.offer.label,
      reason: input.reason ?? check.reasons.join(' '),
      status: check.needsApproval ? 'pending' : 'approved',
      approverRole: check.approver,
      proposedBy: actor.id,
      decidedBy: check.needsApproval ? null : actor.id,
      decisionNote: null,
      createdAt: now,
      decidedAt: check.needsApproval ? null : now,
    };
    await this.store.transaction(async (tx) => {
      await tx.insertGoodwillOffer(row);
      await tx.appendAudit({
        at: now,
        actorId: actor.id,
        action: 'goodwill.proposed',
        entity: 'goodwill_offer',
        entityId: row.id,
        details: JSON.stringify({ label: row.label, status: row.status }),
      });
      await tx.emit('goodwill.proposed', conversationId, { offer: goodwillView(row) }, now);
    });
    return { offer: goodwillView(row), reasons: check.reasons };
  }

  async decideGoodwill(id: string, approve: boolean, note: string | undefined, actor: UserRow) {
    const now = iso(this.now());
    return this.store.transaction(async (tx) => {
      const offer = await tx.getGoodwillOffer(id);
      if (offer === undefined) throw notFound('goodwill offer', id);
      if (offer.status !== 'pending')
        throw new CalmdeskError('conflict', `This offer is already ${offer.status}.`);
      if (offer.approverRole === 'admin' && actor.role !== 'admin') {
        throw new CalmdeskError(
          'forbidden',
          'This offer is above a supervisor’s limit or the budget: an admin must decide it.',
        );
      }
      if (offer.proposedBy === actor.id && actor.role !== 'admin') {
        throw new CalmdeskError('forbidden', 'An offer needs a second person to approve it.');
      }
      const patch = {
        status: approve ? 'approved' : 'rejected',
        decidedBy: actor.id,
        decisionNote: note ?? null,
        decidedAt: now,
      };
      await tx.updateGoodwillOffer(id, patch);
      await tx.appendAudit({
        at: now,
        actorId: actor.id,
        action: approve ? 'goodwill.approved' : 'goodwill.rejected',
        entity: 'goodwill_offer',
        entityId: id,
        details: JSON.stringify({ note: note ?? null }),
      });
      const updated = { ...offer, ...patch };
      await tx.emit(
        'goodwill.decided',
        offer.conversationId,
        { offer: goodwillView(updated) },
        now,
      );
      return goodwillView(updated);
    });
  }

  listGoodwill(statuses: string[] | undefined, limit: number) {
    return this.store
      .listGoodwillOffers({ statuses, limit })
      .then((rows) => rows.map(goodwillView));
  }

  // --- the team view ------------------------------------------------------------------------

  /**
   * For supervisors: each agent's and supervisor's heated conversations in hand (the five
   * hottest named), how often their upset customers calmed down, and their promises kept and
   * missed, counted by the team's own thresholds.
   */
  async teamOverview() {
    const policy = await this.conversationPolicy();
    const thresholds = {
      heatedTemperature: policy.heatedTemperature,
      upsetTemperature: policy.upsetTemperature,
      minTemperatureFall: policy.minTemperatureFall,
    };
    const rows = await this.store.teamStats({ ...thresholds, hottest: 5 });
    return { thresholds, team: rows.map(teamMemberView) };
  }

  // --- follow-ups and the clock -------------------------------------------------------------

  listFollowUps(query: {
    statuses?: string[] | undefined;
    ownerId?: string | undefined;
    limit: number;
  }) {
    return this.store.listFollowUps(query).then((rows) => rows.map(followUpView));
  }

  /** Queues a Slack-compatible message for the outgoing webhook, when one is configured. */
  private async notify(
    tx: StoreOps,
    kind: string,
    body: Record<string, unknown>,
    eventId: number,
    now: string,
  ): Promise<void> {
    if (this.webhookUrl === undefined) return;
    await tx.enqueueOutbox(kind, JSON.stringify(body), eventId, now);
  }

  /**
   * One turn of the follow-up clock: promises within the coming-due window become "due", past
   * their time "missed", each with its event and webhook, in the same transaction as the change
   * of status, so a restart neither loses nor repeats one. With PostgreSQL, rows another
   * instance is handling are skipped (FOR UPDATE SKIP LOCKED): each fires exactly once.
   * Returns how many changed.
   */
  async runClock(batch = 100): Promise<{ due: number; missed: number; woke: number }> {
    const nowDate = this.now();
    const now = iso(nowDate);
    const { comingDueMinutes } = await this.policy();
    const window = iso(new Date(nowDate.getTime() + comingDueMinutes * 60_000));
    const counts = { due: 0, missed: 0, woke: 0 };
    for (;;) {
      const changed = await this.store.transaction(async (tx) => {
        const rows = await tx.claimFollowUps(['pending'], window, batch);
        const late = await tx.claimFollowUps(['due'], now, batch);
        for (const f of [...rows, ...late]) {
          const status = f.dueAt <= now ? 'missed' : 'due';
          const patch = status === 'missed' ? { status, closedAt: now } : { status };
          await tx.updateFollowUp(f.id, patch);
          const conversation = await tx.getConversation(f.conversationId);
          const contact = conversation && (await tx.getContact(conversation.contactId));
          const owner = f.ownerId === null ? undefined : await tx.getUser(f.ownerId);
          const event = await tx.emit(
            `follow_up.${status}`,
            f.conversationId,
            { followUp: followUpView({ ...f, ...patch }) },
            now,
          );
          await this.notify(
            tx,
            `follow_up.${status}`,
            slackMessage.followUp({ ...f, ...patch }, contact?.name ?? null, owner?.name ?? null),
            event.id,
            now,
          );
          await tx.updateConversation(f.conversationId, {
            nextDueAt: await tx.nextDueOf(f.conversationId),
          });
          counts[status] += 1;
        }
        return rows.length + late.length;
      });
      if (changed < batch) break;
    }
    counts.woke = await this.wakeSnoozed(now);
    return counts;
  }

  /** Snoozed conversations whose time has come are open again. */
  private async wakeSnoozed(now: string): Promise<number> {
    const snoozed = await this.store.listWokenSnoozed(now, 500);
    let woke = 0;
    for (const c of snoozed) {
      await this.store.transaction(async (tx) => {
        const current = await tx.lockConversation(c.id);
        if (current?.status !== 'snoozed') return;
        await tx.updateConversation(c.id, { status: 'open', snoozedUntil: null, updatedAt: now });
        await tx.emit(
          'conversation.updated',
          c.id,
          { conversation: conversationView({ ...current, status: 'open', snoozedUntil: null }) },
          now,
        );
        woke += 1;
      });
    }
    return woke;
  }
}

export type { ContactRow };
