/**
 * A small, fast, seedable generator (mulberry32): the same seed gives the same numbers on every
 * machine, which is what training and generated test inputs need. Core never calls
 * `Math.random`; callers pass a seed.
 *
 * @example
 * const next = seededRandom(7);
 * next(); // a number in [0, 1), the same for seed 7 on every run
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
