import type { EscalationRecommendation } from '@calmdesk/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { clockTime } from '../shared/format.js';
import type { Escalation } from '../shared/types.js';
import { escalate } from './conversation-data.js';
import { ESCALATION_STATUS } from './words.js';

/**
 * Bringing in a supervisor (brief, point 11): why it is recommended, and a hand-off summary,
 * written for the agent and editable, so the customer need not tell the story again.
 */
export function EscalationPanel({
  conversationId,
  recommendation,
  escalations,
  fallbackSummary,
  onEscalated,
}: {
  conversationId: string;
  recommendation: EscalationRecommendation;
  escalations: Escalation[];
  fallbackSummary: string;
  onEscalated: (e: Escalation) => void;
}) {
  const [open, setOpen] = useState(false);
  const [summary, setSummary] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const summaryBox = useRef<HTMLTextAreaElement>(null);
  const statusLine = useRef<HTMLParagraphElement>(null);
  const current = escalations.find((e) => e.status === 'open' || e.status === 'accepted');
  const [justSent, setJustSent] = useState(false);

  useEffect(() => {
    if (open) summaryBox.current?.focus();
  }, [open]);
  useEffect(() => {
    if (justSent) statusLine.current?.focus();
  }, [justSent]);

  const start = () => {
    setSummary(recommendation.handoff?.summary ?? fallbackSummary);
    setReason(recommendation.reasons[0] ?? '');
    setError(null);
    setOpen(true);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: { reason?: string; summary?: string } = {};
      if (summary.trim().length > 0) body.summary = summary.trim();
      if (reason.trim().length > 0) body.reason = reason.trim().slice(0, 500);
      const { escalation } = await escalate(conversationId, body);
      setOpen(false);
      setJustSent(true);
      onEscalated(escalation);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The escalation could not be sent.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel escalation" aria-labelledby="escalation-heading">
      <h2 id="escalation-heading">Escalation</h2>
      {current !== undefined ? (
        <div class="escalation-current">
          <p ref={statusLine} tabIndex={-1}>
            <strong>Escalated</strong> {clockTime(current.createdAt)}:{' '}
            <span class={`esc-status esc-${current.status}`}>
              {ESCALATION_STATUS[current.status] ?? current.status}
            </span>
          </p>
          <p class="muted">Reason: {current.reason}</p>
          <details>
            <summary>Hand-off summary sent</summary>
            <p class="prewrap">{current.summary}</p>
          </details>
          {current.note !== null && <p>Supervisor's note: {current.note}</p>}
        </div>
      ) : recommendation.recommended ? (
        <>
          <p>
            <strong>Escalating is recommended:</strong>
          </p>
          <ul>
            {recommendation.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </>
      ) : (
        <p class="muted">
          Not recommended yet. Escalate when the customer stays upset despite real effort.
        </p>
      )}
      {current === undefined && !open && (
        <button type="button" class={recommendation.recommended ? '' : 'secondary'} onClick={start}>
          Escalate
        </button>
      )}
      {current === undefined && open && (
        <form class="escalation-form" onSubmit={(e) => void submit(e)}>
          <label for="handoff-summary">Hand-off summary</label>
          <textarea
            id="handoff-summary"
            ref={summaryBox}
            rows={6}
            value={summary}
            required
            maxLength={5000}
            onInput={(e) => setSummary(e.currentTarget.value)}
          />
          <label for="escalation-reason">Why now (optional)</label>
          <input
            id="escalation-reason"
            value={reason}
            maxLength={500}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
          {error !== null && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <div class="actions">
            <button type="submit" disabled={busy}>
              Send to supervisor
            </button>
            <button type="button" class="secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {escalations.filter((e) => e !== current).length > 0 && (
        <>
          <h3>Earlier escalations</h3>
          <ul class="plain">
            {escalations
              .filter((e) => e !== current)
              .map((e) => (
                <li key={e.id}>
                  {clockTime(e.createdAt)}: {ESCALATION_STATUS[e.status] ?? e.status}
                  {e.note !== null && <> ({e.note})</>}
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}
