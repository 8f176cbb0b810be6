// Its own entry point: the first page shows temperatures without loading the model.
import { temperatureLevel } from '@calmdesk/core/temperature-level';

/**
 * A temperature as a number, a word and a colour: never colour alone (the brief's accessibility
 * rule), so a reader who cannot tell the colours apart still reads "82 angry".
 */
export function TemperatureBadge({ value }: { value: number }) {
  const word = temperatureLevel(value);
  return (
    <span class={`temp temp-${word}`} title={`Temperature ${value} of 100: ${word}`}>
      <span class="temp-number">{value}</span> <span class="temp-word">{word}</span>
    </span>
  );
}

const TREND = {
  calming: { arrow: '↘', label: 'calming' },
  steady: { arrow: '→', label: 'steady' },
  escalating: { arrow: '↗', label: 'escalating' },
} as const;

export function TrendArrow({ trend }: { trend: keyof typeof TREND }) {
  const t = TREND[trend];
  return (
    <span class={`trend trend-${trend}`} title={`Trend: ${t.label}`}>
      <span aria-hidden="true">{t.arrow}</span> <span class="trend-label">{t.label}</span>
    </span>
  );
}
