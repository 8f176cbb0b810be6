import type { AppContext } from '../app/app-context.js';
import type { LiveEvent } from '../contract/index.js';
import type { Store, UserRow } from '../storage/store.js';
import { eventFilterFor, type EventFilter } from './event-visibility.js';

/**
 * The live stream's source: events as the contract types them, heard as they are committed (with
 * PostgreSQL, by every instance) and replayed from the events table after an absence.
 */
export class EventService {
  private readonly store: Store;

  constructor(ctx: AppContext) {
    this.store = ctx.store;
  }

  /** The id of the newest event: a new subscriber starts after it. */
  lastEventId(): Promise<number> {
    return this.store.lastEventId();
  }

  /** Hears every event as it is committed; returns the function that stops listening. */
  subscribe(listener: (event: LiveEvent) => void): () => void {
    // Every event was recorded through `emitEvent`, typed by the contract.
    return this.store.subscribe((event) => listener(event as LiveEvent));
  }

  /** What `user` may read of the events, for one stream (see `eventFilterFor`). */
  filterFor(user: Pick<UserRow, 'id' | 'role'>): EventFilter {
    return eventFilterFor(
      user,
      async (id) => (await this.store.getConversation(id))?.assigneeId ?? null,
    );
  }

  /** Up to `limit` events after `id`, oldest first. */
  async listAfter(id: number, limit: number): Promise<LiveEvent[]> {
    return (await this.store.listEventsAfter(id, limit)) as LiveEvent[];
  }
}
