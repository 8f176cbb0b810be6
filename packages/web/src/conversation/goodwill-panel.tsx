import type { GoodwillOffer as SuggestedOffer, GoodwillSuggestion } from '@calmdesk/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { clockTime } from '../shared/format.js';
import type { GoodwillOffer } from '../shared/types.js';
import { fetchPolicy } from '../shared/policy.js';
import { fetchGoodwillSuggestion, proposeGoodwill, type TeamMember } from './conversation-data.js';

const OFFER_STATUS: Record<GoodwillOffer['status'], { icon: string; word: string }> = {
  approved: { icon: '✓', word: 'approved' },
  pending: { icon: '…', word: 'pending: waiting for approval' },
  rejected: { icon: '✗', word: 'rejected' },
};

const NO_TEAM: readonly TeamMember[] = [];

/** Who decided an offer, by name when the team list has them. */
function deciderOf(o: GoodwillOffer, team: readonly TeamMember[]): string {
  const name = o.decidedBy === null ? undefined : team.find((m) => m.id === o.decidedBy)?.name;
  return name ?? 'a supervisor';
}

/** What became of an offer sent for approval, with the supervisor's note: what the agent acts on. */
function decisionText(o: GoodwillOffer, team: readonly TeamMember[]): string {
  const verb = o.status === 'approved' ? 'approved' : 'rejected';
  const note = o.decisionNote?.trim();
  return `${deciderOf(o, team)} ${verb} “${o.label}”${note ? `: “${note}”` : '.'}`;
}

/**
 * Goodwill (brief, point 9): the smallest offer likely to settle it, within the team's limits.
 * Above the agent's limit the offer goes to a supervisor; its status, and the supervisor's note,
 * follow live.
 */
export function GoodwillPanel({
  conversationId,
  offers,
  team = NO_TEAM,
  refresh,
  onProposed,
}: {
  conversationId: string;
  offers: GoodwillOffer[];
  /** The team's names, for who decided an offer. */
  team?: readonly TeamMember[];
  /** Changes whenever the conversation does: the suggestion is read again. */
  refresh: unknown;
  onProposed: (offer: GoodwillOffer) => void;
}) {
  const [suggestion, setSuggestion] = useState<GoodwillSuggestion | null>(null);
  const [currency, setCurrency] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  /** Why the agent proposes it, for the approver; null until edited (then the suggestion's). */
  const [why, setWhy] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetchGoodwillSuggestion(conversationId).then(
      (s) => live && setSuggestion(s),
      (err: unknown) =>
        live && setError(err instanceof ApiError ? err.message : 'No suggestion right now.'),
    );
    return () => {
      live = false;
    };
  }, [conversationId, refresh]);
  useEffect(() => setWhy(null), [conversationId]);
  useEffect(() => {
    void fetchPolicy().then((p) => setCurrency(p.currency ?? ''));
  }, []);
  // A decision arriving live (goodwill.decided re-reads the conversation) is announced with the
  // supervisor's note, so the agent hears it without looking for it.
  const statuses = useRef(new Map<string, GoodwillOffer['status']>());
  useEffect(() => {
    for (const o of offers) {
      if (statuses.current.get(o.id) === 'pending' && o.status !== 'pending') {
        setStatus(decisionText(o, team));
      }
      statuses.current.set(o.id, o.status);
    }
  }, [offers, team]);

  const propose = async (offer: SuggestedOffer) => {
    setBusy(true);
    setError(null);
    try {
      const reason = (why ?? suggestion?.reasons.join(' ') ?? '').trim();
      const r = await proposeGoodwill(conversationId, {
        kind: offer.kind,
        value: offer.value,
        // A credit in the customer's currency stays in it (the suggestion read it from the chat).
        ...(offer.currency === undefined ? {} : { currency: offer.currency }),
        ...(reason === '' ? {} : { reason: reason.slice(0, 2000) }),
      });
      onProposed(r.offer);
      setStatus(
        r.offer.status === 'pending'
          ? `“${r.offer.label}” was sent for approval to a ${r.offer.approverRole ?? 'supervisor'}: pending. This updates when they decide.`
          : `“${r.offer.label}” is approved: tell the customer.`,
      );
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The offer could not be made.');
    } finally {
      setBusy(false);
    }
  };

  const made = (o: SuggestedOffer) =>
    offers.find((x) => x.kind === o.kind && x.value === o.value && x.status !== 'rejected');
  const already = suggestion?.offer ? made(suggestion.offer) : undefined;
  const cost = (o: SuggestedOffer) =>
    o.unit !== 'currency' && o.currencyValue > 0
      ? ` (costs about ${o.currencyValue} ${currency})`
      : '';

  return (
    <section class="panel goodwill" aria-labelledby="goodwill-heading">
      <h2 id="goodwill-heading">Goodwill</h2>
      {suggestion === null ? (
        error === null && <p class="muted">Reading what would be fair…</p>
      ) : suggestion.offer === null ? (
        <p class="muted">No offer suggested: {suggestion.reasons[0] ?? 'none is warranted.'}</p>
      ) : (
        <>
          <p>
            Suggested: <strong>{suggestion.offer.label}</strong>
            {cost(suggestion.offer)}.
          </p>
          {suggestion.needsApproval && already === undefined && (
            <p class="notice">
              Above your limit: a {suggestion.approver ?? 'supervisor'} must approve it.
            </p>
          )}
          <details>
            <summary>Why this offer</summary>
            <ul>
              {suggestion.reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          </details>
          {already?.status === 'approved' ? (
            <p class="goodwill-decided">
              <strong>Approved</strong>
              {already.decidedBy !== already.proposedBy && ` by ${deciderOf(already, team)}`}: tell
              the customer.
            </p>
          ) : already !== undefined ? (
            <p>
              Offered already: <strong>waiting for approval</strong> (see below).
            </p>
          ) : (
            <div class="actions">
              {suggestion.needsApproval && (
                <div class="goodwill-why">
                  <label for={`goodwill-why-${conversationId}`}>
                    Why you propose it (the approver reads this)
                  </label>
                  <textarea
                    id={`goodwill-why-${conversationId}`}
                    rows={2}
                    maxLength={2000}
                    value={why ?? suggestion.reasons.join(' ')}
                    onInput={(ev) => setWhy(ev.currentTarget.value)}
                  />
                </div>
              )}
              <button type="button" disabled={busy} onClick={() => void propose(suggestion.offer!)}>
                Offer
              </button>
              {suggestion.needsApproval && suggestion.withinLimit !== null && (
                <button
                  type="button"
                  class="secondary"
                  disabled={busy}
                  onClick={() => void propose(suggestion.withinLimit!)}
                >
                  Give {suggestion.withinLimit.label} now (within your limit)
                </button>
              )}
            </div>
          )}
        </>
      )}
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p role="status" class="goodwill-status">
        {status}
      </p>
      {offers.length > 0 && (
        <>
          <h3>Offers in this conversation</h3>
          <ul class="plain offers">
            {offers.map((o) => {
              const s = OFFER_STATUS[o.status];
              return (
                <li key={o.id} class={`offer offer-${o.status}`}>
                  <span aria-hidden="true">{s.icon}</span> <strong>{o.label}</strong>: {s.word}{' '}
                  <span class="muted">({clockTime(o.createdAt)})</span>
                  {o.decidedAt !== null && o.decidedBy !== o.proposedBy && (
                    <p class="offer-decision">{decisionText(o, team)}</p>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
