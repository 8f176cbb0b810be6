import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { LiveEvent } from '../contract/index.js';
import type { RouteDeps } from '../http/route-deps.js';
import { route, type RouteSpec } from '../http/route-spec.js';

const HEARTBEAT_MS = 15_000;
const REPLAY_PAGE = 1_000;

/**
 * Live updates over Server-Sent Events. Each event carries its id, so a client that reconnects
 * (EventSource does so by itself, sending Last-Event-ID) is first sent what it missed from the
 * events table, then the live stream. With PostgreSQL the stream carries every instance's events.
 */
export function eventRoutes(deps: RouteDeps): RouteSpec[] {
  const events = deps.services.events;
  return [
    route({
      method: 'get',
      path: '/api/v1/events',
      summary:
        'Live updates (text/event-stream): messages, temperatures, escalations, offers, follow-ups coming due and missed; agents get offers and escalations of their own work only',
      tag: 'live',
      access: 'agent',
      query: z
        .object({
          since: z.coerce.number().int().min(0).optional().describe('Replay events after this id'),
        })
        .strict(),
      handle: ({ c, query, caller }) => {
        const header = c.req.header('last-event-id');
        const since = header !== undefined && /^\d+$/.test(header) ? Number(header) : query.since;
        // Agents receive only the events they could read otherwise, live and replayed alike.
        const visible = events.filterFor(caller!.user);
        const response = streamSSE(c, async (stream) => {
          const queue: LiveEvent[] = [];
          let wake: (() => void) | undefined;
          let lastSent = since ?? (await events.lastEventId());
          const unsubscribe = events.subscribe((event) => {
            queue.push(event);
            wake?.();
          });
          let ended = false;
          const end = () => {
            ended = true;
            unsubscribe();
            wake?.();
          };
          stream.onAbort(end);
          deps.shutdown.addEventListener('abort', end, { once: true });
          const send = async (event: LiveEvent) => {
            if (event.id <= lastSent && since !== undefined) return;
            lastSent = Math.max(lastSent, event.id);
            if (!(await visible(event))) return;
            await stream.writeSSE({
              id: String(event.id),
              event: event.type,
              data: JSON.stringify(event),
            });
          };
          await stream.writeSSE({
            event: 'ready',
            data: JSON.stringify({ lastEventId: lastSent }),
          });
          if (since !== undefined) {
            // Page by page until caught up: a client away for long still misses nothing.
            for (;;) {
              const page = await events.listAfter(lastSent, REPLAY_PAGE);
              for (const event of page) await send(event);
              if (page.length < REPLAY_PAGE || stream.aborted) break;
            }
          }
          while (!ended && !stream.aborted && !stream.closed) {
            if (queue.length === 0) {
              await new Promise<void>((resolve) => {
                wake = resolve;
                setTimeout(resolve, HEARTBEAT_MS).unref();
              });
              wake = undefined;
              if (queue.length === 0 && !ended) await stream.write(': keep-alive\n\n');
              continue;
            }
            const event = queue.shift();
            if (event !== undefined) await send(event);
          }
          unsubscribe();
          deps.shutdown.removeEventListener('abort', end);
        });
        return Promise.resolve(response);
      },
    }),
  ];
}
