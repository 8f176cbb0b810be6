import type { ConversationPolicy } from '@calmdesk/core';

/** How many recent customer temperatures a conversation row keeps for its trend. */
export const RECENT_TEMPERATURES = 8;

/**
 * The trend of the latest customer temperatures, the way core reads it: the least-squares slope
 * of the last `trendWindow` points against the policy's calming and escalating slopes. Kept
 * incrementally on the conversation row so the inbox shows it without re-reading messages.
 */
export function trendOf(
  temperatures: readonly number[],
  policy: Pick<ConversationPolicy, 'trendWindow' | 'calmingSlope' | 'escalatingSlope'>,
): 'calming' | 'steady' | 'escalating' {
  const points = temperatures.slice(-policy.trendWindow);
  const n = points.length;
  if (n < 2) return 'steady';
  const meanX = (n - 1) / 2;
  const meanY = points.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  points.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  const slope = num / den;
  if (slope <= -policy.calmingSlope) return 'calming';
  if (slope >= policy.escalatingSlope) return 'escalating';
  return 'steady';
}
