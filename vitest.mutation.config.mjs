import { defineConfig } from 'vitest/config';

/*
 * The tests that guard the security and money code and the coach's rules: what Stryker runs
 * against each mutant, and what the coverage report of `npm run test:mutation` measures. Kept
 * to these files so a mutation run stays within about a quarter of an hour on two cores.
 */
export default defineConfig({
  test: {
    include: [
      'packages/server/src/people/**/*.test.ts',
      'packages/server/src/http/access.test.ts',
      'packages/server/src/integrations/**/*.test.ts',
      'packages/server/src/goodwill/**/*.test.ts',
      'packages/server/src/escalations/**/*.test.ts',
      'packages/server/src/ingest/**/*.test.ts',
      'packages/server/src/follow-ups/**/*.test.ts',
      'packages/core/src/coach/**/*.test.ts',
    ],
    testTimeout: 30_000,
    coverage: {
      provider: 'v8',
      include: [
        'packages/server/src/people/*.ts',
        'packages/server/src/http/app.ts',
        'packages/server/src/integrations/signature.ts',
        'packages/server/src/integrations/deliver-webhooks.ts',
        'packages/server/src/integrations/webhook-routes.ts',
        'packages/server/src/goodwill/*.ts',
        'packages/server/src/ingest/*.ts',
        'packages/server/src/follow-ups/*.ts',
        'packages/core/src/coach/*.ts',
      ],
      exclude: ['**/*.test.ts', '**/*.test-helper.ts'],
      reporter: ['text-summary', 'json-summary', 'html'],
      reportsDirectory: 'reports/coverage',
    },
  },
});
