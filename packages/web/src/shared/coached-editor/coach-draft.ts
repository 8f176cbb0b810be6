import type { CoachFinding, CoachReplyResult, ConversationMessage } from '@calmdesk/core';
import type { Message } from '../types.js';

/** A coach result and the draft it was read from (spans only hold for that draft). */
export interface CoachedDraft extends CoachReplyResult {
  draft: string;
}

/** core's coachReply, loaded on first use. */
export type CoachReply = typeof import('./coach-engine.js').coachReply;

let loading: Promise<CoachReply> | null = null;

/**
 * Loads the coach: it carries core's trained model, far larger than the rest of the app, so it
 * comes in its own chunk when a coached editor is first shown, not with the inbox.
 */
export function loadCoach(): Promise<CoachReply> {
  loading ??= import('./coach-engine.js').then(
    (core) => core.coachReply,
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

const ROLES = { incoming: 'customer', outgoing: 'agent', note: 'note' } as const;

/** The conversation as core's coach reads it. */
export function toCoachMessages(messages: readonly Message[]): ConversationMessage[] {
  return messages.map((m) => ({ id: m.id, role: ROLES[m.direction], text: m.text, at: m.sentAt }));
}

function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * Coaches a draft in the browser, as of now: no round trip, so it can run as the agent types.
 * The team's time zone is not exposed to the browser; the agent's own is close enough for
 * telling whether a time was promised, which is all the coach needs it for.
 */
export function coachDraft(
  coachReply: CoachReply,
  draft: string,
  messages: readonly ConversationMessage[],
  upsetTemperature: number | undefined,
): CoachedDraft {
  const options: Parameters<typeof coachReply>[2] = { sentAt: new Date() };
  if (upsetTemperature !== undefined) options.upsetTemperature = upsetTemperature;
  const timeZone = browserTimeZone();
  let result: CoachReplyResult;
  try {
    result = coachReply(
      draft,
      messages,
      timeZone === undefined ? options : { ...options, timeZone },
    );
  } catch {
    result = coachReply(draft, messages, options);
  }
  return { ...result, draft };
}

/**
 * Applies a finding's rewrite to the current draft. The finding may come from a slightly older
 * draft (coaching is debounced), so it is found again in a fresh reading by rule and text;
 * returns null when it is no longer there.
 */
export function applyRewrite(
  finding: CoachFinding,
  fresh: CoachedDraft,
): { draft: string; caret: number } | null {
  const candidates = fresh.findings.filter(
    (f) => f.rule === finding.rule && f.text === finding.text && f.rewrite !== undefined,
  );
  const match = candidates.sort(
    (a, b) => Math.abs(a.start - finding.start) - Math.abs(b.start - finding.start),
  )[0];
  const rewrite = match?.rewrite;
  if (rewrite === undefined) return null;
  const d = fresh.draft;
  return {
    draft: d.slice(0, rewrite.start) + rewrite.replacement + d.slice(rewrite.end),
    caret: rewrite.start + rewrite.replacement.length,
  };
}
