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
import type {
  Contact,
  Conversation,
  ConversationStatus,
  ConversationTrend,
  Escalation,
  EscalationStatus,
  FollowUp,
  FollowUpStatus,
  GoodwillOffer,
  GoodwillStatus,
  Message,
  MessageAnalysis,
  MessageDirection,
  MessageSummary,
  Role,
  TeamMemberStats as TeamMemberView,
  User,
} from '../contract/index.js';

/**
 * What the API shows of rows: camelCase, JSON columns parsed, flags as booleans, no secrets.
 * Each returns its contract type; the store keeps statuses as text written only from those
 * types, so they are read back as them.
 */

export function userView(u: UserRow): User {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as Role,
    createdAt: u.createdAt,
    disabled: u.disabled === 1,
  };
}

export function contactView(c: ContactRow): Contact {
  return {
    id: c.id,
    externalId: c.externalId,
    name: c.name,
    email: c.email,
    profile: JSON.parse(c.profile) as Record<string, unknown>,
    createdAt: c.createdAt,
  };
}

export function conversationView(c: ConversationRow): Conversation {
  return {
    id: c.id,
    externalId: c.externalId,
    contactId: c.contactId,
    channel: c.channel,
    subject: c.subject,
    status: c.status as ConversationStatus,
    assigneeId: c.assigneeId,
    temperature: c.temperature,
    peakTemperature: c.peakTemperature,
    trend: c.trend as ConversationTrend,
    awaitingSince: c.awaitingSince,
    nextDueAt: c.nextDueAt,
    oldestMissedAt: c.oldestMissedAt,
    openQuestion: c.openQuestion,
    escalated: c.escalated === 1,
    lastMessageAt: c.lastMessageAt,
    messageCount: c.messageCount,
    snoozedUntil: c.snoozedUntil,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** A message without its analysis, as live events carry it (parsing it costs more than storing it). */
export function messageSummaryView(m: MessageRow): MessageSummary {
  return {
    id: m.id,
    externalId: m.externalId,
    conversationId: m.conversationId,
    direction: m.direction as MessageDirection,
    authorId: m.authorId,
    authorName: m.authorName,
    text: m.text,
    sentAt: m.sentAt,
    receivedAt: m.receivedAt,
    temperature: m.temperature,
  };
}

export function messageView(m: MessageRow): Message {
  return { ...messageSummaryView(m), analysis: JSON.parse(m.analysis) as MessageAnalysis };
}

export function followUpView(f: FollowUpRow): FollowUp {
  return {
    id: f.id,
    conversationId: f.conversationId,
    contactId: f.contactId,
    messageId: f.messageId,
    ownerId: f.ownerId,
    kind: f.kind,
    text: f.text,
    dueAt: f.dueAt,
    status: f.status as FollowUpStatus,
    keptByMessageId: f.keptByMessageId,
    closedAt: f.closedAt,
    createdAt: f.createdAt,
  };
}

export function escalationView(e: EscalationRow): Escalation {
  return {
    id: e.id,
    conversationId: e.conversationId,
    reason: e.reason,
    summary: e.summary,
    requestedBy: e.requestedBy,
    ownerId: e.ownerId,
    status: e.status as EscalationStatus,
    note: e.note,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

export function goodwillView(g: GoodwillOfferRow): GoodwillOffer {
  return {
    id: g.id,
    conversationId: g.conversationId,
    kind: g.kind,
    value: g.value,
    unit: g.unit,
    currencyValue: g.currencyValue,
    label: g.label,
    reason: g.reason,
    status: g.status as GoodwillStatus,
    approverRole: g.approverRole,
    proposedBy: g.proposedBy,
    decidedBy: g.decidedBy,
    decisionNote: g.decisionNote,
    createdAt: g.createdAt,
    decidedAt: g.decidedAt,
  };
}

/** A person in the team view; the de-escalation rate is null when no customer of theirs was upset. */
export function teamMemberView(m: TeamMemberStats): TeamMemberView {
  return {
    user: { id: m.user.id, name: m.user.name, role: m.user.role as Role },
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
