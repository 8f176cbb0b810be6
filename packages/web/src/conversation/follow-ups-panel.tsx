import type { FollowUp as ExpectedFollowUp } from '@calmdesk/core';
import { clockTime, relativeTime } from '../shared/format.js';
import { TemperatureBadge, TrendArrow } from '../shared/temperature.js';
import { href } from '../shared/navigation.js';
import type { Conversation, FollowUp } from '../shared/types.js';
import { FOLLOW_UP_STATUS, followUpKind } from './words.js';

function Due({ at }: { at: string }) {
  return (
    <time dateTime={at} title={new Date(at).toLocaleString()}>
      {clockTime(at)} ({relativeTime(at)})
    </time>
  );
}

function StatusWord({ status }: { status: string }) {
  const s = FOLLOW_UP_STATUS[status] ?? { icon: '•', word: status };
  return (
    <span class={`fu-status fu-${status}`}>
      <span aria-hidden="true">{s.icon}</span> {s.word}
    </span>
  );
}

/**
 * Promises on the clock (brief, point 10): each with its due time and whether it was kept,
 * and what the practice expects next when no promise covers it.
 */
export function FollowUpsPanel({
  followUps,
  expected,
}: {
  followUps: FollowUp[];
  expected: ExpectedFollowUp[];
}) {
  const stored = [...followUps].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const advice = expected.filter((f) => f.kind !== 'promise' && f.status !== 'kept');
  return (
    <section class="panel follow-ups" aria-labelledby="follow-ups-heading">
      <h2 id="follow-ups-heading">Follow-ups</h2>
      {stored.length === 0 ? (
        <p class="muted">No promises on the clock in this conversation.</p>
      ) : (
        <ul class="plain fu-list">
          {stored.map((f) => (
            <li key={f.id} class={`fu fu-item-${f.status}`}>
              <span class="fu-kind">{followUpKind(f.kind)}:</span> “{f.text}”
              <br />
              Due <Due at={f.dueAt} />, <StatusWord status={f.status} />
            </li>
          ))}
        </ul>
      )}
      {advice.length > 0 && (
        <>
          <h3>Expected by the practice</h3>
          <ul class="plain fu-list">
            {advice.map((f, i) => (
              <li key={i} class={`fu fu-item-${f.status}`}>
                <span class="fu-kind">{followUpKind(f.kind)}</span> by <Due at={f.due} />,{' '}
                <StatusWord status={f.status} />
                <br />
                <span class="muted">{f.why}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The customer's earlier conversations (brief, point 14: everything with a customer in one place). */
export function HistoryPanel({ history }: { history: Conversation[] }) {
  return (
    <section class="panel history" aria-labelledby="history-heading">
      <h2 id="history-heading">Earlier conversations</h2>
      {history.length === 0 ? (
        <p class="muted">None: this is the customer's first conversation.</p>
      ) : (
        <ul class="plain history-list">
          {history.map((c) => (
            <li key={c.id}>
              <a href={href('conversations', c.id)}>{c.subject ?? '(no subject)'}</a>
              <br />
              <span class="muted">
                {c.channel}, {clockTime(c.lastMessageAt)} ({relativeTime(c.lastMessageAt)}),{' '}
                {c.status}
              </span>{' '}
              <TemperatureBadge value={c.peakTemperature} /> <span class="muted">peak</span>{' '}
              <TrendArrow trend={c.trend} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
