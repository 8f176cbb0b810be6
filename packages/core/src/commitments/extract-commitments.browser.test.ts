import { build } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Commitment, ExtractCommitmentsOptions } from './extract-commitments.js';

type Extract = (text: string, sentAt: string, options: ExtractCommitmentsOptions) => Commitment[];

// Commitments run in the web app too: chrono and the Intl time zone data must work with no Node.
describe('commitments in the browser', () => {
  it('bundles for the browser and finds a promise across a clock change with no Node globals', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./extract-commitments.ts', import.meta.url))],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'commitments',
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/require\(["']|node:/);
    const context: { commitments?: { extractCommitments: Extract } } = {};
    runInNewContext(`${code}; this.commitments = commitments;`, context);
    const found = context.commitments?.extractCommitments(
      "I'll call you back on Monday at 10am.",
      '2026-03-27T16:00:00Z',
      { timeZone: 'Europe/London' },
    );
    expect(found?.map((c) => [c.kind, c.due])).toEqual([['callback', '2026-03-30T10:00:00+01:00']]);
  });
});
