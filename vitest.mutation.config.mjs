import { defineConfig } from 'vitest/config';

/*
 * The tests that guard the security and money code and the coach's rules: what Stryker runs
 * against each mutant (only those that reach it), and what the coverage report of
 * `npm run test:mutation` measures. Kept to these files: each server mutant costs the seconds
 * its tests take to start a server and sign people in.
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
        'packages/server/src/messages/message-queries.ts',
        'packages/server/src/follow-ups/*.ts',
        'packages/core/src/coach/*.ts',
      ],
      exclude: ['**/*.test.ts', '**/*.test-helper.ts'],
      reporter: ['text-summary', 'json-summary', 'html'],
      reportsDirectory: 'reports/coverage',
    },
  },
});
