import type { GoodwillCustomer } from '@calmdesk/core';
import { iso, type AppContext } from '../app/app-context.js';
import { contactView, conversationView } from '../app/views.js';
import type { ContactDetail } from '../contract/index.js';
import { notFound } from '../errors.js';
import type { ConversationRow, Store, UserRow } from '../storage/store.js';

/** Customers: who they are, their value to the business, every conversation they have had. */
export class ContactService {
  private readonly store: Store;
  private readonly now: () => Date;

  constructor(ctx: AppContext) {
    this.store = ctx.store;
    this.now = ctx.now;
  }

  async customerOf(conversation: ConversationRow): Promise<GoodwillCustomer> {
    const contact = await this.store.getContact(conversation.contactId);
    const profile =
      contact === undefined ? {} : (JSON.parse(contact.profile) as Partial<GoodwillCustomer>);
    return { lifetimeValue: 0, ...profile };
  }

  /** A customer and every conversation they have had with the team, on any channel. */
  async getContact(id: string): Promise<ContactDetail> {
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
}
