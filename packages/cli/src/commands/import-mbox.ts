import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** One mail cut out of an mbox, with the line its "From " separator is on (1-based). */
export interface MboxMail {
  line: number;
  raw: Buffer;
}

/**
 * Splits an mbox stream into its mails, one at a time (memory holds one mail, never the file).
 * A mail starts at a line beginning "From " after a blank line (or at the top); ">From " lines
 * written by mboxrd and mboxo writers are unquoted. A file cut off in the middle of a mail still
 * yields what it holds of that mail: the reader of the mail decides whether it is whole enough.
 */
export async function* splitMbox(input: Readable): AsyncGenerator<MboxMail> {
  // latin1 keeps every byte as one character, so the mail's own encoding survives untouched.
  const lines = createInterface({ input: input.setEncoding('latin1'), crlfDelay: Infinity });
  let current: string[] | undefined;
  let start = 0;
  let previousBlank = true;
  let n = 0;
  for await (const line of lines) {
    n += 1;
    if (line.startsWith('From ') && previousBlank) {
      if (current !== undefined)
        yield { line: start, raw: Buffer.from(current.join('\n'), 'latin1') };
      current = [];
      start = n;
    } else if (current !== undefined) {
      current.push(/^>+From /.test(line) ? line.slice(1) : line);
    }
    previousBlank = line === '';
  }
  if (current !== undefined && current.length > 0) {
    yield { line: start, raw: Buffer.from(current.join('\n'), 'latin1') };
  }
}
