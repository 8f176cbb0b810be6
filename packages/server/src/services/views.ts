import type {
  ContactRow,
  ConversationRow,
  EscalationRow,
  FollowUpRow,
  GoodwillOfferRow,
  MessageRow,
  TeamMemberStats,
  UserRow,
} from '../storage/store.js';

/** What the API shows of rows: camelCase, JSON columns parsed, flags as booleans, no secrets. */

export function userView(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    createdAt: u.createdAt,
    disabled: u.disabled === 1,
  };
}

export function contactView(c: ContactRow) {
  return {
    id: c.id,
    externalId: c.externalId,
    name: c.name,
    email: c.email,
    profile: JSON.parse(c.profile) as Record<string, unknown>,
    createdAt: c.createdAt,
  };
}

export function conversationView(c: ConversationRow) {
  return {
    id: c.id,
    externalId: c.externalId,
    contactId: c.contactId,
    channel: c.channel,
    subject: c.subject,
    status: c.status,
    assigneeId: c.assigneeId,
    temperature: c.temperature,
    peakTemperature: c.peakTemperature,
    trend: c.trend,
    awaitingSince: c.awaitingSince,
    nextDueAt: c.nextDueAt,
    escalated: c.escalated === 1,
    lastMessageAt: c.lastMessageAt,
    messageCount: c.messageCount,
    snoozedUntil: c.snoozedUntil,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function messageView(m: MessageRow) {
  return {
    id: m.id,
    externalId: m.externalId,
    conversationId: m.conversationId,
    direction: m.direction,
    authorId: m.authorId,
    authorName: m.authorName,
    text: m.text,
    sentAt: m.sentAt,
    receivedAt: m.receivedAt,
    temperature: m.temperature,
    analysis: JSON.parse(m.analysis) as Record<string, unknown>,
  };
}

export function followUpView(f: FollowUpRow) {
  return {
    id: f.id,
    conversationId: f.conversationId,
    contactId: f.contactId,
    messageId: f.messageId,
    ownerId: f.ownerId,
    kind: f.kind,
    text: f.text,
    dueAt: f.dueAt,
    status: f.status,
    keptByMessageId: f.keptByMessageId,
    closedAt: f.closedAt,
    createdAt: f.createdAt,
  };
}

export function escalationView(e: EscalationRow) {
  return { ...e };
}

export function goodwillView(g: GoodwillOfferRow) {
  return { ...g };
}

/** A person in the team view; the de-escalation rate is null when no customer of theirs was upset. */
export function teamMemberView(m: TeamMemberStats) {
  return {
    user: { id: m.user.id, name: m.user.name, role: m.user.role },
    openHeated: m.openHeated,
    openHeatedConversations: m.hottest.map((c) => ({
      id: c.id,
      subject: c.subject,
      temperature: c.temperature,
    })),
    deEscalation: {
      rate: m.upset === 0 ? null : m.calmed / m.upset,
      count: m.calmed,
      of: m.upset,
    },
    promises: { ...m.promises },
  };
}
