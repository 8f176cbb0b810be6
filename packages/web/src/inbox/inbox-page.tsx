import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { me } from '../api/client.js';
import { onLive } from '../api/live.js';
import { go } from '../shared/navigation.js';
import { ConversationRow, rowLinkId } from './conversation-row.js';
import { ExportLinks } from './export-links.js';
import {
  FILTERS,
  SORTS,
  hasMore,
  inboxFilter,
  inboxSort,
  loadError,
  loadInbox,
  loadMore,
  loadUserNames,
  loading,
  rows,
  selectedId,
  userNames,
  type InboxSort,
} from './inbox-store.js';
import './inbox.css';

/** Events after which the list may have changed: re-read it, at most every few hundred ms. */
const LIVE_TYPES = /^(message|conversation|escalation|follow_up)\./;
const LIVE_DEBOUNCE_MS = 300;
/** Under a steady stream of events (an import), still refresh this often. */
const LIVE_MAX_WAIT_MS = 2_000;

function selectRow(id: string): void {
  selectedId.value = id;
}

function openRow(id: string): void {
  selectedId.value = id;
  go('conversations', id);
}

/** Keys typed into a field are the field's, never shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
  }
  return false;
}

function focusRow(id: string): void {
  const link = document.getElementById(rowLinkId(id));
  if (link === null) return;
  link.focus({ preventScroll: true });
  link.closest('tr')?.scrollIntoView({ block: 'nearest' });
}

/** The inbox: conversations, hottest and most urgent first, kept current by the live stream. */
export function InboxPage() {
  const [now, setNow] = useState(() => Date.now());
  const filterGroup = useRef<HTMLDivElement>(null);
  // Whether the keyboard focus is on a row: after a live refresh reorders the rows, it is put
  // back on the selected one (moving a focused element out of place drops its focus).
  const focusOnRow = useRef(false);

  const filter = inboxFilter.value;
  const sort = inboxSort.value;
  const list = rows.value;
  const current = list.some((c) => c.id === selectedId.value)
    ? selectedId.value
    : (list[0]?.id ?? null);

  useEffect(() => {
    void loadInbox();
  }, [filter, sort]);

  useEffect(() => {
    void loadUserNames();
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let first = 0;
    const stop = onLive((event) => {
      if (!LIVE_TYPES.test(event.type)) return;
      const t = Date.now();
      if (timer === undefined) first = t;
      clearTimeout(timer);
      timer = setTimeout(
        () => {
          timer = undefined;
          setNow(Date.now());
          void loadInbox();
        },
        Math.max(0, Math.min(LIVE_DEBOUNCE_MS, first + LIVE_MAX_WAIT_MS - t)),
      );
    });
    const onFocusIn = (e: FocusEvent) => {
      focusOnRow.current =
        e.target instanceof HTMLElement && e.target.classList.contains('row-link');
    };
    document.addEventListener('focusin', onFocusIn);
    return () => {
      clearInterval(tick);
      clearTimeout(timer);
      stop();
      document.removeEventListener('focusin', onFocusIn);
    };
  }, []);

  useLayoutEffect(() => {
    const active = document.activeElement;
    if (focusOnRow.current && current !== null && (active === null || active === document.body)) {
      document.getElementById(rowLinkId(current))?.focus({ preventScroll: true });
    }
  }, [list, current]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const items = rows.peek();
      // With nothing chosen yet the first row is the current one (it is marked so).
      const at = Math.max(
        0,
        items.findIndex((c) => c.id === selectedId.peek()),
      );
      if (e.key === 'j' || e.key === 'ArrowDown' || e.key === 'k' || e.key === 'ArrowUp') {
        if (items.length === 0) return;
        const step = e.key === 'j' || e.key === 'ArrowDown' ? 1 : -1;
        const next = Math.min(items.length - 1, Math.max(0, at + step));
        const id = items[next]!.id;
        selectedId.value = id;
        focusRow(id);
      } else if (e.key === 'Enter') {
        // On a link or a button Enter does what it always does.
        const target = e.target instanceof Element ? e.target : null;
        if (target?.closest('a, button, summary, [role="button"]')) return;
        const id = items[at]?.id;
        if (id === undefined) return;
        openRow(id);
      } else if (e.key === '/') {
        const group = filterGroup.current;
        const pressed = group?.querySelector<HTMLButtonElement>('button[aria-pressed="true"]');
        (pressed ?? group?.querySelector('button'))?.focus();
      } else {
        return;
      }
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const names = userNames.value;
  const myId = me.value?.id;
  const ownerName = (id: string | null) =>
    id === null ? 'Unassigned' : id === myId ? 'You' : (names.get(id) ?? 'Someone');
  const view = FILTERS.find((f) => f.id === filter) ?? FILTERS[0]!;
  const sortLabel = SORTS.find((s) => s.id === sort)?.label ?? sort;
  const count =
    list.length === 0
      ? loading.value
        ? 'Loading conversations…'
        : ''
      : `${list.length}${hasMore.value ? '+' : ''} conversation${list.length === 1 ? '' : 's'}`;

  return (
    <div class="inbox">
      <div class="inbox-head">
        <h1>Inbox</h1>
        <p class="kbd-hint">
          Keyboard: <kbd>j</kbd>/<kbd>k</kbd> to move, <kbd>Enter</kbd> to open, <kbd>/</kbd> for
          filters
        </p>
        <ExportLinks list="conversations" what="every conversation" />
      </div>
      <div class="inbox-controls">
        <div class="segmented" role="group" aria-label="Show" ref={filterGroup}>
          {FILTERS.map((f) => (
            <button
              key={f.id}
              type="button"
              aria-pressed={f.id === filter ? 'true' : 'false'}
              onClick={() => {
                inboxFilter.value = f.id;
              }}
            >
              {f.label}
            </button>
          ))}
        </div>
        <label class="sort">
          Sort by{' '}
          <select
            value={sort}
            onChange={(e) => {
              inboxSort.value = e.currentTarget.value as InboxSort;
            }}
          >
            {SORTS.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <p class="inbox-count" role="status">
          {count}
        </p>
      </div>
      {loadError.value !== null && (
        <p class="error" role="alert">
          {loadError.value}{' '}
          <button type="button" class="secondary" onClick={() => void loadInbox()}>
            Try again
          </button>
        </p>
      )}
      {list.length === 0 ? (
        !loading.value && loadError.value === null && <p class="inbox-empty">{view.empty}</p>
      ) : (
        <table class="inbox-table" role="table" aria-busy={loading.value ? 'true' : 'false'}>
          <caption class="vh">
            {view.label} conversations, sorted by {sortLabel.toLowerCase()}
          </caption>
          <thead role="rowgroup">
            <tr role="row">
              <th role="columnheader" scope="col">
                Conversation
              </th>
              <th
                role="columnheader"
                scope="col"
                aria-sort={sort === 'temperature' ? 'descending' : undefined}
              >
                Temperature
              </th>
              <th role="columnheader" scope="col">
                Waiting
              </th>
              <th role="columnheader" scope="col">
                Promise
              </th>
              <th role="columnheader" scope="col">
                Owner
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {list.map((c) => (
              <ConversationRow
                key={c.id}
                conversation={c}
                selected={c.id === current}
                now={now}
                assignee={ownerName(c.assigneeId)}
                onSelect={selectRow}
                onOpen={openRow}
              />
            ))}
          </tbody>
        </table>
      )}
      {hasMore.value && list.length > 0 && (
        <p class="show-more">
          <button
            type="button"
            class="secondary"
            disabled={loading.value}
            onClick={() => void loadMore()}
          >
            Show more
          </button>
        </p>
      )}
    </div>
  );
}
