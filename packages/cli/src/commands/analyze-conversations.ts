import {
  analyzeConversation,
  nextActionWord,
  playbookStepWord,
  type ConversationAnalysis,
} from '@calmdesk/core';
import { z } from 'zod';
import { readJsonLines } from '../data/read-lines.js';
import { CONVERSATION_MESSAGE } from '../data/schemas.js';
import { CliError } from '../errors.js';

/** One conversation per line: `{"id", "messages": [{"role", "text", "at"}]}`. */
export const CONVERSATION_RECORD = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  messages: z.array(CONVERSATION_MESSAGE),
});

export interface AnalyzeConversationsOptions {
  input: string;
  json: boolean;
  now: Date;
  timeZone: string;
  skipBadLines: boolean;
  write: (line: string) => void;
  warn: (line: string) => void;
}

const arrow = (trend: string) => (trend === 'escalating' ? '↑' : trend === 'calming' ? '↓' : '→');

/**
 * Writes an instant as the team's clocks read it: "Mon, 23 Nov 2026, 06:05 (America/New_York)".
 * The formatter is made once, for every line of a long file.
 * @throws RangeError for a time zone the engine does not know.
 */
function localTimeWriter(timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (iso) => {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? iso : `${format.format(ms)} (${timeZone})`;
  };
}

/** A conversation's analysis as a few lines for people, times in the team's zone. */
export function formatConversation(
  id: string,
  a: ConversationAnalysis,
  localTime: (iso: string) => string,
): string {
  const lines = [`conversation ${id}`];
  const arc = a.temperatures.map((t) => `${t.temperature}°`).join(' → ');
  lines.push(
    `  temperature: ${arc || 'no customer messages'}  ${arrow(a.trend)} ${a.trend}` +
      (a.peak
        ? `, peak ${a.peak.temperature}° (${a.peak.level}) at message #${a.peak.index + 1}`
        : ''),
  );
  for (const b of a.timing.bursts) {
    lines.push(
      `  burst: ${b.count} customer messages in ${b.seconds} s (#${b.indexes.map((i) => i + 1).join(', #')})`,
    );
  }
  for (const i of a.timing.interruptions) lines.push(`  interruption: ${i.why}`);
  for (const step of a.playbook) {
    const mark = step.status === 'done' ? '✓' : step.status === 'missing' ? '✗' : '·';
    const where = step.messageIndex !== undefined ? ` (#${step.messageIndex + 1})` : '';
    lines.push(`  ${mark} ${playbookStepWord(step.step)}${where}: ${step.why}`);
  }
  lines.push(`  next: ${nextActionWord(a.nextAction.action)}: ${a.nextAction.why}`);
  if (a.nextAction.suggestedReply)
    lines.push(`        say: ${JSON.stringify(a.nextAction.suggestedReply)}`);
  if (a.escalation.recommended) {
    lines.push(`  ESCALATE: ${a.escalation.reasons.join('; ')}`);
    if (a.escalation.handoff) lines.push(`        hand-off: ${a.escalation.handoff.summary}`);
  }
  if (a.stop.recommended) lines.push(`  STOP: ${a.stop.reason ?? ''}`);
  for (const f of a.followUps) {
    lines.push(
      `  follow-up ${f.kind} due ${localTime(f.due)} [${f.status}]: ${f.promised ?? f.why}`,
    );
  }
  for (const n of a.notes) lines.push(`  note: ${n.note}`);
  return lines.join('\n');
}

/**
 * Analyses conversations, one JSON object per line, streaming in constant memory, with
 * progress on standard error for long files.
 */
export async function analyzeConversationsFile(
  options: AnalyzeConversationsOptions,
): Promise<number> {
  let count = 0;
  let localTime: (iso: string) => string;
  try {
    localTime = localTimeWriter(options.timeZone);
  } catch {
    throw new CliError(
      'usage',
      `unknown time zone "${options.timeZone}": use an IANA name such as Europe/London`,
    );
  }
  for await (const { line, record } of readJsonLines(options.input, CONVERSATION_RECORD, {
    onError: options.skipBadLines ? 'skip' : 'stop',
    warn: options.warn,
  })) {
    const analysis = analyzeConversation(record.messages, {
      now: options.now,
      timeZone: options.timeZone,
    });
    const id = String(record.id ?? `line ${line}`);
    options.write(
      options.json
        ? JSON.stringify({ id, line, ...analysis })
        : formatConversation(id, analysis, localTime),
    );
    count++;
    if (count % 1000 === 0) options.warn(`analysed ${count} conversations`);
  }
  return count;
}
