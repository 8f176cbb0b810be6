import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Issue 13, item 10: a production build publishes no source map (the app's whole source, for
// anyone to read); `--sourcemap` (or --watch) asks for one.

const BUILD = fileURLToPath(new URL('../build.mjs', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function build(...flags: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'calmdesk-web-build-'));
  dirs.push(dir);
  const run = spawnSync(process.execPath, [BUILD, '--outdir', dir, ...flags], {
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return dir;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

describe('the web build', () => {
  it('writes no source map and names none in production', () => {
    const dir = build();
    expect(existsSync(join(dir, 'app.js'))).toBe(true);
    expect(files(dir).filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const f of files(dir).filter((name) => /\.(js|css)$/.test(name))) {
      expect(readFileSync(join(dir, f), 'utf8'), f).not.toContain('sourceMappingURL');
    }
  });

  it('writes the maps with --sourcemap', () => {
    const dir = build('--sourcemap');
    expect(files(dir)).toContain('app.js.map');
  });
});
