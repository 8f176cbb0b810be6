// Bundles the web app into dist/: index.html, app.js (with the core engine, for coaching as
// the agent types) and app.css. Run by the repository's build; `--watch` rebuilds on change.
// Source maps only with `--sourcemap` or `--watch`: a production build publishes none.
// `--outdir <dir>` writes elsewhere than dist/ (the build's own test).
import { mkdirSync, rmSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const watch = process.argv.includes('--watch');
const outdirAt = process.argv.indexOf('--outdir');
const dist = outdirAt >= 0 ? process.argv[outdirAt + 1] : join(root, 'dist');
// A clean slate: chunks carry content hashes, so old ones would pile up.
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const options = {
  // The app, and the Chatwoot Dashboard App page (framed inside Chatwoot), sharing chunks.
  entryPoints: [
    { in: join(root, 'src/main.tsx'), out: 'app' },
    { in: join(root, 'src/chatwoot-app/main.tsx'), out: 'chatwoot-app' },
  ],
  bundle: true,
  minify: true,
  sourcemap: watch || process.argv.includes('--sourcemap'),
  format: 'esm',
  splitting: true,
  target: 'es2022',
  outdir: dist,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
};

writeFileSync(join(dist, 'index.html'), readFileSync(join(root, 'src/index.html')));
writeFileSync(join(dist, 'favicon.svg'), readFileSync(join(root, 'src/favicon.svg')));
writeFileSync(
  join(dist, 'chatwoot-app.html'),
  readFileSync(join(root, 'src/chatwoot-app/chatwoot-app.html')),
);
if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('web: watching for changes');
} else {
  const result = await esbuild.build(options);
  const outputs = Object.keys(result.metafile.outputs).filter((f) => /\.(js|css)$/.test(f));
  const sizes = outputs.map((f) => {
    const bytes = statSync(f).size;
    const gz = gzipSync(readFileSync(f)).length;
    return { file: f.replace(`${dist}/`, '').replace(/^.*dist\//, ''), bytes, gz };
  });
  writeFileSync(join(dist, 'sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
}
