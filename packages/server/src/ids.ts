import { v7 } from 'uuid';

/**
 * A new record id: a UUID version 7, which starts with the time it was made. New rows then go
 * to the end of each primary-key index instead of a random place in it, which keeps inserts
 * cheap as tables grow, and ids sort in the order records were created.
 */
export function newId(): string {
  return v7();
}
