/** What the API returns, as the app reads it (see /api/openapi.json). */

export interface Conversation {
  id: string;
  externalId: string;
  contactId: string;
  /** The customer's name, in inbox lists. */
  contactName?: string | null;
  channel: string;
  subject: string | null;
  status: 'open' | 'pending' | 'resolved' | 'snoozed';
  assigneeId: string | null;
  temperature: number;
  peakTemperature: number;
  trend: 'calming' | 'steady' | 'escalating';
  awaitingSince: string | null;
  nextDueAt: string | null;
  escalated: boolean;
  lastMessageAt: string;
  messageCount: number;
  snoozedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Contact {
  id: string;
  externalId: string;
  name: string | null;
  email: string | null;
  profile: Record<string, unknown>;
}

export interface Signal {
  kind: string;
  start: number;
  end: number;
  text: string;
  explanation: string;
  threat?: string;
}

export interface Message {
  id: string;
  conversationId: string;
  direction: 'incoming' | 'outgoing' | 'note';
  authorId: string | null;
  authorName: string | null;
  text: string;
  sentAt: string;
  temperature: number | null;
  analysis: {
    kind?: string;
    temperature?: number;
    level?: string;
    signals?: Signal[];
    abuse?: { score: number; abusive: boolean; signals: Signal[] };
    commitments?: { kind: string; text: string; due: string }[];
  };
}

export interface FollowUp {
  id: string;
  conversationId: string;
  contactId: string;
  ownerId: string | null;
  kind: string;
  text: string;
  dueAt: string;
  status: 'pending' | 'due' | 'kept' | 'missed';
  createdAt: string;
}

export interface Escalation {
  id: string;
  conversationId: string;
  reason: string;
  summary: string;
  requestedBy: string | null;
  ownerId: string | null;
  status: 'open' | 'accepted' | 'returned' | 'resolved';
  note: string | null;
  createdAt: string;
}

export interface GoodwillOffer {
  id: string;
  conversationId: string;
  kind: string;
  value: number;
  unit: string;
  currencyValue: number;
  label: string;
  reason: string | null;
  status: 'approved' | 'pending' | 'rejected';
  approverRole: string | null;
  proposedBy: string;
  decidedBy: string | null;
  createdAt: string;
}

/** GET /api/v1/team: one agent or supervisor in the supervisor's team view. */
export interface TeamMemberStats {
  user: { id: string; name: string; role: 'agent' | 'supervisor' };
  /** Open or pending conversations assigned to them at or above the heated temperature. */
  openHeated: number;
  /** The hottest of those (at most five), hottest first. */
  openHeatedConversations: { id: string; subject: string | null; temperature: number }[];
  /** Of their conversations whose customer got upset, the share that calmed down (null: none). */
  deEscalation: { rate: number | null; count: number; of: number };
  promises: { kept: number; missed: number; pending: number };
}

export interface TeamOverview {
  thresholds: { heatedTemperature: number; upsetTemperature: number; minTemperatureFall: number };
  team: TeamMemberStats[];
}
