import type { Services } from '../app/services.js';
import type { ConversationUpdate } from '../contract/index.js';
import { randomPassword } from '../people/passwords.js';
import type { Store, UserRow } from '../storage/store.js';
import { DEMO_CONTACTS, DEMO_USERS, demoTimeline } from './demo-data.js';

export interface DemoCredentials {
  email: string;
  name: string;
  role: string;
  password: string;
}

export const demoEmail = (username: string): string => `${username}@demo.calmdesk.test`;

/**
 * Fills an empty Calmdesk with the demo team and its conversations, timed relative to now, with
 * an escalation and a goodwill offer waiting for the supervisor, then runs the follow-up clock
 * once so promises show as kept, missed or still running. Does nothing
 * when conversations exist already. The demo people get random passwords, returned once to be
 * shown: none is shipped.
 */
export async function seedDemo(
  services: Services,
  store: Store,
  now: Date,
): Promise<{ seeded: boolean; credentials: DemoCredentials[] }> {
  if ((await store.countConversations()) > 0) return { seeded: false, credentials: [] };
  const users = new Map<string, UserRow>();
  const credentials: DemoCredentials[] = [];
  for (const u of DEMO_USERS) {
    const email = demoEmail(u.username);
    let user = await store.getUserByEmail(email);
    if (user === undefined) {
      const password = randomPassword();
      user = await services.people.createUser(
        { email, name: u.name, role: u.role, password },
        null,
      );
      credentials.push({ email, name: u.name, role: u.role, password });
    }
    users.set(u.username, user);
  }

  const contacts = new Map(DEMO_CONTACTS.map((c) => [c.key, c]));
  const conversationIds = new Map<string, string>();
  for (const [i, m] of demoTimeline(now).entries()) {
    const contact = contacts.get(m.contactKey);
    const conversation = contact?.conversations.find((c) => c.key === m.conversationKey);
    if (contact === undefined || conversation === undefined) continue;
    if (m.role === 'customer') {
      const [result] = await services.ingest.ingest(
        [
          {
            externalId: `demo:${m.conversationKey}:${i}`,
            contact: {
              externalId: `demo:${contact.key}`,
              name: contact.name,
              email: contact.email,
            },
            conversation: {
              externalId: `demo:${conversation.key}`,
              channel: conversation.channel,
              subject: conversation.subject,
            },
            direction: 'incoming',
            text: m.text,
            sentAt: m.at,
          },
        ],
        null,
        'demo',
      );
      if (result !== undefined) conversationIds.set(conversation.key, result.conversationId);
      continue;
    }
    const conversationId = conversationIds.get(conversation.key);
    const author = users.get(m.author ?? '');
    if (conversationId === undefined || author === undefined) continue;
    await services.conversations.reply(
      conversationId,
      m.text,
      author,
      m.role === 'note',
      new Date(m.at),
    );
  }

  const admin = users.get('morgan');
  for (const contact of DEMO_CONTACTS) {
    for (const conversation of contact.conversations) {
      const id = conversationIds.get(conversation.key);
      if (id === undefined || admin === undefined) continue;
      const conv = await store.getConversation(id);
      if (conv !== undefined) {
        await services.contacts.setContactProfile(conv.contactId, contact.customer, admin);
      }
      const assignee =
        conversation.assignee === undefined ? null : (users.get(conversation.assignee)?.id ?? null);
      const patch: ConversationUpdate = { assigneeId: assignee };
      if (conversation.status !== 'open') patch.status = conversation.status;
      if (conversation.status === 'snoozed')
        patch.snoozedUntil = new Date(now.getTime() + 2 * 86_400_000).toISOString();
      await services.conversations.updateConversation(id, patch, admin);
    }
  }
  // What waits for the supervisor: escalations asked for, offers above an agent's limit.
  for (const contact of DEMO_CONTACTS) {
    for (const conversation of contact.conversations) {
      const id = conversationIds.get(conversation.key);
      if (id === undefined) continue;
      const { escalation, goodwill } = conversation;
      const asker = escalation && users.get(escalation.by);
      if (escalation !== undefined && asker !== undefined) {
        await services.escalations.escalate(id, { reason: escalation.reason }, asker);
      }
      const proposer = goodwill && users.get(goodwill.by);
      if (goodwill !== undefined && proposer !== undefined) {
        await services.goodwill.proposeGoodwill(
          id,
          { kind: goodwill.kind, value: goodwill.value, reason: goodwill.reason },
          proposer,
        );
      }
    }
  }
  await services.followUps.runClock();
  return { seeded: true, credentials };
}
