import {
  COACH_STEP_WORDS,
  coachReply,
  coachRuleWord,
  type CoachFinding,
  type CoachReplyResult,
} from '@calmdesk/core';
import { z } from 'zod';
import { CONVERSATION_MESSAGE } from '../data/schemas.js';
import { CliError } from '../errors.js';

/**
 * The coach's input on standard input: the conversation so far and the agent's draft. A message
 * may leave out `at`: the coach reads the words, and the times are filled in (see `withTimes`).
 */
export const COACH_INPUT = z.object({
  conversation: z.array(CONVERSATION_MESSAGE.extend({ at: z.string().optional() })),
  draft: z.string(),
});

type CoachInputMessage = z.infer<typeof COACH_INPUT>['conversation'][number];

/**
 * The conversation with a time on every message: one left without is a minute after the one
 * before it, and a conversation with no times at all ends a minute before `now`.
 */
export function withTimes(
  messages: readonly CoachInputMessage[],
  now: Date,
): z.infer<typeof CONVERSATION_MESSAGE>[] {
  const minute = 60_000;
  let previous = now.getTime() - (messages.length + 1) * minute;
  return messages.map((m) => {
    const given = m.at === undefined ? Number.NaN : Date.parse(m.at);
    const at = m.at ?? new Date(previous + minute).toISOString();
    previous = Number.isNaN(given) ? Date.parse(at) : given;
    return { ...m, at };
  });
}

/** Reads all of a stream as text. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses and checks the coach's input; bad input is a one-line error. */
export function parseCoachInput(raw: string): z.infer<typeof COACH_INPUT> {
  if (raw.trim() === '') {
    throw new CliError('empty_input', 'stdin: expected {"conversation": [...], "draft": "..."}');
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new CliError(
      'bad_input',
      'stdin: not valid JSON: expected {"conversation": [...], "draft": "..."}',
    );
  }
  const parsed = COACH_INPUT.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'input';
    throw new CliError('bad_input', `stdin: bad ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * A rewrite as a person reads it: the words it replaces and the words it puts in. A rewrite
 * may reach past the flagged words (to fix a capital or a comma), so both sides are shown.
 */
function rewriteWords(draft: string, f: CoachFinding): string {
  if (f.rewrite === undefined) return '';
  const { start, end, replacement } = f.rewrite;
  const before = draft.slice(start, end);
  const instead = replacement === '' ? '(remove it)' : JSON.stringify(replacement);
  // A line added after the draft (an honest holding line) replaces nothing.
  if (start === end) return `  → add ${JSON.stringify(replacement.trim())}`;
  return before === f.text ? `  → ${instead}` : `  ${JSON.stringify(before)} → ${instead}`;
}

/** The customer's words a listening finding is about, unless its reason quotes them already. */
function theirWords(f: CoachFinding): string {
  if (f.customer === undefined || f.why.includes(f.customer.text.slice(0, 60))) return '';
  const label = f.rule === 'asks-again' ? 'they already told you' : 'their question';
  return `\n          ${label}: ${JSON.stringify(f.customer.text)}`;
}

/** The coach's verdict as a few lines for people, in the words the app uses. */
export function formatCoach(draft: string, r: CoachReplyResult): string {
  if (r.empty || draft.trim() === '') {
    return 'score 0/100\n  the draft is empty: write a reply to coach';
  }
  const lines = [`score ${r.score}/100`];
  for (const d of r.done) lines.push(`  done    ${d.why}`);
  for (const f of r.findings) {
    // A finding about the whole reply names it rather than repeat every word of it.
    const words =
      f.start === 0 && f.end >= draft.trimEnd().length
        ? 'the reply as a whole'
        : JSON.stringify(f.text);
    lines.push(
      `  ${f.severity.padEnd(7)} ${coachRuleWord(f.rule)}: ${words}: ${f.why}${rewriteWords(draft, f)}${theirWords(f)}`,
    );
  }
  for (const m of r.missing) lines.push(`  missing ${COACH_STEP_WORDS[m.step]}: ${m.why}`);
  if (r.findings.length === 0 && r.missing.length === 0) lines.push('  nothing to change');
  return lines.join('\n');
}

/** Coaches one draft read from standard input; messages without `at` are timed before `now`. */
export async function coach(
  input: NodeJS.ReadableStream,
  now: Date = new Date(),
): Promise<{ draft: string; result: CoachReplyResult }> {
  const { conversation, draft } = parseCoachInput(await readAll(input));
  return { draft, result: coachReply(draft, withTimes(conversation, now)) };
}
