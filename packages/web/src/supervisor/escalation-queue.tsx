import { useRef, useState } from 'preact/hooks';
import { href } from '../shared/navigation.js';
import { TemperatureBadge, TrendArrow } from '../shared/temperature.js';
import type { Escalation } from '../shared/types.js';
import {
  decideEscalation,
  errorText,
  useNow,
  type ConversationBrief,
  type EscalationAction,
  type EscalationQueueData,
  type LiveData,
  type Person,
} from './supervisor-data.js';
import { EscalationReply } from './escalation-reply.js';
import { nameOf, subjectOf, When } from './supervisor-parts.js';

const STATUS_ORDER: Record<Escalation['status'], number> = {
  open: 0,
  returned: 1,
  accepted: 2,
  resolved: 3,
};

/** Waiting first (longest wait at the top), then sent back, taken over, and resolved last. */
function queueOrder(a: Escalation, b: Escalation): number {
  const byStatus = STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
  if (byStatus !== 0) return byStatus;
  const byAge = a.createdAt.localeCompare(b.createdAt);
  return a.status === 'resolved' ? -byAge : byAge;
}

function statusText(e: Escalation, people: Map<string, Person>): string {
  switch (e.status) {
    case 'open':
      return 'Waiting for a supervisor';
    case 'accepted':
      return `Taken over by ${nameOf(people, e.ownerId, 'a supervisor')}`;
    case 'returned':
      return 'Sent back to the agent';
    case 'resolved':
      return 'Resolved';
  }
}

const DONE: Record<EscalationAction, string> = {
  accept: 'Taken over',
  return: 'Sent back to the agent',
  resolve: 'Resolved',
};

