// @ts-check
import { readFileSync } from 'node:fs';

/*
 * Mutation testing of the security and money code and the coach's rules (issue 19):
 * `npm run test:mutation`. Not part of `npm test`: a run takes about twenty minutes on two cores.
 */

/** `file:first-last` for the function or method whose first line matches `start`. */
function rangeOf(file, start) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const first = lines.findIndex((l) => start.test(l));
  if (first < 0) throw new Error(`${String(start)} not found in ${file}`);
  const indent = /^\s*/.exec(lines[first] ?? '')?.[0] ?? '';
  const last = lines.findIndex((l, i) => i > first && l === `${indent}}`);
  return `${file}:${first + 1}-${last + 1}`;
}

const PEOPLE = 'packages/server/src/people/auth-service.ts';
const GOODWILL = 'packages/server/src/goodwill/goodwill-service.ts';

/**
 * What is mutated: whole files where the file is the rule, and where a service holds more, the
 * functions that decide who may do what, what a signature proves, what goodwill may be granted
 * and when a promise is due or missed (found by name, so the ranges follow the code). The tests
 * that guard them are those of vitest.mutation.config.mjs.
 */
const MUTATE = [
  'packages/server/src/people/roles.ts',
  'packages/server/src/people/tokens.ts',
  rangeOf(PEOPLE, /^ {2}async identify\(/),
  rangeOf(PEOPLE, /^ {2}checkCsrf\(/),
  rangeOf('packages/server/src/http/app.ts', /^function authorize\(/),
  'packages/server/src/integrations/signature.ts',
  rangeOf(GOODWILL, /^ {2}async decideGoodwill\(/),
  rangeOf('packages/server/src/follow-ups/follow-up-service.ts', /^ {2}async runClock\(/),
  'packages/core/src/coach/coach-reply.ts',
  // Each mutant of the server costs a few seconds (its tests start a server), so a run stays
  // near twenty minutes on two cores by leaving out login, createUser and updateUser of
  // people/auth-service.ts, people/login-limiter.ts and goodwill's proposeGoodwill: worth adding
  // to this list for a run when they change.
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.mjs', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: MUTATE,
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
