import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts'],
    testTimeout: 30_000,
    // Vitest's default is one worker per core but one: a single worker on a 2-core machine. Much
    // of the suite waits on other processes (Chromium, servers started as children, PostgreSQL,
    // the mail servers), so three files at a time keep both cores busy: 516 s -> 334 s here.
    maxWorkers: 3,
  },
});