/** The supervisors' queue of escalations, live: a new one appears as the agent asks. */
export function EscalationQueue({
  live,
  showResolved,
  onShowResolved,
}: {
  live: LiveData<EscalationQueueData>;
  showResolved: boolean;
  onShowResolved: (show: boolean) => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const now = useNow();
  const { data, error, loading } = live;
  const escalations = [...(data?.escalations ?? [])].sort(queueOrder);
  const count = (s: Escalation['status']) => escalations.filter((e) => e.status === s).length;

  const done = (message: string, action: EscalationAction, itemHeading: HTMLElement | null) => {
    setAnnouncement(message);
    void live.reload();
    // The button pressed may be gone with the new status, or the item with it: focus moves to
    // the item's heading, or to the top of the queue when a resolved item leaves the list.
    if (action === 'resolve' && !showResolved) heading.current?.focus();
    else itemHeading?.focus();
  };

  return (
    <section class="sv-panel" aria-labelledby="sv-escalations-title">
      <div class="sv-head">
        <h1 id="sv-escalations-title" ref={heading} tabIndex={-1}>
          Escalations
        </h1>
        <label class="sv-toggle">
          <input
            type="checkbox"
            checked={showResolved}
            onChange={(e) => onShowResolved(e.currentTarget.checked)}
          />{' '}
          Show resolved
        </label>
      </div>
      {data && (
        <p class="sv-summary">
          {count('open')} waiting · {count('accepted')} taken over · {count('returned')} sent back
          {showResolved && <> · {count('resolved')} resolved</>}
        </p>
      )}
      <p class="sv-announce" role="status">
        {announcement}
      </p>
      {error && (
        <div class="sv-error" role="alert">
          <p>Could not load the escalations: {error}</p>
          <button type="button" class="secondary" onClick={() => void live.reload()}>
            Try again
          </button>
        </div>
      )}
      {loading && data === undefined && <p class="sv-empty">Loading escalations…</p>}
      {data && escalations.length === 0 && (
        <p class="sv-empty">
          No escalations {showResolved ? 'yet' : 'waiting'}. When an agent asks for help, it appears
          here at once.
        </p>
      )}
      <div class="sv-list">
        {data &&
          escalations.map((e) => (
            <EscalationItem
              key={e.id}
              escalation={e}
              conversation={data.conversations.get(e.conversationId)}
              people={data.people}
              now={now}
              onDone={done}
            />
          ))}
      </div>
    </section>
  );
}

function EscalationItem({
  escalation: e,
  conversation,
  people,
  now,
  onDone,
}: {
  escalation: Escalation;
  conversation: ConversationBrief | undefined;
  people: Map<string, Person>;
  now: number;
  onDone: (message: string, action: EscalationAction, itemHeading: HTMLElement | null) => void;
}) {
  const title = useRef<HTMLHeadingElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const id = `esc-${e.id}`;
  const subject = subjectOf(conversation);

  const act = async (action: EscalationAction) => {
    setBusy(action);
    setError(null);
    try {
      await decideEscalation(e.id, action, action === 'accept' ? undefined : note.trim());
      setNote('');
      onDone(`${DONE[action]}: ${subject}.`, action, title.current);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const canAccept = e.status === 'open' || e.status === 'returned';
  const canReturn = e.status === 'open' || e.status === 'accepted';
  const canResolve = e.status !== 'resolved';
  const canReply = e.status === 'open' || e.status === 'accepted';

  return (
    <article
      class={`sv-item sv-status-${e.status}`}
      aria-labelledby={`${id}-title`}
      aria-busy={busy !== null}
    >
      <header class="sv-item-head">
        <h2 id={`${id}-title`} ref={title} tabIndex={-1}>
          <a href={href('conversations', e.conversationId)}>{subject}</a>
        </h2>
        <span class={`sv-pill sv-pill-${e.status}`}>{statusText(e, people)}</span>
      </header>
      <p class="sv-meta">
        Asked by <strong>{nameOf(people, e.requestedBy, 'an integration')}</strong>{' '}
        <When iso={e.createdAt} now={now} />
        {conversation && (
          <>
            {' · '}
            <TemperatureBadge value={conversation.temperature} />{' '}
            <TrendArrow trend={conversation.trend} />
            {' · '}
            {conversation.channel}
          </>
        )}
      </p>
      <div class="sv-item-body">
        <div class="sv-facts">
          <p class="sv-reason">
            <span class="sv-label">Reason</span> {e.reason}
          </p>
          <div class="sv-handoff">
            <h3 class="sv-label">Hand-off summary</h3>
            <p>{e.summary}</p>
          </div>
          {e.note && (
            <p class="sv-note">
              <span class="sv-label">Note</span> {e.note}
            </p>
          )}
        </div>
        {e.status !== 'resolved' && (
          <div class="sv-actions">
            <div class="sv-buttons">
              {canAccept && (
                <button type="button" disabled={busy !== null} onClick={() => void act('accept')}>
                  {busy === 'accept' ? 'Taking over…' : 'Take over'}
                </button>
              )}
              {canResolve && (
                <button
                  type="button"
                  class="secondary"
                  disabled={busy !== null}
                  onClick={() => void act('resolve')}
                >
                  {busy === 'resolve' ? 'Resolving…' : 'Resolve'}
                </button>
              )}
            </div>
            {canReply && (
              <EscalationReply
                id={`${id}-reply`}
                conversationId={e.conversationId}
                disabled={busy !== null}
                onBusy={(sending) => {
                  setBusy(sending ? 'reply' : null);
                  if (sending) setError(null);
                }}
              />
            )}
            {(canReturn || canResolve) && (
              <div class="sv-return">
                <label for={`${id}-note`}>Note for the agent (optional)</label>
                <div class="sv-inline">
                  <input
                    id={`${id}-note`}
                    type="text"
                    value={note}
                    maxLength={2000}
                    aria-describedby={`${id}-note-hint`}
                    onInput={(ev) => setNote(ev.currentTarget.value)}
                  />
                  {canReturn && (
                    <button
                      type="button"
                      class="secondary"
                      disabled={busy !== null}
                      onClick={() => void act('return')}
                    >
                      {busy === 'return' ? 'Sending back…' : 'Send back'}
                    </button>
                  )}
                </div>
                <p class="sv-hint" id={`${id}-note-hint`}>
                  Kept with the escalation when you send it back or resolve it.
                </p>
              </div>
            )}
          </div>
        )}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}
