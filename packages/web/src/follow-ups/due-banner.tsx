import { useEffect, useState } from 'preact/hooks';
import { me } from '../api/client.js';
import { onLive } from '../api/live.js';
import { href } from '../shared/navigation.js';
import type { FollowUp } from '../shared/types.js';
import { ClockIcon } from './clock-icon.js';
import './follow-ups.css';

/** "16:05": the time a promise falls due, as the banner states it. */
function hoursMinutes(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/**
 * A promise of the signed-in agent coming due, impossible to miss: one alert per promise, on
 * every page, until dismissed or kept. A promise whose time passes while shown says so.
 */
export function DueBanner() {
  const [shown, setShown] = useState<FollowUp[]>([]);
  const user = me.value;
  const userId = user?.id;

  useEffect(() => {
    setShown([]);
    if (userId === undefined) return;
    return onLive((event) => {
      if (
        event.type !== 'follow_up.due' &&
        event.type !== 'follow_up.kept' &&
        event.type !== 'follow_up.missed'
      )
        return;
      const f = event.payload.followUp;
      if (f.ownerId !== userId) return;
      if (event.type === 'follow_up.due') {
        setShown((list) => (list.some((x) => x.id === f.id) ? list : [...list, f]));
      } else if (event.type === 'follow_up.kept') {
        setShown((list) => list.filter((x) => x.id !== f.id));
      } else if (event.type === 'follow_up.missed') {
        setShown((list) => list.map((x) => (x.id === f.id ? f : x)));
      }
    });
  }, [userId]);

  if (shown.length === 0) return null;
  const dismiss = (id: string) => {
    setShown((list) => list.filter((x) => x.id !== id));
    // The button that had focus is gone: give it to the page rather than to nothing.
    document.getElementById('main')?.focus({ preventScroll: true });
  };
  return (
    <div class="due-banners">
      {shown.map((f) => {
        const at = hoursMinutes(f.dueAt);
        const missed = f.status === 'missed';
        return (
          <div key={f.id} class={`due-banner${missed ? ' due-banner-missed' : ''}`} role="alert">
            <p class="due-text">
              <ClockIcon size="1.25em" />{' '}
              <strong>
                {missed ? `Promise missed, was due at ${at}:` : `Promise due at ${at}:`}
              </strong>{' '}
              {f.text}
            </p>
            <span class="due-actions">
              <a href={href('conversations', f.conversationId)}>Open the conversation</a>
              <button
                type="button"
                class="secondary"
                aria-label={`Dismiss: promise due at ${at}`}
                onClick={() => dismiss(f.id)}
              >
                Dismiss
              </button>
            </span>
          </div>
        );
      })}
    </div>
  );
}
