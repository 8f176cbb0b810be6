import { useEffect, useState } from 'preact/hooks';
import { followUpKind } from '../shared/follow-up-kind.js';
import { ApiError, api } from '../api/client.js';
import { onLive } from '../api/live.js';
import { clockTime, relativeTime } from '../shared/format.js';
import { href } from '../shared/navigation.js';
import type { FollowUp } from '../shared/types.js';
import { ExportLinks } from '../inbox/export-links.js';
import { ClockIcon } from './clock-icon.js';
import './follow-ups.css';

type Status = FollowUp['status'];

/** The groups in the order an agent acts on them: what is due now, what slipped, what is coming. */
const GROUPS: readonly { status: Status; title: string; empty: string; note: string }[] = [
  {
    status: 'due',
    title: 'Due',
    empty: 'Nothing is due right now.',
    note: 'Coming due now: keep these first.',
  },
  {
    status: 'missed',
    title: 'Missed (overdue)',
    empty: 'No missed promises.',
    note: 'Their time passed: apologise, and do it now.',
  },
  {
    status: 'pending',
    title: 'Pending',
    empty: 'No promises waiting.',
    note: 'On the clock, not due yet.',
  },
  {
    status: 'kept',
    title: 'Kept',
    empty: 'No kept promises yet.',
    note: 'Done: the customer heard back in time.',
  },
];

const LIMIT = 100;

/** Soonest first for work still ahead; most recent first for what is closed. */
function ordered(status: Status, items: FollowUp[]): FollowUp[] {
  const sorted = [...items].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return status === 'due' || status === 'pending' ? sorted : sorted.reverse();
}

function Item({ f, now }: { f: FollowUp; now: number }) {
  const when = (iso: string) => (
    <>
      <time dateTime={iso}>{clockTime(iso)}</time> ({relativeTime(iso, now)})
    </>
  );
  return (
    <li class={`fu-item is-${f.status}`}>
      <a class="fu-text" href={href('conversations', f.conversationId)}>
        “{f.text}”<span class="vh"> (open the conversation)</span>
      </a>
      <span class="fu-meta">
        {f.contactName && <span class="fu-customer">to {f.contactName}</span>}
        <span class="fu-kind">{followUpKind(f.kind)}</span>
        {f.status === 'kept' ? (
          <>
            {f.closedAt && <span class="fu-when">kept {when(f.closedAt)}</span>}
            <span class="fu-was">
              due <time dateTime={f.dueAt}>{clockTime(f.dueAt)}</time>
            </span>
          </>
        ) : (
          <span class="fu-when">
            {f.status === 'due' && (
              <>
                <ClockIcon />{' '}
              </>
            )}
            {f.status === 'missed' ? 'was due ' : 'due '}
            {when(f.dueAt)}
          </span>
        )}
      </span>
    </li>
  );
}

/** "My follow-ups": every promise the signed-in agent made, grouped by where it stands. */
export function FollowUpsPage() {
  const [groups, setGroups] = useState<Record<Status, FollowUp[]> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let generation = 0;
    let alive = true;
    const load = async () => {
      const mine = ++generation;
      try {
        const lists = await Promise.all(
          GROUPS.map((g) =>
            api<{ followUps: FollowUp[] }>(
              'GET',
              `/api/v1/follow-ups?owner=me&status=${g.status}&limit=${LIMIT}`,
            ),
          ),
        );
        if (!alive || mine !== generation) return;
        const next = {} as Record<Status, FollowUp[]>;
        GROUPS.forEach((g, i) => (next[g.status] = ordered(g.status, lists[i]!.followUps)));
        setGroups(next);
        setNow(Date.now());
        setError(null);
      } catch (e) {
        if (!alive || mine !== generation) return;
        setError(e instanceof ApiError ? e.message : 'Your follow-ups could not be loaded.');
      }
    };
    void load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onLive((event) => {
      if (!event.type.startsWith('follow_up.')) return;
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 300);
    });
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      alive = false;
      stop();
      clearTimeout(timer);
      clearInterval(tick);
    };
  }, []);

  return (
    <div class="follow-ups">
      <h1>My follow-ups</h1>
      <p class="fu-intro">
        Every promise you made a customer, on the clock. An empty promise is worse than none.
      </p>
      <ExportLinks list="follow-ups" what="the whole team's follow-ups" />
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {groups === null && error === null && <p class="fu-loading">Loading your follow-ups…</p>}
      {groups !== null && (
        <div class="fu-groups">
          {GROUPS.map((g) => {
            const items = groups[g.status];
            const id = `fu-${g.status}`;
            return (
              <section
                key={g.status}
                class={`fu-group fu-group-${g.status}${items.length > 0 ? ' has-items' : ''}`}
                aria-labelledby={id}
              >
                <div class="fu-group-head">
                  <h2 id={id}>{g.title}</h2>
                  <span class="fu-count">
                    {items.length >= LIMIT ? `${LIMIT}+` : items.length}
                    <span class="vh"> promises</span>
                  </span>
                </div>
                <p class="fu-note">{g.note}</p>
                {items.length === 0 ? (
                  <p class="fu-empty">{g.empty}</p>
                ) : (
                  <ul class="fu-list">
                    {items.map((f) => (
                      <Item key={f.id} f={f} now={now} />
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}
