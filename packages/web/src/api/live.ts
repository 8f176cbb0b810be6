import { signal } from '@preact/signals';
import { LIVE_EVENT_TYPES } from '@calmdesk/server/contract/event-types';
import type { LiveEvent } from '../shared/types.js';

export type { LiveEvent };

/** Whether the live stream is connected; the header shows it. */
export const liveConnected = signal(false);
/** Bumped on every event: views that list things re-read when it changes. */
export const liveTick = signal(0);

type Listener = (event: LiveEvent) => void;
const listeners = new Set<Listener>();
let source: EventSource | null = null;
let lastId = 0;
let retry: ReturnType<typeof setTimeout> | undefined;

/** Hears every event of one or all kinds; returns the function that stops listening. */
export function onLive(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Connects to /api/v1/events. EventSource reconnects by itself (sending Last-Event-ID, so the
 * server replays what was missed); when the server was away long enough that the browser gave
 * up, this reconnects after a pause, from the last event seen.
 */
export function connectLive(): void {
  if (source !== null) return;
  const url = lastId > 0 ? `/api/v1/events?since=${lastId}` : '/api/v1/events';
  const es = new EventSource(url, { withCredentials: true });
  source = es;
  es.addEventListener('ready', () => {
    liveConnected.value = true;
  });
  for (const type of LIVE_EVENT_TYPES) {
    es.addEventListener(type, (e) => {
      const event = JSON.parse((e as MessageEvent<string>).data) as LiveEvent;
      lastId = Math.max(lastId, event.id);
      for (const l of listeners) l(event);
      liveTick.value += 1;
      // How many events this page has heard: shown to nobody, read by the browser tests.
      document.body.dataset.liveEvents = String(liveTick.value);
    });
  }
  es.onerror = () => {
    liveConnected.value = false;
    if (es.readyState === EventSource.CLOSED) {
      source = null;
      clearTimeout(retry);
      retry = setTimeout(connectLive, 2_000);
    }
  };
}

export function disconnectLive(): void {
  clearTimeout(retry);
  source?.close();
  source = null;
  liveConnected.value = false;
}
