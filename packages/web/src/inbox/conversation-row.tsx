import { Component } from 'preact';
import { clockTime, relativeTime } from '../shared/format.js';
import { ClockIcon } from '../follow-ups/clock-icon.js';
import { href } from '../shared/navigation.js';
import { TemperatureBadge, TrendArrow } from '../shared/temperature.js';
import type { Conversation } from '../shared/types.js';

/** A promise this close to its time (or past it) is shown as urgent. */
const DUE_SOON_MS = 15 * 60_000;

export interface ConversationRowProps {
  conversation: Conversation;
  selected: boolean;
  /** The clock the relative times are read against; ticks twice a minute. */
  now: number;
  assignee: string;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
}

/** "12 min", "3 h": how long, without "ago". */
function elapsed(iso: string, now: number): string {
  return relativeTime(iso, now).replace(/^in /, '').replace(/ ago$/, '');
}

export function rowLinkId(conversationId: string): string {
  return `inbox-row-${conversationId}`;
}

function PromiseDue({ due, now }: { due: string; now: number }) {
  const ms = Date.parse(due) - now;
  const overdue = ms < 0;
  const soon = overdue || ms <= DUE_SOON_MS;
  return (
    <span
      class={`promise${soon ? ' promise-soon' : ''}${overdue ? ' promise-overdue' : ''}`}
      title={`Promise due ${clockTime(due)}`}
    >
      {soon && (
        <>
          <ClockIcon />{' '}
        </>
      )}
      {overdue ? `promise overdue by ${elapsed(due, now)}` : `promise due in ${elapsed(due, now)}`}
    </span>
  );
}

/**
 * A promise to this customer that was missed and not answered since: the most urgent thing on
 * the desk, so it is shown before any promise still running.
 */
function PromiseMissed({ at, now }: { at: string; now: number }) {
  return (
    <span
      class="promise promise-soon promise-overdue promise-missed"
      title={`Promise was due ${clockTime(at)}`}
    >
      <ClockIcon /> Missed {elapsed(at, now)} ago
    </span>
  );
}

function statusText(c: Conversation): string {
  if (c.status === 'snoozed' && c.snoozedUntil !== null) {
    return `snoozed until ${clockTime(c.snoozedUntil)}`;
  }
  return c.status;
}

/**
 * One conversation in the inbox. A class with shouldComponentUpdate, so moving the selection
 * with j/k re-renders two rows, not the thousand on screen.
 */
export class ConversationRow extends Component<ConversationRowProps> {
  override shouldComponentUpdate(next: ConversationRowProps): boolean {
    const p = this.props;
    return (
      next.conversation !== p.conversation ||
      next.selected !== p.selected ||
      next.now !== p.now ||
      next.assignee !== p.assignee
    );
  }

  override render() {
    const { conversation: c, selected, now, assignee, onSelect, onOpen } = this.props;
    const subject = c.subject ?? `(no subject) ${c.channel} conversation`;
    return (
      <tr
        role="row"
        class={`inbox-row${selected ? ' is-selected' : ''}${c.escalated ? ' is-escalated' : ''}${c.oldestMissedAt !== null ? ' is-missed' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={(e) => {
          // The whole row opens the conversation; the link inside handles its own clicks.
          if ((e.target as HTMLElement).closest('a') === null) onOpen(c.id);
        }}
      >
        <td role="cell" class="c-subject">
          <a
            id={rowLinkId(c.id)}
            class="row-link"
            href={href('conversations', c.id)}
            aria-current={selected ? 'true' : undefined}
            onFocus={() => onSelect(c.id)}
          >
            {subject}
            <span class="vh">
              {c.contactName ? `, ${c.contactName}` : ''}, {c.channel}, temperature {c.temperature}
              {c.escalated ? ', escalated' : ''}
              {c.oldestMissedAt !== null ? ', promise missed' : ''}
            </span>
          </a>
          <span class="meta">
            {c.contactName && <span class="contact-name">{c.contactName}</span>}
            <span class="channel">{c.channel}</span>
            <span class={`status status-${c.status}`}>{statusText(c)}</span>
            {c.escalated && (
              <span class="flag-escalated">
                <span aria-hidden="true">⚑ </span>Escalated
              </span>
            )}
          </span>
          {c.openQuestion && (
            // Why the row ranks up: the customer asked something the last reply left open.
            <span class="open-question" title={c.openQuestion}>
              Question open: {c.openQuestion}
            </span>
          )}
        </td>
        <td role="cell" class="c-temp">
          <TemperatureBadge value={c.temperature} /> <TrendArrow trend={c.trend} />
        </td>
        <td role="cell" class={`c-wait${c.awaitingSince === null ? ' is-empty' : ''}`}>
          {c.awaitingSince === null ? (
            <span class="none">
              <span aria-hidden="true">—</span>
              <span class="vh">not waiting</span>
            </span>
          ) : (
            <span class="waiting" title={`Waiting since ${clockTime(c.awaitingSince)}`}>
              waiting {elapsed(c.awaitingSince, now)}
            </span>
          )}
        </td>
        <td
          role="cell"
          class={`c-due${c.nextDueAt === null && c.oldestMissedAt === null ? ' is-empty' : ''}`}
        >
          {c.oldestMissedAt !== null ? (
            <PromiseMissed at={c.oldestMissedAt} now={now} />
          ) : c.nextDueAt === null ? (
            <span class="none">
              <span aria-hidden="true">—</span>
              <span class="vh">no promise</span>
            </span>
          ) : (
            <PromiseDue due={c.nextDueAt} now={now} />
          )}
        </td>
        <td role="cell" class="c-owner">
          <span class="owner-label" aria-hidden="true">
            Owner:{' '}
          </span>
          {assignee}
        </td>
      </tr>
    );
  }
}
