import { useState } from 'preact/hooks';
import { api, ApiError } from '../api/client.js';
import { clockTime } from '../shared/format.js';
import type { Message } from '../shared/types.js';

type Delivery = NonNullable<Message['delivery']>;

const CHANNEL_NAMES: Record<string, string> = {
  chatwoot: 'Chatwoot',
  email: 'email',
  generic: 'the connected help desk',
};

/** "Chatwoot", "email": where the customer gets it. */
export function channelName(channel: string): string {
  return CHANNEL_NAMES[channel] ?? channel;
}

/**
 * Where a reply or note stands on its way to the customer's channel: queued (and why it is
 * waiting again, after a failed attempt), sent, or failed with the reason and a Retry button.
 * An agent must never believe a customer has an answer they do not have.
 */
export function DeliveryStatus({
  delivery,
  onRetried,
}: {
  delivery: Delivery;
  onRetried: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const where = channelName(delivery.channel);
  const retry = async () => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/v1/deliveries/${delivery.id}/retry`);
      onRetried();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The retry could not be queued.');
    } finally {
      setBusy(false);
    }
  };
  if (delivery.state === 'sent')
    return (
      <p class="delivery delivery-sent" data-state="sent">
        Sent to {where}
        {delivery.sentAt !== null && (
          <>
            {' '}
            at <time dateTime={delivery.sentAt}>{clockTime(delivery.sentAt)}</time>
          </>
        )}
      </p>
    );
  if (delivery.state === 'failed')
    return (
      <div class="delivery delivery-failed" data-state="failed" role="alert">
        <p>
          <strong>Not sent to {where}.</strong> {delivery.lastError ?? 'The reason is unknown.'}
        </p>
        <button type="button" class="secondary" disabled={busy} onClick={() => void retry()}>
          {busy ? 'Retrying…' : 'Retry'}
        </button>
        {error !== null && <p class="error">{error}</p>}
      </div>
    );
  return (
    <p class="delivery delivery-queued" data-state={delivery.state}>
      {delivery.state === 'sending' ? `Sending to ${where}…` : `Queued for ${where}`}
      {delivery.lastError !== null && (
        <>
          {' '}
          (trying again
          {delivery.nextAttemptAt !== null && (
            <>
              {' '}
              at <time dateTime={delivery.nextAttemptAt}>{clockTime(delivery.nextAttemptAt)}</time>
            </>
          )}
          : {delivery.lastError})
        </>
      )}
    </p>
  );
}

/**
 * Status and assignee changes still on their way to the customer's channel, or refused by it
 * (Chatwoot knows no agent with the assignee's email, say), each with its state and, when it
 * failed, a Retry. Nothing shows once they are all sent.
 */
export function PendingChanges({
  deliveries,
  onRetried,
}: {
  deliveries: readonly Delivery[];
  onRetried: () => void;
}) {
  const pending = deliveries.filter((d) => d.state !== 'sent');
  if (pending.length === 0) return null;
  return (
    <ul class="delivery-changes" aria-label="Changes not yet in the customer's channel">
      {pending.map((d) => (
        <li key={d.id}>
          <strong>{changeWords(d)}:</strong> <DeliveryStatus delivery={d} onRetried={onRetried} />
        </li>
      ))}
    </ul>
  );
}

/** "Status change to resolved", "Assignment to Sam Ortiz", as the agent set it. */
function changeWords(d: Delivery): string {
  if (d.kind === 'assignment') {
    const name = d.change?.assigneeName;
    if (name === undefined) return 'Assignment';
    return name === null ? 'Unassigned' : `Assignment to ${name}`;
  }
  const status = d.change?.status;
  if (status === undefined) return 'Status change';
  const until = d.change?.snoozedUntil;
  return until !== null && until !== undefined
    ? `Status change to ${status} until ${clockTime(until)}`
    : `Status change to ${status}`;
}
