import { useRef, useState } from 'preact/hooks';
import { me } from '../api/client.js';
import { href } from '../shared/navigation.js';
import { TemperatureBadge, TrendArrow } from '../shared/temperature.js';
import type { GoodwillBudget, GoodwillOffer, GoodwillQueueItem } from '../shared/types.js';
import {
  decideOffer,
  errorText,
  useNow,
  type ApprovalsData,
  type LiveData,
} from './supervisor-data.js';
import { subjectOf, When } from './supervisor-parts.js';

/** What an offer costs the business, in the policy's currency when it is known. */
function money(value: number, currency: string): string {
  if (currency === '') return value.toFixed(2);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

/**
 * Why the signed-in person cannot decide an offer, or null when they can: an offer above a
 * supervisor's limit (or the month's budget) needs an admin, and nobody but an admin approves
 * their own offer. The server enforces both; this says so before anyone tries.
 */
function blockedReason(offer: GoodwillOffer): string | null {
  const user = me.value;
  if (user == null) return null;
  if (offer.approverRole === 'admin' && user.role !== 'admin') {
    return 'Needs an admin: this offer is above a supervisor’s limit or this month’s budget.';
  }
  if (offer.proposedBy === user.id && user.role !== 'admin') {
    return 'You proposed this offer: another person must approve it.';
  }
  return null;
}

/** Goodwill offers above the proposer's limit, waiting for a decision; live. */
export function ApprovalsPanel({ live }: { live: LiveData<ApprovalsData> }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const now = useNow();
  const { data, error, loading } = live;
  // Oldest first: the customer behind it has waited longest.
  const offers = [...(data?.offers ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  const done = (message: string) => {
    setAnnouncement(message);
    void live.reload();
    heading.current?.focus();
  };

  return (
    <section class="sv-panel" aria-labelledby="sv-approvals-title">
      <div class="sv-head">
        <h1 id="sv-approvals-title" ref={heading} tabIndex={-1}>
          Approvals
        </h1>
      </div>
      {data && (
        <p class="sv-summary">
          {offers.length === 1 ? '1 offer' : `${offers.length} offers`} waiting for a decision ·{' '}
          <span class="sv-budget">
            {money(data.budget.left, data.budget.currency)} left of this month’s{' '}
            {money(data.budget.monthlyBudget, data.budget.currency)} goodwill budget
          </span>
        </p>
      )}
      <p class="sv-announce" role="status">
        {announcement}
      </p>
      {error && (
        <div class="sv-error" role="alert">
          <p>Could not load the offers: {error}</p>
          <button type="button" class="secondary" onClick={() => void live.reload()}>
            Try again
          </button>
        </div>
      )}
      {loading && data === undefined && <p class="sv-empty">Loading offers…</p>}
      {data && offers.length === 0 && (
        <p class="sv-empty">
          Nothing to approve. An offer above an agent’s limit appears here as it is proposed.
        </p>
      )}
      <div class="sv-list">
        {data &&
          offers.map((o) => (
            <OfferItem key={o.id} offer={o} budget={data.budget} now={now} onDone={done} />
          ))}
      </div>
    </section>
  );
}

/** Who proposed an offer: "you" for the signed-in person. */
function proposer(o: GoodwillQueueItem): string {
  if (o.proposedBy === me.value?.id) return 'you';
  return o.proposedByName ?? 'an integration';
}

function OfferItem({
  offer: o,
  budget,
  now,
  onDone,
}: {
  offer: GoodwillQueueItem;
  budget: GoodwillBudget;
  now: number;
  onDone: (message: string) => void;
}) {
  const conversation = o.conversation ?? undefined;
  const currency = budget.currency;
  const leftAfter = budget.left - o.currencyValue;
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const id = `offer-${o.id}`;
  const blocked = blockedReason(o);
  const subject = subjectOf(conversation);
  // Approving it would take the month past its budget: only an admin may, saying why.
  const overBudget = leftAfter < -1e-9;
  const admin = me.value?.role === 'admin';

  const decide = async (approve: boolean, override = false) => {
    setBusy(approve ? 'approve' : 'reject');
    setError(null);
    try {
      await decideOffer(o.id, approve, override ? overrideReason.trim() : note.trim(), override);
      const verb = approve ? (override ? 'Approved over the budget' : 'Approved') : 'Rejected';
      onDone(`${verb}: ${o.label} for ${subject}.`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <article class="sv-item sv-offer" aria-labelledby={`${id}-title`} aria-busy={busy !== null}>
      <header class="sv-item-head">
        <h2 id={`${id}-title`}>
          {o.label}
          <span class="sv-for">
            {' '}
            for <a href={href('conversations', o.conversationId)}>{subject}</a>
          </span>
        </h2>
        <span class={`sv-pill ${blocked ? 'sv-pill-blocked' : 'sv-pill-open'}`}>
          {o.approverRole === 'admin' ? 'Needs an admin' : 'Needs a supervisor'}
        </span>
      </header>
      <p class="sv-meta">
        Proposed by <strong>{proposer(o)}</strong> <When iso={o.createdAt} now={now} />
        {conversation?.contactName && <> · for {conversation.contactName}</>}
      </p>
      <div class="sv-item-body">
        <dl class="sv-facts sv-dl">
          {conversation && (
            <>
              <dt>Temperature</dt>
              <dd class="sv-offer-temp">
                <TemperatureBadge value={conversation.temperature} />{' '}
                <TrendArrow trend={conversation.trend} />{' '}
                <span class="sv-cost">(peak {conversation.peakTemperature})</span>
              </dd>
            </>
          )}
          <dt>Problem</dt>
          <dd class="sv-offer-problem">{o.problem ?? 'Not described yet.'}</dd>
          <dt>Why the agent proposes it</dt>
          <dd class="sv-offer-reason">{o.reason?.trim() || 'No reason given.'}</dd>
          <dt>Value</dt>
          <dd>
            {o.label} <span class="sv-cost">(costs {money(o.currencyValue, currency)})</span>
          </dd>
          <dt>Budget this month</dt>
          <dd class="sv-offer-budget">
            {money(budget.left, currency)} left
            {leftAfter >= 0 ? (
              <>, {money(leftAfter, currency)} after this</>
            ) : (
              <>
                : <strong>this offer is over the budget</strong>
              </>
            )}
          </dd>
        </dl>
        <div class="sv-actions">
          {blocked ? (
            <p class="sv-blocked" id={`${id}-blocked`}>
              <span aria-hidden="true">⚠ </span>
              {blocked}
            </p>
          ) : (
            <>
              <label for={`${id}-note`}>Note (optional)</label>
              <input
                id={`${id}-note`}
                type="text"
                value={note}
                maxLength={2000}
                onInput={(ev) => setNote(ev.currentTarget.value)}
              />
              {overBudget && !admin && (
                <p class="sv-blocked" id={`${id}-over`}>
                  <span aria-hidden="true">⚠ </span>
                  Over this month’s budget: only an admin can approve it, with a reason.
                </p>
              )}
              {overBudget && admin && (
                <fieldset class="sv-override">
                  <legend>Approve over the budget</legend>
                  <label for={`${id}-override`}>
                    Reason for going over the budget (kept in the audit log)
                  </label>
                  <textarea
                    id={`${id}-override`}
                    rows={2}
                    value={overrideReason}
                    maxLength={2000}
                    onInput={(ev) => setOverrideReason(ev.currentTarget.value)}
                  />
                  <button
                    type="button"
                    disabled={busy !== null || overrideReason.trim() === ''}
                    onClick={() => void decide(true, true)}
                  >
                    {busy === 'approve' ? 'Approving…' : 'Approve over the budget'}
                  </button>
                </fieldset>
              )}
              <div class="sv-buttons">
                {!overBudget && (
                  <button type="button" disabled={busy !== null} onClick={() => void decide(true)}>
                    {busy === 'approve' ? 'Approving…' : 'Approve'}
                  </button>
                )}
                <button
                  type="button"
                  class="danger"
                  disabled={busy !== null}
                  onClick={() => void decide(false)}
                >
                  {busy === 'reject' ? 'Rejecting…' : 'Reject'}
                </button>
              </div>
            </>
          )}
        </div>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}
