// @ts-check
import { readFileSync } from 'node:fs';

/*
 * Mutation testing of the security and money code and the coach's rules (issue 19):
 * `npm run test:mutation`. Not part of `npm test`. Each server mutant costs seconds (its tests
 * start a server), so a full run of this list takes well over an hour on two cores: for a run
 * after a change, pass the scope that changed (`npx stryker run --mutate '<file>:<lines>'`), as
 * docs/benchmarks.md records for each scope.
 */

/**
 * `file:first-last` for the function, method or block whose first line matches `start` (it ends
 * at the first later line that closes it at the same indent).
 */
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
const INGEST = 'packages/server/src/ingest/ingest-service.ts';

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
  rangeOf(PEOPLE, /^ {2}async login\(/),
  'packages/server/src/people/login-limiter.ts',
  rangeOf('packages/server/src/http/app.ts', /^function authorize\(/),
  'packages/server/src/integrations/signature.ts',
  rangeOf(GOODWILL, /^ {2}async decideGoodwill\(/),
  rangeOf(GOODWILL, /^ {2}async proposeGoodwill\(/),
  rangeOf('packages/server/src/follow-ups/follow-up-service.ts', /^ {2}async runClock\(/),
  'packages/server/src/follow-ups/follow-up-clock.ts',
  // Ingest's idempotency: where the store decides a message was stored before (by external id),
  // what ingest answers for it, and what the audit log counts.
  rangeOf('packages/server/src/messages/message-queries.ts', /^ {2}async insertMessages\(/),
  rangeOf(INGEST, /^ {8}if \(!inserted\) \{/),
  rangeOf(INGEST, /^ {6}for \(const \{ actorId, source, results \} of audits\.values\(\)\) \{/),
  'packages/core/src/coach/coach-reply.ts',
  // Left out: createUser and updateUser of people/auth-service.ts (guarded by the access table
  // and service-roles.test.ts, not yet scored).
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
