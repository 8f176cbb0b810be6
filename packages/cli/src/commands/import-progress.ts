/** How far an import has come, shown while it runs. */
export interface ImportProgressState {
  messages: number;
  bytesRead: number;
  bytesTotal: number;
  startedAt: number;
}

function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h > 0 ? 2 : 1, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * One line: the share of the bytes read, messages, rate and the time left at that rate. The
 * share is of bytes because an archive's message count is unknown until it is read through.
 */
export function formatProgress(state: ImportProgressState, now: number, width = 24): string {
  const seconds = Math.max((now - state.startedAt) / 1000, 1e-3);
  const share = state.bytesTotal > 0 ? Math.min(state.bytesRead / state.bytesTotal, 1) : 0;
  const filled = Math.round(share * width);
  const rate = state.messages / seconds;
  const left = share > 0 ? (seconds * (1 - share)) / share : Number.NaN;
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ` +
    `${state.messages.toLocaleString('en')} messages  ${Math.round(rate).toLocaleString('en')}/s  ` +
    `${clock(left)} left`
  );
}

/**
 * Shows progress on a terminal as one line redrawn in place (at most 5 times a second); when
 * the output is not a terminal (a log, a pipe), as a plain line every 10 seconds.
 */
export class ImportProgress {
  private last: number;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly state: ImportProgressState,
    private readonly now: () => number = Date.now,
  ) {
    // A short import finishes before the first line is due and prints only its summary.
    this.last = now();
  }

  private get tty(): boolean {
    return this.stream.isTTY === true;
  }

  update(): void {
    const now = this.now();
    if (now - this.last < (this.tty ? 200 : 10_000)) return;
    this.last = now;
    const line = formatProgress(this.state, now);
    this.stream.write(this.tty ? `\r${line}\u001b[K` : `${line}\n`);
    this.drawn = true;
  }

  /** Clears the redrawn line so the next output starts clean. */
  done(): void {
    if (this.tty && this.drawn) this.stream.write('\r\u001b[K');
  }

  /** Writes a line above the progress line. */
  log(line: string): void {
    if (this.tty && this.drawn) this.stream.write('\r\u001b[K');
    this.stream.write(`${line}\n`);
    this.drawn = false;
  }
}
