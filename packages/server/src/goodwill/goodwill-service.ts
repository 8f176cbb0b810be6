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
import type { ContactService } from '../contacts/contact-service.js';
import {
  toConversationMessage,
  type ConversationService,
} from '../conversations/conversation-service.js';
import { CalmdeskError, notFound } from '../errors.js';
import { emitEvent } from '../events/live-event.js';
import { newId } from '../ids.js';
import type { PolicyService } from '../policy/policy-service.js';
import type { Store, UserRow } from '../storage/store.js';

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
    const policy = (await this.teamPolicy.policy()).goodwill;
    const now = this.now();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
    return { ...policy, spentThisMonth: await this.store.goodwillSpentSince(monthStart) };
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

  /** Proposes an offer: granted at once within the proposer's limit, else waiting for approval. */
  async proposeGoodwill(
    conversationId: string,
    input: { kind: GoodwillKind; value: number; reason?: string | undefined },
    actor: UserRow,
  ) {
    const conversation = await this.conversations.require(conversationId);
    const check = checkGoodwillOffer(
      input.kind,
      input.value,
      { role: actor.role as GoodwillRole },
      await this.contacts.customerOf(conversation),
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
      await emitEvent(tx, 'goodwill.proposed', conversationId, { offer: goodwillView(row) }, now);
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

  listGoodwill(statuses: string[] | undefined, limit: number) {
    return this.store
      .listGoodwillOffers({ statuses, limit })
      .then((rows) => rows.map(goodwillView));
  }
}
