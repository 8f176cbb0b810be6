import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  HistoryImport,
  openStore,
  type ConfigInput,
  type HistoryBatchResult,
} from '@calmdesk/server';
import { IngestMessage, type IngestMessageInput } from '@calmdesk/server/contract';
import { CliError } from '../errors.js';
import { loadCliConfig } from './cli-config.js';
import { ImportProgress, type ImportProgressState } from './import-progress.js';
import {
  CSV_FIELDS,
  readArchive,
  type CsvField,
  type CsvMapping,
  type ImportFormat,
} from './import-readers.js';

/** Messages written in one transaction: large enough to cost few commits, small enough to
 * lose little work to an interruption (a rerun skips what was committed). */
const BATCH = 1000;
/** Batches added ahead of the one being written, so analysis and writing overlap. */
const AHEAD = 2;

export interface ImportFilesOptions {
  files: readonly string[];
  format: ImportFormat;
  /** CSV: `text=Body,sentAt=Date,...`, or read from `mapFile` (a JSON object of the same). */
  map?: string;
  mapFile?: string;
  /** mbox and eml: the team's addresses or @domains (comma-separated): their mail is outgoing. */
  agents?: string;
  config: ConfigInput;
  /** Where progress and unreadable records are reported (stderr). */
  progressStream: NodeJS.WriteStream;
  /** Stops reading (Ctrl-C): what was read is still written, then the summary is returned. */
  signal?: AbortSignal;
}

export interface ImportSummary {
  imported: number;
  duplicates: number;
  failed: number;
  /** Records with nothing to import (auto-replies, bounces, activity messages...). */
  skipped: number;
  seconds: number;
  /** True when stopped before the end (Ctrl-C): a rerun picks up where it stopped. */
  interrupted: boolean;
}

/** `text=Body,sentAt=Date` (or the same as JSON in a file) as a CSV mapping, checked. */
export async function readCsvMapping(map?: string, mapFile?: string): Promise<CsvMapping> {
  let pairs: [string, unknown][] = [];
  if (mapFile !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(mapFile, 'utf8'));
    } catch (error) {
      throw new CliError(
        'bad_input',
        `mapping file ${mapFile}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new CliError('bad_input', `mapping file ${mapFile}: must be a JSON object`);
    }
    pairs = Object.entries(parsed);
  }
  for (const part of (map ?? '').split(',').filter((p) => p.trim() !== '')) {
    const at = part.indexOf('=');
    if (at <= 0) throw new CliError('usage', `--map: "${part}" is not field=Column`);
    pairs.push([part.slice(0, at).trim(), part.slice(at + 1).trim()]);
  }
  const mapping: CsvMapping = {};
  for (const [field, column] of pairs) {
    if (!(CSV_FIELDS as readonly string[]).includes(field)) {
      throw new CliError(
        'usage',
        `CSV mapping: unknown field "${field}" (${CSV_FIELDS.join(', ')})`,
      );
    }
    if (typeof column !== 'string' || column === '') {
      throw new CliError('usage', `CSV mapping: field "${field}" needs a column name`);
    }
    mapping[field as CsvField] = column;
  }
  return mapping;
}

/** The contract's own error for a record, as one line naming the field. */
function contractError(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : 'message'}: ${i.message}`)
    .join('; ');
}

/**
 * `calmdesk import`: reads each file record by record (memory stays flat however large), checks
 * each message against the API's own contract, and stores them in import mode (history raises
 * no follow-ups, escalations, webhooks or live events). Unreadable records are reported with
 * where they are and skipped. Idempotent: every message has an external id (its own, or one made
 * from its file and position), so the same file twice adds nothing and a rerun after Ctrl-C or a
 * crash skips what was stored.
 */
export async function importFiles(options: ImportFilesOptions): Promise<ImportSummary> {
  for (const file of options.files) {
    if (!existsSync(file)) throw new CliError('not_found', `no such file: ${file}`);
    if (!statSync(file).isFile()) throw new CliError('usage', `not a file: ${file}`);
  }
  const csvMapping = await readCsvMapping(options.map, options.mapFile);
  const agentAddresses = (options.agents ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  const config = loadCliConfig(options.config);
  const store = await openStore(config);
  const history = new HistoryImport({ store, timeZone: config.timeZone });
  const state: ImportProgressState = {
    messages: 0,
    bytesRead: 0,
    bytesTotal: options.files.reduce((n, f) => n + statSync(f).size, 0),
    startedAt: Date.now(),
  };
  const progress = new ImportProgress(options.progressStream, state);
  const summary: ImportSummary = {
    imported: 0,
    duplicates: 0,
    failed: 0,
    skipped: 0,
    seconds: 0,
    interrupted: false,
  };
  const report = (where: string, reason: string) => {
    summary.failed += 1;
    progress.log(`${where}: ${reason}`);
  };
  const inFlight: { done: Promise<HistoryBatchResult>; wheres: string[] }[] = [];
  const settle = async () => {
    const batch = inFlight.shift()!;
    const result = await batch.done;
    summary.imported += result.imported;
    summary.duplicates += result.duplicates;
    state.messages += result.imported + result.duplicates;
    for (const f of result.failed) report(batch.wheres[f.index] ?? '?', f.reason);
    progress.update();
  };
  let batch: IngestMessage[] = [];
  let wheres: string[] = [];
  const send = async () => {
    if (batch.length === 0) return;
    inFlight.push({ done: history.add(batch), wheres });
    batch = [];
    wheres = [];
    if (inFlight.length >= AHEAD) await settle();
  };
  try {
    files: for (const file of options.files) {
      const items = readArchive(file, options.format, {
        csvMapping,
        agentAddresses,
        onRead: (bytes) => {
          state.bytesRead += bytes;
        },
      });
      for await (const item of items) {
        if (options.signal?.aborted === true) {
          summary.interrupted = true;
          break files;
        }
        if ('error' in item) {
          report(item.where, item.error);
          continue;
        }
        if ('skipped' in item) {
          summary.skipped += 1;
          continue;
        }
        const checked = IngestMessage.safeParse(item.message satisfies IngestMessageInput);
        if (!checked.success) {
          report(item.where, contractError(checked.error.issues));
          continue;
        }
        batch.push(checked.data);
        wheres.push(item.where);
        if (batch.length >= BATCH) await send();
      }
    }
    await send();
    while (inFlight.length > 0) await settle();
  } finally {
    // Whatever was added is written before the store closes: an interruption loses nothing read.
    await Promise.allSettled(inFlight.map((b) => b.done));
    await history.close();
    await store.close();
    progress.done();
  }
  summary.seconds = Math.round((Date.now() - state.startedAt) / 10) / 100;
  return summary;
}

/** The summary line. */
export function formatImportSummary(s: ImportSummary): string {
  const rate = s.seconds > 0 ? Math.round((s.imported + s.duplicates) / s.seconds) : 0;
  return (
    `${s.interrupted ? 'Stopped: ' : ''}imported ${s.imported.toLocaleString('en')} messages, ` +
    `${s.duplicates.toLocaleString('en')} already there, ${s.failed.toLocaleString('en')} unreadable, ` +
    `${s.skipped.toLocaleString('en')} with nothing to import, in ${s.seconds} s ` +
    `(${rate.toLocaleString('en')} messages/s)` +
    (s.interrupted ? '. Run the same command again to go on where it stopped.' : '.')
  );
}
