import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError } from '../errors.js';

/** A labelled row of one of the shared data sets. */
export interface LabelledRow {
  id: string;
  text: string;
  label: 0 | 1;
}

/** The sets the data README allows for shipped weights, by role. */
export const TRAINING_SETS = {
  complaints: 'complaints/train.jsonl',
  goemotions: 'goemotions/train.jsonl',
  goemotionsDev: 'goemotions/dev.jsonl',
  offensive: 'offensive/train.jsonl',
} as const;

/** Finds the shared data directory: the one given, or `../shared/data` from here or above. */
export function findDataDir(given: string | undefined): string {
  if (given !== undefined) {
    if (!existsSync(given)) throw new CliError('not_found', `no such data directory: ${given}`);
    return resolve(given);
  }
  let dir = process.cwd();
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, '..', 'shared', 'data');
    if (existsSync(join(candidate, TRAINING_SETS.complaints))) return resolve(candidate);
    dir = join(dir, '..');
  }
  throw new CliError('not_found', 'cannot find ../shared/data: pass --data-dir DIR');
}

/** Reads a labelled JSON-lines set whole, keeping rows labelled 0 or 1. */
export function loadLabelled(dataDir: string, relative: string): LabelledRow[] {
  const path = join(dataDir, relative);
  if (!existsSync(path)) throw new CliError('not_found', `missing data set: ${path}`);
  const rows: LabelledRow[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let row: { id?: unknown; text?: unknown; label?: unknown };
    try {
      row = JSON.parse(line) as typeof row;
    } catch {
      throw new CliError('bad_input', `${path}: line ${i + 1} is not valid JSON`);
    }
    if (typeof row.text !== 'string' || (row.label !== 0 && row.label !== 1)) return;
    const id =
      typeof row.id === 'string' || typeof row.id === 'number'
        ? String(row.id)
        : `${relative}:${i + 1}`;
    rows.push({ id, text: row.text, label: row.label });
  });
  return rows;
}

/** A stable fold for a row id (FNV-1a hash), independent of file order and seed. */
export function foldOf(id: string, folds: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % folds;
}
