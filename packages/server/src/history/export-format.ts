import { stringify } from 'csv-stringify/sync';
import type { ExportRow } from './export-lists.js';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A value as one CSV cell: objects (a conversation's contact, its triggers) as JSON. */
function cell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Rows as text, a chunk at a time: JSON lines (one object a line), or CSV (a header row, then
 * one row each, quoted by csv-stringify). Pulled by the consumer, so a long list streams to a
 * file or a response with flat memory.
 */
export async function* formatRows(
  rows: AsyncIterable<ExportRow>,
  columns: readonly string[],
  format: ExportFormat,
): AsyncGenerator<string> {
  if (format === 'jsonl') {
    for await (const row of rows) yield `${JSON.stringify(row)}\n`;
    return;
  }
  yield stringify([[...columns]]);
  for await (const row of rows) yield stringify([columns.map((c) => cell(row[c]))]);
}
