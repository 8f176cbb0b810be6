/** Up to this many items are sorted by insertion; more go to Array.prototype.sort. */
const INSERTION_SORT_MAX = 32;

/**
 * Sorts `items` in place and returns it, stably, as `items.sort(compare)` does. The analysers
 * sort a handful of spans per message, many times per conversation: `Array.prototype.sort`
 * allocates a work copy on every call, and insertion into the array itself allocates nothing.
 *
 * @example sortInPlace([3, 1, 2], (a, b) => a - b) // [1, 2, 3]
 */
export function sortInPlace<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > INSERTION_SORT_MAX) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const item = items[i] as T;
    let j = i - 1;
    while (j >= 0 && compare(items[j] as T, item) > 0) {
      items[j + 1] = items[j] as T;
      j--;
    }
    items[j + 1] = item;
  }
  return items;
}
