import {
  checkGoodwillOffer,
  suggestGoodwill,
  type GoodwillFault,
  type GoodwillKind,
  type GoodwillPolicy,
  type GoodwillRole,
} from '@calmdesk/core';
import { iso, type AppContext } from '../app/app-context.js';
import { goodwillView } from '../app/views.js';
import type { GoodwillOffer, GoodwillQueue, GoodwillQueueItem } from '../contract/index.js';
import type { ContactService } from '../contacts/contact-service.js';
import {
  toConversationMessage,
  type ConversationService,
} from '../conversations/conversation-service.js';
import { CalmdeskError, notFound } from '../errors.js';
import { emitEvent } from '../events/live-event.js';
import { newId } from '../ids.js';
import { requireRole } from '../people/roles.js';
import type { PolicyService } from '../policy/policy-service.js';
import type { Store, StoreOps, UserRow } from '../storage/store.js';

/** Money compares with this much slack, as core's checks do, so cents summed in floating point never tip an offer over. */
const BUDGET_EPSILON = 1e-9;

/** The first instant of the (UTC) month `now` falls in: the budget is per calendar month. */
function monthStart(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

function money(amount: number, currency: string): string {
  return `${Number.isInteger(amount) ? String(amount) : amount.toFixed(2)} ${currency}`;
}

/** Goodwill: the smallest fair offer, granted within limits or sent for approval. */
export class GoodwillService {
  private readonly store: Store;
  private readonly now: () => Date;

  constructor(
    ctx: AppContext,
    private readonly teamPolicy: PolicyService,
    private readonly conversations: ConversationService,
    private readonly contacts: ContactService,
  ) {
    this.store = ctx.store;
    this.now = ctx.now;
  }

  /** The goodwill policy with this month's approved spending filled in from the records. */
  async goodwillPolicy(): Promise<GoodwillPolicy> {
    return this.withSpending((await this.teamPolicy.policy()).goodwill, this.store);
  }

  /**
   * `policy` with this month's spending read through `ops`: inside a spend decision, the
   * transaction holding the budget's lock. The team's policy is read before that transaction
   * opens, so a transaction never waits for a second connection from the pool (with every
   * connection held by transactions queued on the lock, that wait would never end).
   */
  private async withSpending(policy: GoodwillPolicy, ops: StoreOps): Promise<GoodwillPolicy> {
    return { ...policy, spentThisMonth: await ops.goodwillSpentSince(monthStart(this.now())) };
  }

  async suggestGoodwill(
    conversationId: string,
    role: GoodwillRole,
    fault: GoodwillFault | undefined,
  ) {
    const conversation = await this.conversations.require(conversationId);
    const messages = await this.store.listMessages(conversationId);
    const options: Parameters<typeof suggestGoodwill>[3] = { role };
    if (fault !== undefined) options.fault = fault;
    return suggestGoodwill(
      messages.map(toConversationMessage),
      await this.contacts.customerOf(conversation),
      await this.goodwillPolicy(),
      options,
    );
  }

  /**
   * Proposes an offer: granted at once within the proposer's limit and the month's budget, else
   * waiting for approval. The budget is read and spent in one transaction holding the budget's
   * lock, so offers sent at once can never together grant more than the budget.
   */
  async proposeGoodwill(
    conversationId: string,
    input: {
      kind: GoodwillKind;
      value: number;
      reason?: string | undefined;
      currency?: string | undefined;
    },
    actor: UserRow,
  ) {
    const conversation = await this.conversations.require(conversationId);
    const customer = await this.contacts.customerOf(conversation);
    const teamGoodwill = (await this.teamPolicy.policy()).goodwill;
    const now = iso(this.now());
    return this.store.transaction(async (tx) => {
      await tx.lockGoodwillBudget(now);
      const policy = await this.withSpending(teamGoodwill, tx);
      const check = checkGoodwillOffer(
        input.kind,
        input.value,
        // A credit keeps the customer's currency the suggestion gave it, in its label.
        {
          role: actor.role as GoodwillRole,
          ...(input.currency === undefined ? {} : { currency: input.currency }),
        },
        customer,
        policy,
      );
      if (!check.allowed)
        throw new CalmdeskError('invalid_request', check.reasons.join(' '), {
          reasons: check.reasons,
        });
      // An admin owns the budget and may give beyond it; the audit log says when they did.
      const overBudget =
        check.offer.currencyValue > policy.monthlyBudget - policy.spentThisMonth + BUDGET_EPSILON;
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
      await tx.insertGoodwillOffer(row);
      await tx.appendAudit({
        at: now,
        actorId: actor.id,
        action: 'goodwill.proposed',
        entity: 'goodwill_offer',
        entityId: row.id,
        details: JSON.stringify({
          label: row.label,
          status: row.status,
          ...(row.status === 'approved' && overBudget ? { overBudget: true } : {}),
        }),
      });
      await emitEvent(tx, 'goodwill.proposed', conversationId, { offer: goodwillView(row) }, now);
      return { offer: goodwillView(row), reasons: check.reasons };
    });
  }

  /**
   * Approves or rejects a pending offer. An approval rechecks the month's budget under the
   * budget's lock: past it, only an admin's explicit `override` approves, and the audit log
   * records it.
   */
  async decideGoodwill(
    id: string,
    approve: boolean,
    note: string | undefined,
    actor: UserRow,
    override = false,
  ) {
    // Defence in depth: the approvals routes need a supervisor too.
    requireRole(actor, 'supervisor', 'Deciding a goodwill offer');
    const teamGoodwill = (await this.teamPolicy.policy()).goodwill;
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
      let overBudget = false;
      if (approve) {
        await tx.lockGoodwillBudget(now);
        const policy = await this.withSpending(teamGoodwill, tx);
        const left = Math.max(0, policy.monthlyBudget - policy.spentThisMonth);
        overBudget = offer.currencyValue > left + BUDGET_EPSILON;
        if (overBudget && !override) {
          throw new CalmdeskError(
            'conflict',
            `${offer.label} is more than the ${money(left, policy.currency)} left of this month's goodwill budget of ${money(policy.monthlyBudget, policy.currency)}: an admin may approve it over the budget with "override": true.`,
            { budgetLeft: round2(left), monthlyBudget: policy.monthlyBudget },
          );
        }
        if (overBudget && actor.role !== 'admin') {
          throw new CalmdeskError(
            'forbidden',
            'Only an admin may approve an offer over the month’s goodwill budget.',
          );
        }
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
        details: JSON.stringify({ note: note ?? null, ...(overBudget ? { override: true } : {}) }),
      });
      const updated = { ...offer, ...patch };
      await emitEvent(
        tx,
        'goodwill.decided',
        offer.conversationId,
        { offer: goodwillView(updated) },
        now,
      );
      return goodwillView(updated);
    });
  }

  /**
   * Offers with what a supervisor decides on (who proposed it, the conversation's heat, the
   * customer's problem as the hand-off names it) and what is left of this month's budget.
   */
  async listGoodwill(statuses: string[] | undefined, limit: number): Promise<GoodwillQueue> {
    const [rows, policy] = await Promise.all([
      this.store.listGoodwillOffers({ statuses, limit }),
      this.goodwillPolicy(),
    ]);
    // Read each conversation (and proposer) once, however many offers it has.
    const contexts = new Map<string, Promise<Omit<GoodwillQueueItem, keyof GoodwillOffer>>>();
    const offers: GoodwillQueueItem[] = [];
    for (const row of rows) {
      const key = `${row.conversationId} ${row.proposedBy}`;
      let context = contexts.get(key);
      if (context === undefined) {
        context = this.offerContext(row.conversationId, row.proposedBy);
        contexts.set(key, context);
      }
      offers.push({ ...goodwillView(row), ...(await context) });
    }
    const left = round2(Math.max(0, policy.monthlyBudget - policy.spentThisMonth));
    return {
      offers,
      budget: {
        currency: policy.currency,
        monthlyBudget: policy.monthlyBudget,
        spentThisMonth: round2(policy.spentThisMonth),
        left,
      },
    };
  }

  private async offerContext(
    conversationId: string,
    proposedBy: string,
  ): Promise<Omit<GoodwillQueueItem, keyof GoodwillOffer>> {
    const [conversation, proposer] = await Promise.all([
      this.store.getConversation(conversationId),
      this.store.getUser(proposedBy),
    ]);
    const proposedByName = proposer?.name ?? null;
    if (conversation === undefined) return { proposedByName, conversation: null, problem: null };
    const [messages, contact] = await Promise.all([
      this.store.listMessages(conversationId),
      this.store.getContact(conversation.contactId),
    ]);
    const analysis = await this.conversations.analyse(conversation, messages, contact);
    return {
      proposedByName,
      conversation: {
        subject: conversation.subject,
        contactName: contact?.name ?? null,
        temperature: conversation.temperature,
        peakTemperature: conversation.peakTemperature,
        trend: analysis.trend,
      },
      problem: analysis.escalation.handoff?.problem ?? null,
    };
  }
}
