/**
 * A small clock drawn in SVG, for promises on the clock: emoji fonts are missing on many
 * desktops, and the icon is decoration (the text next to it always says "due" or "overdue").
 */
export function ClockIcon({ size = '1em' }: { size?: string }) {
  return (
    <svg
      class="clock-icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.8" />
      <path
        d="M8 4.2V8l2.6 1.8"
        fill="none"
        stroke="currentColor"
        stroke-width="1.8"
        stroke-linecap="round"
      />
    </svg>
  );
}
