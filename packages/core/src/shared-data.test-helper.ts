// For tests only (excluded from the build): the shared data sets, read where they lie beside the
// project, never copied into it.
import { readFileSync } from 'node:fs';

/** The inbound customer tweets of ../shared/data, for tests that run over real text. */
export const SPOTIFY = new URL(
  '../../../../shared/data/support-tweets/spotify.jsonl',
  import.meta.url,
);

/** The `text` of every row of a JSON-lines file. */
export function readTexts(url: URL): string[] {
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text);
}
