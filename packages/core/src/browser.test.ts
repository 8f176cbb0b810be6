import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Core must run in the browser: bundled for the browser, it needs nothing from Node, and the
// weights load with it.
describe('core in the browser', () => {
  it('bundles for the browser and analyses a message with no Node globals', async () => {
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
    const context: { calmdesk?: { analyzeMessage: (t: string) => { temperature: number } } } = {};
    runInNewContext(`${code}; this.calmdesk = calmdesk;`, context);
    const a = context.calmdesk?.analyzeMessage("I'm calling my lawyer if my refund isn't here!!!");
    expect(a?.temperature).toBeGreaterThan(50);
    // Keep the download reasonable for the web app (weights included).
    expect(gzipSync(code).length).toBeLessThan(1_500_000);
  });
});
