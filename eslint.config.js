// One linter for the whole repository: typescript-eslint's recommended rules, with types.
//
// Every TypeScript file is linted with the type checker (recommendedTypeChecked): a promise left
// floating, handed where a callback's result is ignored, or awaited when it is not a promise
// loses an error or a write without a trace, and only types can see it. Test files keep the
// rules about promises but not the no-unsafe-* family: they read parsed HTTP bodies as `any` on
// purpose (`res.json.error.code`) and assert on them, which those rules would flag on every line.
// The few JavaScript files (this one, scripts, the CLI's bin) are not in a TypeScript project and
// are linted without types.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'packages/core/src/model/weights/**',
      // npm run test:mutation: Stryker's sandbox and the reports.
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Test files are left out of the packages' build configs; tsconfig.test.json has them all.
        project: ['./tsconfig.test.json', './packages/web/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.test.ts', '**/*.test-helper.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', 'packages/cli/**/*.ts', 'packages/server/**/*.ts', '*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['packages/web/src/**/*.ts', 'packages/web/src/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    rules: {
      // core is pure: it never reaches for the clock, the environment or the console
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'core never reads the environment: callers pass it in' },
        { name: 'console', message: 'core returns results; callers print them' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'core never reads the clock: pass `now` in' },
        { object: 'Math', property: 'random', message: 'core is deterministic: pass a seed in' },
      ],
    },
  },
);
