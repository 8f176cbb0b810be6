import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { CliError } from '../errors.js';

/** One input line: its 1-based number and either its parsed record or why it was rejected. */
export interface InputLine<T> {
  line: number;
  record?: T;
  error?: string;
}

/** How much of a file is looked at to tell text from binary. */
const SNIFF_BYTES = 8192;

/**
 * True when text read as UTF-8 is not text a person wrote: it holds a NUL, or more than one
 * character in ten is a control character or not UTF-8 at all (an image, an archive, a PDF).
 */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  let odd = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13)) odd++;
  }
  return odd > 0 && odd * 10 > text.length;
}

function binaryInput(path: string): CliError {
  return new CliError(
    'bad_input',
    `${path === '-' ? 'stdin' : path}: a binary file, not text: expected one message or one JSON object per line`,
  );
}

/**
 * Reads lines, refusing binary input with one line instead of reading it as many junk
 * messages: a file is looked at before its first line, standard input line by line.
 */
async function* checkedLines(path: string, lines: AsyncIterable<string>): AsyncIterable<string> {
  for await (const line of lines) {
    if (looksBinary(line)) throw binaryInput(path);
    yield line;
  }
}

/** Opens a file (or standard input for "-") as a stream of lines, with a clear error if missing. */
function openLines(path: string): AsyncIterable<string> {
  if (path === '-') {
    return checkedLines(path, createInterface({ input: process.stdin, crlfDelay: Infinity }));
  }
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new CliError('not_found', `no such file: ${path}`);
  }
  if (!isFile) throw new CliError('not_found', `not a file: ${path}`);
  const head = Buffer.alloc(SNIFF_BYTES);
  const fd = openSync(path, 'r');
  let read = 0;
  try {
    read = readSync(fd, head, 0, SNIFF_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  if (looksBinary(head.subarray(0, read).toString('utf8'))) throw binaryInput(path);
  return checkedLines(
    path,
    createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity }),
  );
}

export interface ReadJsonLinesOptions {
  /** Stop at the first bad line (default) or report it on stderr and go on. */
  onError: 'stop' | 'skip';
  /** Where to say which lines were skipped. */
  warn: (message: string) => void;
}

/** A labelled or plain message line: a JSON object with a string `text`. */
export const TEXT_RECORD = z.looseObject({ text: z.string() });

/** Says what is wrong with a value, in one line, from the first zod issue. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'is not valid';
  const where = issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'the record';
  return `has a bad ${where}: ${issue.message}`;
}

/**
 * Streams JSON lines from a file, in constant memory, each checked against a schema. Blank
 * lines are ignored; a line that is not JSON, or not of the schema, stops the read or is
 * skipped, as asked. An input without a single record is an error.
 */
export async function* readJsonLines<T>(
  path: string,
  schema: z.ZodType<T>,
  options: ReadJsonLinesOptions,
): AsyncGenerator<{ line: number; record: T }> {
  let lineNo = 0;
  let records = 0;
  let skipped = 0;
  for await (const raw of openLines(path)) {
    lineNo++;
    if (raw.trim() === '') continue;
    let problem: string | undefined;
    let record: T | undefined;
    try {
      const parsed = schema.safeParse(JSON.parse(raw));
      if (parsed.success) record = parsed.data;
      else problem = firstIssue(parsed.error);
    } catch {
      problem = 'is not valid JSON';
    }
    if (record === undefined) {
      const message = `${path === '-' ? 'stdin' : path}: line ${lineNo} ${problem ?? 'is not valid'}`;
      if (options.onError === 'stop') {
        throw new CliError('bad_input', `${message} (use --skip-bad-lines to go on past it)`);
      }
      skipped++;
      options.warn(`${message}; skipped`);
      continue;
    }
    records++;
    yield { line: lineNo, record };
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
          const t = parsed.text;
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
