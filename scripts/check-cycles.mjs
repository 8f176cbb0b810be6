// Fails when the packages' imports form a cycle or point the wrong way.
// The brief's rule: core <- server <- cli, core <- web; core imports no other package.
// One exception, the API contract: the web app may import `@calmdesk/server/contract` (types
// only: `import type`, erased from the bundle) and `@calmdesk/server/contract/event-types` (a
// plain list), and the contract folder imports nothing of the server outside itself.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname, resolve, relative } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const allowed = {
  core: [],
  server: ['core'],
  web: ['core'],
  cli: ['core', 'server'],
};

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

const problems = [];
const graph = new Map();
for (const pkg of Object.keys(allowed)) {
  const src = join(root, 'packages', pkg, 'src');
  let list;
  try {
    list = [...files(src)];
  } catch {
    continue;
  }
  for (const file of list) {
    const text = readFileSync(file, 'utf8');
    const deps = [];
    for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
      const spec = m[1];
      const other = /^@calmdesk\/(\w+)/.exec(spec)?.[1];
      const typeOnly = /^\s*(?:import|export)\s+type\b/.test(m[0]);
      const contract =
        pkg === 'web' &&
        ((spec === '@calmdesk/server/contract' && typeOnly) ||
          spec === '@calmdesk/server/contract/event-types');
      // Routes check callers and shapes, and call capability services: never the store.
      if (pkg === 'server' && /-routes\.ts$/.test(file) && /\/storage\//.test(spec)) {
        problems.push(
          `${relative(root, file)} imports ${spec}: routes call services, not the store`,
        );
      }
      if (pkg === 'server' && file.includes('/src/contract/') && spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(join(src, 'contract'))) {
          problems.push(
            `${relative(root, file)} imports ${spec}: the contract imports nothing of the server outside it`,
          );
        }
      }
      if (other && other !== pkg && !allowed[pkg].includes(other) && !contract) {
        problems.push(
          `${relative(root, file)} imports @calmdesk/${other}: ${pkg} may not depend on it`,
        );
      }
      if (spec.startsWith('.')) deps.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
    }
    graph.set(file, deps);
  }
}

// Module-level cycle search (depth-first, colouring).
const state = new Map();
const stack = [];
function visit(node) {
  state.set(node, 1);
  stack.push(node);
  for (const dep of graph.get(node) ?? []) {
    if (!graph.has(dep)) continue;
    if (state.get(dep) === 1) {
      const cycle = stack.slice(stack.indexOf(dep)).concat(dep);
      problems.push(`import cycle: ${cycle.map((f) => relative(root, f)).join(' -> ')}`);
    } else if (!state.has(dep)) visit(dep);
  }
  stack.pop();
  state.set(node, 2);
}
for (const node of graph.keys()) if (!state.has(node)) visit(node);

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(`dependency check: ${graph.size} modules, no cycles, dependencies point one way`);
