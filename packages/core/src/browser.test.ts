import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type * as Core from './index.js';

// Core must run in the browser: bundled for the browser, it needs nothing from Node, and the
// weights, chrono and the Intl time zone data all work in a bare JavaScript context.
describe('core in the browser', () => {
  it('bundles for the browser and runs with no Node globals', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./index.ts', import.meta.url))],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'calmdesk',
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/require\(["']|node:/);
    // A bare context: the JavaScript built-ins only, no process, require, Buffer or fs.
    const context: { calmdesk?: typeof Core } = {};
    runInNewContext(`${code}; this.calmdesk = calmdesk;`, context);
    const core = context.calmdesk;
    expect(core).toBeDefined();
    if (core === undefined) return;

    const a = core.analyzeMessage("I'm calling my lawyer if my refund isn't here!!!");
    expect(a.temperature).toBeGreaterThan(50);

    // A promise across the clock change in London: due at 10:00 local, summer time.
    const found = core.extractCommitments(
      "I'll call you back on Monday at 10am.",
      '2026-03-27T16:00:00Z',
      { timeZone: 'Europe/London' },
    );
    expect(found.map((c) => [c.kind, c.due])).toEqual([['callback', '2026-03-30T10:00:00+01:00']]);

    const coached = core.coachReply("That's our policy.", [
      {
        role: 'customer',
        text: 'Where is my refund?! Third time asking!!',
        at: '2026-11-23T10:00:00Z',
      },
    ]);
    expect(coached.findings.map((f) => f.rule)).toContain('blocking-phrase');

    // Keep the download reasonable for the web app (weights included).
    expect(gzipSync(code).length).toBeLessThan(1_500_000);
  });
});
