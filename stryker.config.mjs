// @ts-check
import { readFileSync } from 'node:fs';

/*
 * Mutation testing of the security and money code and the coach's rules (issue 19):
 * `npm run test:mutation`. Not part of `npm test`: a run takes about a quarter of an hour.
 * The CSRF and role check is the `authorize` function of http/app.ts, found by name so the
 * range follows the file as it changes.
 */
function rangeOfFunction(file, name) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith(`function ${name}(`));
  if (start < 0) throw new Error(`${name} not found in ${file}`);
  const end = lines.findIndex((l, i) => i > start && l === '}');
  return `${file}:${start + 1}-${end + 1}`;
}

/** The files mutated: the tests that guard them are those of vitest.mutation.config.mjs. */
const MUTATED = [
  'packages/server/src/people/roles.ts',
  'packages/server/src/people/auth-service.ts',
  'packages/server/src/people/login-limiter.ts',
  'packages/server/src/people/tokens.ts',
  'packages/server/src/integrations/signature.ts',
  'packages/server/src/goodwill/goodwill-service.ts',
  'packages/server/src/follow-ups/follow-up-clock.ts',
  'packages/core/src/coach/coach-reply.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.mjs', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [...MUTATED, rangeOfFunction('packages/server/src/http/app.ts', 'authorize')],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20_000,
  ignorePatterns: ['packages/web', 'docs', 'reports', 'examples', '**/dist', 'calmdesk-data'],
  reporters: ['clear-text', 'json', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { reportScoreTable: true, allowEmojis: false, logTests: false },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
