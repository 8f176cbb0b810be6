// For tests only (excluded from the build): the shared data sets, read where they lie beside the
// project, never copied into it.
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { it, type TestContext } from 'vitest';

// The only place core's tests read the environment: a clean checkout may lack the data sets, and
// CI must never pass without having run the tests that need them.
// eslint-disable-next-line no-restricted-globals -- tests only, never core's shipped code
const env = process.env;

/**
 * Where the data sets lie: `../shared/data` beside the project. CALMDESK_SHARED_DATA points
 * elsewhere, for instance at a directory that does not exist, to see what a checkout without
 * them does.
 */
const ELSEWHERE = env.CALMDESK_SHARED_DATA ?? '';
const SHARED_DATA: URL =
  ELSEWHERE === ''
    ? new URL('../../../../shared/data/', import.meta.url)
    : pathToFileURL(ELSEWHERE.endsWith('/') ? ELSEWHERE : `${ELSEWHERE}/`);

/** A file as messages name it: as the README names the data sets, unless they lie elsewhere. */
function shownAs(file: string): string {
  return ELSEWHERE === '' ? `../shared/data/${file}` : new URL(file, SHARED_DATA).pathname;
}

/** The inbound customer tweets, for tests that run over real text. */
export const SPOTIFY = 'support-tweets/spotify.jsonl';

/** The `text` of every row of a JSON-lines file of the shared data, e.g. `readTexts(SPOTIFY)`. */
export function readTexts(file: string): string[] {
  return readFileSync(new URL(file, SHARED_DATA), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

/**
 * A test that needs files of the shared data (paths inside `../shared/data`). When one is missing
 * it is skipped with a message naming the file; with CI=true it fails instead, so CI can never
 * pass without having run it.
 */
export function itWithData(
  files: readonly string[],
  name: string,
  fn: (context: TestContext) => void | Promise<void>,
  timeout?: number,
): void {
  it(
    name,
    (context) => {
      const missing = files.filter((file) => !existsSync(new URL(file, SHARED_DATA)));
      if (missing.length > 0) {
        const what = `${missing.map(shownAs).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`;
        if (env.CI === 'true') throw new Error(`CI=true requires the shared data: ${what}`);
        context.skip(`skipped: ${what}`);
      }
      return fn(context);
    },
    timeout,
  );
}
