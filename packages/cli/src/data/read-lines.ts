import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { CliError } from '../errors.js';

/** One input line: its 1-based number and either its parsed record or why it was rejected. */
export interface InputLine<T> {
  line: number;
  record?: T;
  error?: string;
}

/** Opens a file (or standard input for "-") as a stream of lines, with a clear error if missing. */
function openLines(path: string): AsyncIterable<string> {
  if (path === '-') return createInterface({ input: process.stdin, crlfDelay: Infinity });
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new CliError('not_found', `no such file: ${path}`);
  }
  if (!isFile) throw new CliError('not_found', `not a file: ${path}`);
  return createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
}

export interface ReadJsonLinesOptions {
  /** Stop at the first bad line (default) or report it on stderr and go on. */
  onError: 'stop' | 'skip';
  /** Where to say which lines were skipped. */
  warn: (message: string) => void;
}

/**
 * Streams JSON lines from a file, in constant memory. Blank lines are ignored; a line that
 * is not a JSON object, or has no string `text`, stops the read or is skipped, as asked.
 * An input without a single record is an error.
 */
export async function* readJsonLines(
  path: string,
  options: ReadJsonLinesOptions,
): AsyncGenerator<{ line: number; record: Record<string, unknown> & { text: string } }> {
  let lineNo = 0;
  let records = 0;
  let skipped = 0;
  for await (const raw of openLines(path)) {
    lineNo++;
    if (raw.trim() === '') continue;
    let parsed: unknown;
    let problem: string | undefined;
    try {
      parsed = JSON.parse(raw);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        problem = 'is not a JSON object';
      } else if (typeof (parsed as { text?: unknown }).text !== 'string') {
        problem = 'has no string "text" field';
      }
    } catch {
      problem = 'is not valid JSON';
    }
    if (problem !== undefined) {
      const message = `${path === '-' ? 'stdin' : path}: line ${lineNo} ${problem}`;
      if (options.onError === 'stop') {
        throw new CliError('bad_input', `${message} (use --skip-bad-lines to go on past it)`);
      }
      skipped++;
      options.warn(`${message}; skipped`);
      continue;
    }
    records++;
    yield { line: lineNo, record: parsed as Record<string, unknown> & { text: string } };
  }
  if (records === 0) {
    throw new CliError(
      'empty_input',
      `${path === '-' ? 'stdin' : path}: no records${skipped > 0 ? ` (${skipped} bad lines skipped)` : ''}`,
    );
  }
}

/**
 * Streams messages one per line: a line that is a JSON object with `text` gives its text,
 * any other line is taken as plain text. Blank lines are ignored.
 */
export async function* readMessages(path: string): AsyncGenerator<{ line: number; text: string }> {
  let lineNo = 0;
  let count = 0;
  for await (const raw of openLines(path)) {
    lineNo++;
    if (raw.trim() === '') continue;
    let text = raw;
    if (raw.trimStart().startsWith('{')) {
      try {
        const parsed = JSON.parse(raw) as unknown;
        if (parsed !== null && typeof parsed === 'object' && 'text' in parsed) {
          const t = (parsed as { text: unknown }).text;
          if (typeof t === 'string') text = t;
        }
      } catch {
        // Not JSON after all: a plain-text message that starts with a brace.
      }
    }
    count++;
    yield { line: lineNo, text };
  }
  if (count === 0) {
    throw new CliError('empty_input', `${path === '-' ? 'stdin' : path}: no messages`);
  }
}
