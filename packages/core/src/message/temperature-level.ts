/** A display word for a temperature, so it is never shown by colour alone. */
export type TemperatureLevel = 'calm' | 'uneasy' | 'upset' | 'angry' | 'furious';

/**
 * The word for a temperature: calm below 25, uneasy from 25, upset from 45, angry from 70,
 * furious from 90. In a module of its own, so a page that only shows temperatures does not load
 * the model.
 *
 * @example
 * temperatureLevel(72); // "angry"
 */
export function temperatureLevel(temperature: number): TemperatureLevel {
  if (temperature >= 90) return 'furious';
  if (temperature >= 70) return 'angry';
  if (temperature >= 45) return 'upset';
  if (temperature >= 25) return 'uneasy';
  return 'calm';
}
