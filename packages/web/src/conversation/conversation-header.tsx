import { useState } from 'preact/hooks';
import { ApiError, me } from '../api/client.js';
import { clockTime } from '../shared/format.js';
import { TemperatureBadge, TrendArrow } from '../shared/temperature.js';
import type { Contact, Conversation } from '../shared/types.js';
import { updateConversation, type TeamMember } from './conversation-data.js';

const STATUS_WORDS: Record<Conversation['status'], string> = {
  open: 'open',
  pending: 'pending: waiting on the customer',
  resolved: 'resolved',
  snoozed: 'snoozed',
};

/** An hour from now, as a datetime-local input's value in the agent's own time. */
function inAnHour(): string {
  const d = new Date(Date.now() + 3_600_000);
  d.setSeconds(0, 0);
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** Who the customer is and where the conversation stands, with what an agent does to it. */
export function ConversationHeader({
  conversation,
  contact,
  team,
  onChanged,
}: {
  conversation: Conversation;
  contact: Contact | null;
  team: TeamMember[];
  onChanged: (c: Conversation) => void;
}) {
  const [snoozing, setSnoozing] = useState(false);
  const [until, setUntil] = useState(inAnHour);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const user = me.value;
  const assignee =
    conversation.assigneeId === null
      ? 'unassigned'
      : conversation.assigneeId === user?.id
        ? 'you'
        : (team.find((t) => t.id === conversation.assigneeId)?.name ?? 'another agent');

  const change = async (patch: Parameters<typeof updateConversation>[1], done: string) => {
    setBusy(true);
    setError(null);
    try {
      const r = await updateConversation(conversation.id, patch);
      onChanged(r.conversation);
      setSnoozing(false);
      setStatus(done);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The conversation could not be changed.');
    } finally {
      setBusy(false);
    }
  };

  const snooze = (e: Event) => {
    e.preventDefault();
    const at = new Date(until);
    if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now()) {
      setError('Choose a time in the future to snooze until.');
      return;
    }
    void change(
      { status: 'snoozed', snoozedUntil: at.toISOString() },
      `Snoozed until ${clockTime(at.toISOString())}.`,
    );
  };

  const closed = conversation.status === 'resolved' || conversation.status === 'snoozed';
  return (
    <header class="conv-header">
      <div class="conv-title">
        <h1>{contact?.name ?? contact?.email ?? 'Customer'}</h1>
        <p class="conv-subject">{conversation.subject ?? '(no subject)'}</p>
      </div>
      <dl class="conv-facts">
        <div>
          <dt>Temperature</dt>
          <dd>
            <TemperatureBadge value={conversation.temperature} />{' '}
            <TrendArrow trend={conversation.trend} />
          </dd>
        </div>
        <div>
          <dt>Peak</dt>
          <dd>{conversation.peakTemperature}</dd>
        </div>
        <div>
          <dt>Channel</dt>
          <dd>{conversation.channel}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            {STATUS_WORDS[conversation.status]}
            {conversation.status === 'snoozed' && conversation.snoozedUntil !== null && (
              <> until {clockTime(conversation.snoozedUntil)}</>
            )}
            {conversation.escalated && <span class="tag">escalated</span>}
          </dd>
        </div>
        <div>
          <dt>Assignee</dt>
          <dd>{assignee}</dd>
        </div>
      </dl>
      <div class="conv-actions">
        {!closed && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void change({ status: 'resolved' }, 'Resolved.')}
          >
            Resolve
          </button>
        )}
        {conversation.status !== 'snoozed' && (
          <button
            type="button"
            class="secondary"
            aria-expanded={snoozing}
            aria-controls="snooze-form"
            onClick={() => setSnoozing(!snoozing)}
          >
            Snooze…
          </button>
        )}
        {closed && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void change({ status: 'open' }, 'Reopened.')}
          >
            Reopen
          </button>
        )}
        {user !== null && user !== undefined && conversation.assigneeId !== user.id && (
          <button
            type="button"
            class="secondary"
            disabled={busy}
            onClick={() => void change({ assigneeId: user.id }, 'Assigned to you.')}
          >
            Assign to me
          </button>
        )}
      </div>
      {snoozing && (
        <form id="snooze-form" class="snooze-form" onSubmit={snooze}>
          <label for="snooze-until">Snooze until</label>
          <input
            id="snooze-until"
            type="datetime-local"
            required
            value={until}
            onInput={(e) => setUntil(e.currentTarget.value)}
          />
          <button type="submit" disabled={busy}>
            Snooze until then
          </button>
        </form>
      )}
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p class="visually-hidden" role="status">
        {status}
      </p>
    </header>
  );
}
