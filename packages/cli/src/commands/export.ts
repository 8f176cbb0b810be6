import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import {
  ConfigError,
  EXPORT_COLUMNS,
  exportList,
  loadConfig,
  openStore,
  type ConfigInput,
  type ExportList,
  type ExportRow,
} from '@calmdesk/server';
import { CliError } from '../errors.js';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A value as one CSV cell: objects (a conversation's contact, its triggers) as JSON. */
function cell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Writes rows as JSON lines or CSV (a header, then one row each) to `out`, respecting its
 * back-pressure so a long list streams with flat memory. Returns how many rows were written.
 */
export async function writeRows(
  rows: AsyncIterable<ExportRow>,
  columns: readonly string[],
  format: ExportFormat,
  out: Writable,
): Promise<number> {
  let count = 0;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  if (format === 'jsonl') {
    for await (const row of rows) {
      await write(`${JSON.stringify(row)}\n`);
      count += 1;
    }
    return count;
  }
  const csv = stringify({ header: true, columns: [...columns] });
  const piped = new Promise<void>((resolve, reject) => {
    csv.on('data', (chunk: Buffer | string) => {
      if (!out.write(chunk)) {
        csv.pause();
        out.once('drain', () => csv.resume());
      }
    });
    csv.on('end', resolve);
    csv.on('error', reject);
  });
  for await (const row of rows) {
    const line = Object.fromEntries(columns.map((c) => [c, cell(row[c])]));
    if (!csv.write(line)) await once(csv, 'drain');
    count += 1;
  }
  csv.end();
  await piped;
  return count;
}

export interface ExportOptions {
  list: ExportList;
  format: ExportFormat;
  /** A file to write; standard output when absent. */
  out?: string;
  config: ConfigInput;
}

/** `calmdesk export`: one list, streamed from the store to a file or standard output. */
export async function exportToFile(options: ExportOptions): Promise<number> {
  let config;
  try {
    config = loadConfig(process.env, options.config);
  } catch (error) {
    if (error instanceof ConfigError)
      throw new CliError('usage', `configuration: ${error.message}`);
    throw error;
  }
  const store = await openStore(config);
  const out = options.out === undefined ? process.stdout : createWriteStream(options.out);
  try {
    const count = await writeRows(
      exportList(store, options.list),
      EXPORT_COLUMNS[options.list],
      options.format,
      out,
    );
    if (out !== process.stdout) {
      out.end();
      await once(out, 'finish');
    }
    return count;
  } finally {
    await store.close();
  }
}
