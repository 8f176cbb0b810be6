import type { MessageSignalRow } from '../storage/schema.js';

/**
 * The signal rows of a stored customer message: one per kind of sign its analysis found, with
 * `strength` the number of times that sign appears in it ("!!!" twice and a threat: two
 * exclamation, one threat). Agents' messages and notes have none.
 */
export function signalRowsOf(message: {
  id: string;
  conversationId: string;
  direction: string;
  sentAt: string;
  analysis: string;
}): MessageSignalRow[] {
  if (message.direction !== 'incoming') return [];
  let signals: unknown;
  try {
    signals = (JSON.parse(message.analysis) as { signals?: unknown }).signals;
  } catch {
    return [];
  }
  if (!Array.isArray(signals)) return [];
  const counts = new Map<string, number>();
  for (const s of signals) {
    const kind = (s as { kind?: unknown } | null)?.kind;
    if (typeof kind === 'string') counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, strength]) => ({
    messageId: message.id,
    conversationId: message.conversationId,
    kind,
    strength,
    at: message.sentAt,
  }));
}
