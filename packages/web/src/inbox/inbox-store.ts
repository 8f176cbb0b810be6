import { signal } from '@preact/signals';
import { ApiError, api } from '../api/client.js';
import type { Conversation } from '../shared/types.js';

/** The inbox's views, as the segmented control names them. */
export type InboxFilter = 'open' | 'mine' | 'unassigned' | 'escalated' | 'snoozed';
export type InboxSort = 'urgency' | 'temperature' | 'age';

export const FILTERS: readonly { id: InboxFilter; label: string; empty: string }[] = [
  { id: 'open', label: 'All open', empty: 'No open conversations. All calm.' },
  { id: 'mine', label: 'Mine', empty: 'Nothing open is assigned to you.' },
  { id: 'unassigned', label: 'Unassigned', empty: 'Every open conversation has an owner.' },
  { id: 'escalated', label: 'Escalated', empty: 'No conversation is escalated.' },
  { id: 'snoozed', label: 'Snoozed', empty: 'No snoozed conversations.' },
];

export const SORTS: readonly { id: InboxSort; label: string }[] = [
  { id: 'urgency', label: 'Urgency' },
  { id: 'temperature', label: 'Temperature' },
  { id: 'age', label: 'Age (oldest first)' },
];

/** Rows per request: enough to fill two screens, few enough to render in a frame or two. */
export const PAGE_SIZE = 100;
/** The API's largest page, used when a live refresh re-reads everything already shown. */
const MAX_LIMIT = 500;

/**
 * The query for one view. "Mine" and "Unassigned" are limited to open and pending work (a
 * resolved conversation needs nobody); "Escalated" is the flag alone, which the server clears
 * when the escalation is resolved.
 */
export function inboxQuery(
  filter: InboxFilter,
  sort: InboxSort,
  limit: number,
  offset: number,
): string {
  const p = new URLSearchParams();
  if (filter === 'snoozed') p.set('status', 'snoozed');
  else if (filter !== 'escalated') p.set('status', 'open,pending');
  if (filter === 'mine') p.set('assignee', 'me');
  if (filter === 'unassigned') p.set('assignee', 'unassigned');
  if (filter === 'escalated') p.set('escalated', 'true');
  p.set('sort', sort);
  p.set('limit', String(limit));
  p.set('offset', String(offset));
  return `/api/v1/conversations?${p.toString()}`;
}

// Module state, not component state: leaving for a conversation and coming back shows the same
// view, sort, list and selected row at once, then refreshes.
export const inboxFilter = signal<InboxFilter>('open');
export const inboxSort = signal<InboxSort>('urgency');
export const rows = signal<Conversation[]>([]);
export const selectedId = signal<string | null>(null);
export const hasMore = signal(false);
export const loading = signal(false);
export const loadError = signal<string | null>(null);
/** Whose id is which name, for the "Assigned" column. */
export const userNames = signal<Map<string, string>>(new Map());

let rowsKey = '';
let generation = 0;

function viewKey(): string {
  return `${inboxFilter.value}|${inboxSort.value}`;
}

async function fetchRange(
  filter: InboxFilter,
  sort: InboxSort,
  count: number,
): Promise<Conversation[]> {
  const out: Conversation[] = [];
  while (out.length < count) {
    const limit = Math.min(MAX_LIMIT, count - out.length);
    const r = await api<{ conversations: Conversation[] }>(
      'GET',
      inboxQuery(filter, sort, limit, out.length),
    );
    out.push(...r.conversations);
    if (r.conversations.length < limit) break;
  }
  return out;
}

/**
 * Reads the current view: its first page when the view changed, otherwise as many rows as are
 * shown (a live refresh must not shrink a list the agent paged through). Answers to older
 * requests are dropped, so a slow response never overwrites a newer one.
 */
export async function loadInbox(): Promise<void> {
  const key = viewKey();
  const fresh = key !== rowsKey;
  if (fresh) {
    rows.value = [];
    hasMore.value = false;
  }
  const count = fresh ? PAGE_SIZE : Math.max(PAGE_SIZE, rows.value.length);
  const mine = ++generation;
  loading.value = true;
  try {
    const list = await fetchRange(inboxFilter.value, inboxSort.value, count);
    if (mine !== generation) return;
    rowsKey = key;
    rows.value = list;
    hasMore.value = list.length >= count;
    loadError.value = null;
  } catch (e) {
    if (mine !== generation) return;
    loadError.value = e instanceof ApiError ? e.message : 'The inbox could not be loaded.';
  } finally {
    if (mine === generation) loading.value = false;
  }
}

/** "Show more": the next page of the same view. */
export async function loadMore(): Promise<void> {
  const mine = ++generation;
  const offset = rows.value.length;
  loading.value = true;
  try {
    const r = await api<{ conversations: Conversation[] }>(
      'GET',
      inboxQuery(inboxFilter.value, inboxSort.value, PAGE_SIZE, offset),
    );
    if (mine !== generation) return;
    // A conversation can move between pages while paging; keep its first appearance.
    const seen = new Set(rows.value.map((c) => c.id));
    rows.value = [...rows.value, ...r.conversations.filter((c) => !seen.has(c.id))];
    hasMore.value = r.conversations.length >= PAGE_SIZE;
    loadError.value = null;
  } catch (e) {
    if (mine !== generation) return;
    loadError.value = e instanceof ApiError ? e.message : 'More conversations could not be loaded.';
  } finally {
    if (mine === generation) loading.value = false;
  }
}

let usersRequested = false;

/** The team's names, read once per page load: they change rarely and the list is short. */
export async function loadUserNames(): Promise<void> {
  if (usersRequested) return;
  usersRequested = true;
  try {
    const r = await api<{ users: { id: string; name: string }[] }>('GET', '/api/v1/users');
    userNames.value = new Map(r.users.map((u) => [u.id, u.name]));
  } catch {
    usersRequested = false;
  }
}
