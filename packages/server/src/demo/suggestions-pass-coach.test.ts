import { readFileSync } from 'node:fs';
import {
  analyzeConversation,
  coachReply,
  type CoachReplyResult,
  type ConversationMessage,
} from '@calmdesk/core';
import { describe, expect, it } from 'vitest';
import { DEMO_CONTACTS, demoTimeline } from './demo-data.js';

/*
 * The app must agree with itself: every phrasing Calmdesk suggests in a conversation (the next
 * best action's reply, the escalation hand-off to the customer, the stop script and each of its
 * lines) passes Calmdesk's own coach in that conversation, with a score of at least 80 and no
 * finding of severity `problem`. Read on every demo conversation and every example
 * conversation, at every point an agent could have asked (after each message), and on the
 * demo as seeded at three moments. And a rewrite never makes a reply worse: applying every
 * rewrite the coach offers on the agents' own messages leaves no `problem` and no lower score.
 */

const TIME_ZONE = 'UTC';
const MIN_SCORE = 80;
/** Seeding moments: a weekday afternoon, a Saturday night, a Monday just before opening. */
const NOWS = [
  new Date('2026-11-25T15:00:00Z'),
  new Date('2026-11-28T03:30:00Z'),
  new Date('2026-11-30T08:59:00Z'),
];
/** When an agent reads a conversation: a couple of minutes after its last message. */
const READ_AFTER_MS = 2 * 60_000;

interface Case {
  name: string;
  messages: ConversationMessage[];
  /** The seeding moment, for the whole demo conversation. */
  now?: Date;
  customerName?: string;
}

function exampleConversations(): Case[] {
  const path = new URL('../../../../examples/conversations.jsonl', import.meta.url);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { id: string; messages: ConversationMessage[] })
    .map((c) => ({ name: `example ${c.id}`, messages: c.messages }));
}

function demoConversations(): Case[] {
  return NOWS.flatMap((now) => {
    const timeline = demoTimeline(now);
    return DEMO_CONTACTS.flatMap((contact) =>
      contact.conversations.map((conversation) => ({
        name: `demo ${conversation.key} seeded ${now.toISOString()}`,
        now,
        customerName: contact.name,
        messages: timeline
          .filter((row) => row.conversationKey === conversation.key)
          .map(({ role, text, at }) => ({ role, text, at })),
      })),
    );
  });
}

interface Suggestion {
  where: string;
  kind: string;
  text: string;
  conversation: ConversationMessage[];
  now: Date;
}

/** Every phrasing the analysis offers at each point of a conversation. */
function suggestionsOf(c: Case): Suggestion[] {
  const out: Suggestion[] = [];
  for (let k = 1; k <= c.messages.length; k++) {
    const conversation = c.messages.slice(0, k);
    const last = conversation[conversation.length - 1] as ConversationMessage;
    const now =
      k === c.messages.length && c.now !== undefined
        ? c.now
        : new Date(Date.parse(last.at) + READ_AFTER_MS);
    const a = analyzeConversation(conversation, {
      now,
      timeZone: TIME_ZONE,
      ...(c.customerName === undefined ? {} : { customerName: c.customerName }),
    });
    const where = `${c.name}, after message ${k}`;
    const add = (kind: string, text: string): void => {
      out.push({ where, kind, text, conversation, now });
    };
    if (a.nextAction.suggestedReply !== '') {
      add(`next action ${a.nextAction.action}`, a.nextAction.suggestedReply);
    }
    const script = a.stop.script;
    if (script !== undefined) {
      add('stop script', [script.warn, script.apologise, script.close].join(' '));
      add('stop script: warn', script.warn);
      add('stop script: apologise', script.apologise);
      add('stop script: close', script.close);
    }
  }
  return out;
}

function coach(s: { text: string; conversation: ConversationMessage[]; now: Date }) {
  return coachReply(s.text, s.conversation, { sentAt: s.now, timeZone: TIME_ZONE });
}

function failure(s: Suggestion, r: CoachReplyResult): string {
  const findings = r.findings.map((f) => `${f.severity} ${f.rule} "${f.text}"`);
  const missing = r.missing.map((m) => `missing ${m.step}`);
  return `${s.where}: ${s.kind} scores ${r.score} (${[...findings, ...missing].join('; ')}): "${s.text}"`;
}

/** Applies the coach's rewrites one at a time, reading the draft afresh after each, as the app does. */
function applyEveryRewrite(draft: string, conversation: ConversationMessage[], now: Date): string {
  let text = draft;
  for (let i = 0; i < 20; i++) {
    const next = coach({ text, conversation, now }).findings.find((f) => f.rewrite !== undefined);
    if (next?.rewrite === undefined) return text;
    const { start, end, replacement } = next.rewrite;
    text = text.slice(0, start) + replacement + text.slice(end);
  }
  return text;
}

const CASES = [...exampleConversations(), ...demoConversations()];

describe('every phrasing Calmdesk suggests passes its own coach', () => {
  it(`on the example and demo conversations (${CASES.length} readings), at every point`, () => {
    const suggestions = CASES.flatMap(suggestionsOf);
    const failures: string[] = [];
    let lowest = 100;
    for (const s of suggestions) {
      const r = coach(s);
      lowest = Math.min(lowest, r.score);
      if (r.score < MIN_SCORE || r.findings.some((f) => f.severity === 'problem')) {
        failures.push(failure(s, r));
      }
    }
    console.info(
      `self-consistency: ${suggestions.length} suggestions checked, lowest score ${lowest}`,
    );
    expect(suggestions.length).toBeGreaterThan(50);
    expect(suggestions.some((s) => s.kind === 'stop script')).toBe(true);
    expect(suggestions.some((s) => s.kind === 'next action escalate')).toBe(true);
    expect(suggestions.some((s) => s.kind === 'next action warn')).toBe(true);
    expect(failures).toEqual([]);
  });

  it("never makes an agent's own message worse by applying every rewrite", () => {
    const failures: string[] = [];
    let rewritten = 0;
    for (const c of CASES) {
      c.messages.forEach((m, i) => {
        if (m.role !== 'agent') return;
        const conversation = c.messages.slice(0, i);
        const now = new Date(Date.parse(m.at));
        const before = coach({ text: m.text, conversation, now });
        if (!before.findings.some((f) => f.rewrite !== undefined)) return;
        rewritten++;
        const text = applyEveryRewrite(m.text, conversation, now);
        const after = coach({ text, conversation, now });
        if (after.score < before.score || after.findings.some((f) => f.severity === 'problem')) {
          failures.push(`${c.name}, message ${i + 1}: ${before.score} → ${after.score}: "${text}"`);
        }
      });
    }
    expect(rewritten).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });
});
