// One linter for the whole repository: typescript-eslint's recommended rules, with types.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'packages/core/src/model/weights/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
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
