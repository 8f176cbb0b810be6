import type { NextAction, PlaybookStep, StopRecommendation } from '@calmdesk/core';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { addNote } from './conversation-data.js';
import { NEXT_ACTION_WORDS, PLAYBOOK_STATUS, PLAYBOOK_WORDS } from './words.js';

/** What to do now, with a phrasing the agent can put into the draft and edit. */
export function NextActionPanel({
  action,
  onUse,
}: {
  action: NextAction;
  onUse: (text: string) => void;
}) {
  return (
    <section class="panel next-action" aria-labelledby="next-action-heading">
      <h2 id="next-action-heading">Next best action</h2>
      <p>
        <strong>{NEXT_ACTION_WORDS[action.action] ?? action.action}.</strong> {action.why}
      </p>
      {action.suggestedReply.length > 0 && (
        <>
          <blockquote class="phrasing">{action.suggestedReply}</blockquote>
          {/\[[^\]]+\]/.test(action.suggestedReply) && (
            <p class="hint">Words in [brackets] are for you to fill in.</p>
          )}
          <button type="button" onClick={() => onUse(action.suggestedReply)}>
            Use this phrasing
          </button>
        </>
      )}
    </section>
  );
}

/** The nine steps of the practice, each with its state as a word and why. */
export function PlaybookPanel({ steps }: { steps: PlaybookStep[] }) {
  const done = steps.filter((s) => s.status === 'done').length;
  return (
    <section class="panel playbook" aria-labelledby="playbook-heading">
      <h2 id="playbook-heading">Playbook</h2>
      <p class="muted">
        {done} of {steps.length} steps done.
      </p>
      <ol class="playbook-steps">
        {steps.map((s) => {
          const status = PLAYBOOK_STATUS[s.status];
          return (
            <li key={s.step} class={`pb pb-${s.status}`}>
              <span class="pb-icon" aria-hidden="true">
                {status.icon}
              </span>
              <span>
                <strong>{PLAYBOOK_WORDS[s.step]}</strong>{' '}
                <span class="pb-word">({status.word})</span>
                {s.messageIndex !== undefined && (
                  <span class="muted"> message {s.messageIndex + 1}</span>
                )}
                <br />
                <span class="pb-why">{s.why}</span>
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/**
 * When to stop (brief, point 12): warn, apologise, close politely, and record why. The first
 * three go into the draft for the agent to send; the record becomes an internal note.
 */
export function StopScriptPanel({
  conversationId,
  stop,
  onUse,
  onRecorded,
}: {
  conversationId: string;
  stop: StopRecommendation;
  onUse: (text: string) => void;
  onRecorded: () => void;
}) {
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  if (!stop.recommended || stop.script === undefined) return null;
  const script = stop.script;
  const record = async () => {
    setBusy(true);
    try {
      await addNote(conversationId, script.record);
      setStatus('Recorded as an internal note.');
      onRecorded();
    } catch (err) {
      setStatus(err instanceof ApiError ? err.message : 'The note could not be added.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="panel stop" aria-labelledby="stop-heading">
      <h2 id="stop-heading">Time to stop</h2>
      <p>
        <strong>Stopping is recommended.</strong> {stop.reason}
      </p>
      <dl class="stop-script">
        <dt>1. Warn</dt>
        <dd>{script.warn}</dd>
        <dt>2. Apologise</dt>
        <dd>{script.apologise}</dd>
        <dt>3. Close politely</dt>
        <dd>{script.close}</dd>
        <dt>4. Record why</dt>
        <dd>{script.record}</dd>
      </dl>
      <div class="actions">
        <button
          type="button"
          onClick={() => onUse([script.warn, script.apologise, script.close].join(' '))}
        >
          Put the stop script in the draft
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={() => void record()}>
          Record as internal note
        </button>
      </div>
      <p role="status" class="muted">
        {status}
      </p>
    </section>
  );
}
