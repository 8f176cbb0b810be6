import {
  analyzeConversation,
  analyzeMessage,
  extractCommitments,
  type ConversationAnalysis,
  type GoodwillCustomer,
  type PlaybookStepName,
} from '@calmdesk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createCalmdesk, type Calmdesk } from '../server.js';
import {
  DEMO_CONTACTS,
  DEMO_USERS,
  demoTimeline,
  type DemoContact,
  type DemoConversation,
} from './demo-data.js';
import { seedDemo } from './seed-demo.js';

/*
 * The demo is what a new team sees first, so these tests read it with the real engine: the
 * inbox must show calm and heated customers, an abusive one, turned-around conversations and
 * promises kept, missed and running, whatever moment the demo is seeded at.
 */

/** Seeding moments: a weekday afternoon, a Saturday night, a Monday just before opening. */
const NOWS = [
  new Date('2026-11-25T15:00:00Z'),
  new Date('2026-11-28T03:30:00Z'),
  new Date('2026-11-30T08:59:00Z'),
];
const NOW = NOWS[0] as Date;
const TIME_ZONE = 'UTC';
const THREE_DAYS_IN_MINUTES = 3 * 24 * 60;

interface Entry {
  contact: DemoContact;
  conversation: DemoConversation;
}

const ENTRIES: Entry[] = DEMO_CONTACTS.flatMap((contact) =>
  contact.conversations.map((conversation) => ({ contact, conversation })),
);

function customerTexts(conversation: DemoConversation): string[] {
  return conversation.messages.filter((m) => m.role === 'customer').map((m) => m.text);
}

/** The hottest customer message of a conversation, as the inbox shows it. */
function peakTemperature(conversation: DemoConversation): number {
  return Math.max(0, ...customerTexts(conversation).map((t) => analyzeMessage(t).temperature));
}

function lastCustomerTemperature(conversation: DemoConversation): number {
  const last = customerTexts(conversation).at(-1);
  return last === undefined ? 0 : analyzeMessage(last).temperature;
}

/** The conversation as the engine reads it, timed against `now`. */
function analyze(entry: Entry, now: Date): ConversationAnalysis {
  const messages = demoTimeline(now)
    .filter((row) => row.conversationKey === entry.conversation.key)
    .map(({ role, text, at }) => ({ role, text, at }));
  return analyzeConversation(messages, {
    now,
    timeZone: TIME_ZONE,
    customerName: entry.contact.name,
  });
}

interface PromiseOutcome {
  conversationKey: string;
  promised: string;
  status: 'kept' | 'missed' | 'pending';
}

/**
 * Every promise in an agent message, and what became of it: kept when a later agent message
 * reached the same contact (on any channel) by its due time, missed when it fell due with none,
 * pending when it is not yet due.
 */
function promiseOutcomes(now: Date): PromiseOutcome[] {
  const timeline = demoTimeline(now);
  return timeline.flatMap((row) => {
    if (row.role !== 'agent') return [];
    const sentMs = Date.parse(row.at);
    return extractCommitments(row.text, row.at, { timeZone: TIME_ZONE }).map((commitment) => {
      const dueMs = Date.parse(commitment.due);
      const kept = timeline.some(
        (later) =>
          later.role === 'agent' &&
          later.contactKey === row.contactKey &&
          Date.parse(later.at) > sentMs &&
          Date.parse(later.at) <= dueMs,
      );
      const status = kept ? 'kept' : dueMs < now.getTime() ? 'missed' : 'pending';
      return { conversationKey: row.conversationKey, promised: commitment.text, status };
    });
  });
}

