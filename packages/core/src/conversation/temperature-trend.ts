import type { TemperaturePoint, TemperatureTrend } from './conversation-analysis.js';
import type { ConversationPolicy } from './conversation-policy.js';

/**
 * The least-squares slope of the last `trendWindow` customer temperatures, in points per
 * message: a slope rather than last-minus-first, so one odd message in the middle moves it less.
 * 0 with fewer than two temperatures.
 */
function temperatureSlope(points: readonly TemperaturePoint[], window: number): number {
  const from = Math.max(0, points.length - window);
  const n = points.length - from;
  if (n < 2) return 0;
  let sx = 0;
  let sy = 0;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const y = (points[from + i] as TemperaturePoint).temperature;
    sx += i;
    sy += y;
    sxy += i * y;
    sxx += i * i;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

/** Calming, steady or escalating, from the slope of the last few customer temperatures. */
export function temperatureTrend(
  points: readonly TemperaturePoint[],
  policy: ConversationPolicy,
): TemperatureTrend {
  const slope = temperatureSlope(points, policy.trendWindow);
  if (slope <= -policy.calmingSlope && slope < 0) return 'calming';
  if (slope >= policy.escalatingSlope && slope > 0) return 'escalating';
  return 'steady';
}
