import { me } from '../api/client.js';
import { clockTime, relativeTime } from '../shared/format.js';
import type { Person } from './supervisor-data.js';

/** A person's name as the supervisor reads it: "you" for the signed-in person. */
export function nameOf(people: Map<string, Person>, id: string | null, fallback: string): string {
  if (id === null) return fallback;
  if (id === me.value?.id) return 'you';
  return people.get(id)?.name ?? 'someone no longer on the team';
}

export function subjectOf(c: { subject: string | null } | undefined): string {
  return c?.subject?.trim() || 'Conversation without a subject';
}

/**
 * When something happened: "4 min ago", with the exact time on hover and for machines. `now`
 * only makes the label re-render as time passes; the label reads the clock itself, and a time
 * a little ahead of this browser's clock (the server's) reads "just now".
 */
export function When({ iso }: { iso: string; now: number }) {
  const at = Date.now();
  const label = Math.abs(Date.parse(iso) - at) < 60_000 ? 'just now' : relativeTime(iso, at);
  return (
    <time dateTime={iso} title={clockTime(iso)}>
      {label}
    </time>
  );
}