describe('demo data: shape', () => {
  it('has unique keys for contacts and conversations, and unique emails', () => {
    const contactKeys = DEMO_CONTACTS.map((c) => c.key);
    const conversationKeys = ENTRIES.map((e) => e.conversation.key);
    const emails = DEMO_CONTACTS.map((c) => c.email);
    expect(new Set(contactKeys).size).toBe(contactKeys.length);
    expect(new Set(conversationKeys).size).toBe(conversationKeys.length);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('seeds 14 to 16 conversations across at least five channels and every status', () => {
    expect(ENTRIES.length).toBeGreaterThanOrEqual(14);
    expect(ENTRIES.length).toBeLessThanOrEqual(16);
    expect(new Set(ENTRIES.map((e) => e.conversation.channel)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(ENTRIES.map((e) => e.conversation.status))).toEqual(
      new Set(['open', 'pending', 'resolved', 'snoozed']),
    );
  });

  it('orders each conversation oldest first, within the last three days', () => {
    for (const { conversation } of ENTRIES) {
      const minutes = conversation.messages.map((m) => m.minutesAgo);
      expect(minutes.length, conversation.key).toBeGreaterThan(0);
      minutes.slice(1).forEach((m, i) => expect(m, conversation.key).toBeLessThan(minutes[i]!));
      for (const m of minutes) {
        expect(m, conversation.key).toBeGreaterThan(0);
        expect(m, conversation.key).toBeLessThanOrEqual(THREE_DAYS_IN_MINUTES);
      }
    }
  });

  it('has the four team roles, and every agent message and note is written by an agent or the supervisor', () => {
    expect(DEMO_USERS.map((u) => u.role).sort()).toEqual(['admin', 'agent', 'agent', 'supervisor']);
    const writers = new Set(
      DEMO_USERS.filter((u) => u.role === 'agent' || u.role === 'supervisor').map(
        (u) => u.username,
      ),
    );
    for (const { conversation } of ENTRIES) {
      if (conversation.assignee !== undefined) expect(writers).toContain(conversation.assignee);
      for (const message of conversation.messages) {
        if (message.role === 'customer') expect(message.author, conversation.key).toBeUndefined();
        else expect(writers, conversation.key).toContain(message.author);
      }
    }
  });

  it('gives every contact what goodwill sizing needs', () => {
    const customers: GoodwillCustomer[] = DEMO_CONTACTS.map((c) => c.customer);
    for (const customer of customers) expect(customer.lifetimeValue).toBeGreaterThan(0);
  });

  it('shows history: at least two contacts came back on another channel', () => {
    const returning = DEMO_CONTACTS.filter(
      (c) => new Set(c.conversations.map((conversation) => conversation.channel)).size > 1,
    );
    expect(returning.length).toBeGreaterThanOrEqual(2);
  });

  it('has an internal note from an agent handing over to the supervisor by name', () => {
    const supervisor = DEMO_USERS.find((u) => u.role === 'supervisor');
    const agents = new Set(DEMO_USERS.filter((u) => u.role === 'agent').map((u) => u.username));
    const firstName = supervisor?.name.split(' ')[0] ?? '';
    const notes = ENTRIES.flatMap((e) => e.conversation.messages).filter(
      (m) => m.role === 'note' && m.author !== undefined && agents.has(m.author),
    );
    expect(notes.some((n) => n.text.includes(firstName))).toBe(true);
  });
});

describe('demo data: read by the engine', () => {
  it('has at least three calm conversations, peaking below 40', () => {
    const calm = ENTRIES.filter((e) => peakTemperature(e.conversation) < 40);
    expect(calm.length).toBeGreaterThanOrEqual(3);
  });

  it('has at least four heated open conversations, peaking at 70 or more, and at different heats', () => {
    const heated = ENTRIES.filter(
      (e) => e.conversation.status === 'open' && peakTemperature(e.conversation) >= 70,
    );
    expect(heated.length).toBeGreaterThanOrEqual(4);
    expect(new Set(heated.map((e) => peakTemperature(e.conversation))).size).toBeGreaterThan(1);
  });

  it('puts heated open conversations at the top of the inbox', () => {
    const byLatest = [...ENTRIES].sort(
      (a, b) =>
        Math.min(...a.conversation.messages.map((m) => m.minutesAgo)) -
        Math.min(...b.conversation.messages.map((m) => m.minutesAgo)),
    );
    for (const { conversation } of byLatest.slice(0, 4)) {
      expect(conversation.status, conversation.key).toBe('open');
      expect(peakTemperature(conversation), conversation.key).toBeGreaterThanOrEqual(70);
    }
  });

  it('shows the signs of the practice: shouting, a repeated contact, a threat, a manager demand', () => {
    const analyses = ENTRIES.filter((e) => e.conversation.status === 'open')
      .flatMap((e) => customerTexts(e.conversation))
      .map((t) => analyzeMessage(t));
    const seen = new Set(analyses.flatMap((a) => a.signals.map((s) => s.kind)));
    for (const kind of ['shouting', 'exclamation', 'repeated_contact', 'manager_demand'] as const) {
      expect(seen, kind).toContain(kind);
    }
    expect(analyses.some((a) => a.threats.includes('chargeback'))).toBe(true);
  });

  it('has an abusive customer who kept going after one warning, and Calmdesk recommends stopping', () => {
    const abusive = ENTRIES.filter((e) =>
      customerTexts(e.conversation).some((t) => analyzeMessage(t).abuse.score >= 0.9),
    );
    expect(abusive.length).toBeGreaterThanOrEqual(1);
    for (const entry of abusive) {
      const agentReplies = entry.conversation.messages.filter((m) => m.role === 'agent');
      expect(agentReplies).toHaveLength(1);
      expect(analyze(entry, NOW).stop.recommended, entry.conversation.key).toBe(true);
    }
  });

  it('has two resolved conversations an agent turned around with every step of the practice', () => {
    const steps: PlaybookStepName[] = [
      'acknowledged',
      'apologised',
      'reflected',
      'owned',
      'offered',
      'committed',
    ];
    const turnedAround = ENTRIES.filter((entry) => {
      const { conversation } = entry;
      if (conversation.status !== 'resolved' || peakTemperature(conversation) < 60) return false;
      const analysis = analyze(entry, NOW);
      const done = analysis.playbook.filter((p) => p.status === 'done').map((p) => p.step);
      return (
        lastCustomerTemperature(conversation) < 30 &&
        analysis.trend === 'calming' &&
        steps.every((step) => done.includes(step))
      );
    });
    expect(turnedAround.length).toBeGreaterThanOrEqual(2);
  });

  it('recommends escalating the conversation the agent handed over to the supervisor', () => {
    const handedOver = ENTRIES.filter((e) =>
      e.conversation.messages.some((m) => m.role === 'note'),
    );
    expect(handedOver.length).toBeGreaterThanOrEqual(1);
    for (const entry of handedOver) {
      expect(analyze(entry, NOW).escalation.recommended, entry.conversation.key).toBe(true);
    }
  });
});

describe('demo data: promises on the clock', () => {
  it.each(NOWS.map((now) => [now.toISOString(), now] as const))(
    'seeded at %s: at least two promises kept, two missed and one still running',
    (_label, now) => {
      const outcomes = promiseOutcomes(now);
      const count = (status: PromiseOutcome['status']): number =>
        outcomes.filter((o) => o.status === status).length;
      expect(count('kept')).toBeGreaterThanOrEqual(2);
      expect(count('missed')).toBeGreaterThanOrEqual(2);
      expect(count('pending')).toBeGreaterThanOrEqual(1);
    },
  );

  it('reads the same promises the same way whenever the demo is seeded', () => {
    const [first, ...rest] = NOWS.map((now) => promiseOutcomes(now));
    for (const outcomes of rest) expect(outcomes).toEqual(first);
  });

  it('never shows a missed promise in a resolved conversation', () => {
    const resolved = new Set(
      ENTRIES.filter((e) => e.conversation.status === 'resolved').map((e) => e.conversation.key),
    );
    for (const now of NOWS) {
      const missed = promiseOutcomes(now).filter(
        (o) => o.status === 'missed' && resolved.has(o.conversationKey),
      );
      expect(missed).toEqual([]);
    }
  });

  it('flags each missed promise on its conversation, as the agent sees it', () => {
    const missedKeys = new Set(
      promiseOutcomes(NOW)
        .filter((o) => o.status === 'missed')
        .map((o) => o.conversationKey),
    );
    for (const entry of ENTRIES.filter((e) => missedKeys.has(e.conversation.key))) {
      const followUps = analyze(entry, NOW).followUps;
      expect(
        followUps.some((f) => f.kind === 'promise' && f.status === 'missed'),
        entry.conversation.key,
      ).toBe(true);
    }
  });
});

describe('demoTimeline', () => {
  it('times every message at now less its minutes ago, one row per message', () => {
    const rows = demoTimeline(NOW);
    const messages = ENTRIES.flatMap((e) => e.conversation.messages);
    expect(rows).toHaveLength(messages.length);
    for (const { conversation } of ENTRIES) {
      const times = rows.filter((r) => r.conversationKey === conversation.key).map((r) => r.at);
      expect(times).toEqual(
        conversation.messages.map((m) =>
          new Date(NOW.getTime() - m.minutesAgo * 60_000).toISOString(),
        ),
      );
    }
  });

  it('is deterministic for a given now and sorted oldest first', () => {
    const rows = demoTimeline(NOW);
    expect(demoTimeline(new Date(NOW.getTime()))).toEqual(rows);
    const times = rows.map((r) => Date.parse(r.at));
    times.slice(1).forEach((t, i) => expect(t).toBeGreaterThanOrEqual(times[i]!));
    expect(times.at(-1)).toBeLessThan(NOW.getTime());
  });

  it('carries authors for agent messages and notes only', () => {
    for (const row of demoTimeline(NOW)) {
      if (row.role === 'customer') expect(row).not.toHaveProperty('author');
      else expect(row.author).toBeDefined();
    }
  });
});

describe('the seeded demo, as the supervisor sees it', () => {
  let calmdesk: Calmdesk;
  const subjectOf = new Map<string, string | null>();

  beforeAll(async () => {
    const config = loadConfig({}, { dataDir: ':memory:', logLevel: 'silent' });
    calmdesk = await createCalmdesk(config, {
      now: () => NOW,
      log: { info: () => undefined, error: () => undefined },
    });
    expect((await seedDemo(calmdesk.services, calmdesk.store, NOW)).seeded).toBe(true);
    for (const c of await calmdesk.store.listConversations({
      sort: 'age',
      limit: 500,
      offset: 0,
    }))
      subjectOf.set(c.id, c.subject);
  }, 60_000);

  afterAll(async () => {
    await calmdesk?.store.close();
  });

  it('has an escalation waiting in the queue, asked for by an agent with a reason', async () => {
    const waiting = await calmdesk.services.escalations.listEscalations(['open'], 50);
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    const [first] = waiting;
    expect(subjectOf.get(first!.conversationId)).toBe('Refund for returned coffee machine');
    expect(first!.reason).toMatch(/chargeback/);
    expect(first!.summary.length).toBeGreaterThan(20);
    expect(first!.requestedBy).not.toBeNull();
  });

  it('has a goodwill offer waiting for approval, with its context and the budget left', async () => {
    const { offers, budget } = await calmdesk.services.goodwill.listGoodwill(['pending'], 50);
    expect(offers.length).toBeGreaterThanOrEqual(1);
    expect(offers[0]).toMatchObject({
      status: 'pending',
      approverRole: 'supervisor',
      proposedByName: 'Alex Rivera',
      conversation: { subject: 'Charged twice for the annual plan renewal' },
    });
    expect(offers[0]!.reason).toMatch(/charged twice/i);
    expect(offers[0]!.problem).toMatch(/billing|charge/i);
    expect(budget.left).toBeGreaterThan(0);
  });

  it('shows the team view with the heated conversations nobody owns', async () => {
    const overview = await calmdesk.services.team.teamOverview();
    expect(overview.unassigned.openHeated).toBeGreaterThanOrEqual(1);
    const subjects = overview.unassigned.openHeatedConversations.map((c) => c.subject);
    expect(subjects).toContain('Order 88213 not delivered');
    for (const c of overview.unassigned.openHeatedConversations) {
      expect(c.temperature).toBeGreaterThanOrEqual(overview.thresholds.heatedTemperature);
    }
    // And every agent has heated work in hand or promises on record: no empty rows.
    for (const member of overview.team.filter((m) => m.user.role === 'agent')) {
      const p = member.promises;
      expect(member.openHeated + p.kept + p.missed + p.pending, member.user.name).toBeGreaterThan(
        0,
      );
    }
  });

  it('puts the agent’s missed promises first in the inbox', async () => {
    const inbox = await calmdesk.services.conversations.listConversations({
      statuses: ['open', 'pending'],
      sort: 'urgency',
      limit: 100,
      offset: 0,
    });
    const missed = inbox.filter((c) => c.oldestMissedAt !== null);
    expect(missed.length).toBeGreaterThanOrEqual(1);
    expect(inbox.slice(0, missed.length)).toEqual(missed);
  });
});
