import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', 'build/**', '.cache/**', '.tmp/**', '.strapi/**', 'node_modules/**', 'public/**', 'types/generated/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description', 'ts-nocheck': true }],
    },
  },
  {
    // Typed linting: each file is checked with the tsconfig.json nearest to it (the app's, the
    // tests', the bench's, the admin panel's), so unawaited and misplaced promises are caught.
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Each plugin and the kit are build units of their own: they reach the app, and each other,
    // only through Strapi's container (strapi.plugin(id).service(name)) and @union-comms/kit,
    // never by path. (Their tsconfig.json includes only their own src/: tsc refuses it too.)
    files: ['plugins/*/server/src/**/*.ts', 'plugins/*/admin/src/**/*.{ts,tsx}', 'packages/*/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Three levels up from any file of server/src (or admin/src, or packages/kit/src) is
              // outside the build unit: the app, or another plugin.
              regex: '^(?:\\.\\./){3,}',
              message: 'A plugin imports nothing of the app or of another plugin by path: use strapi.plugin(id).service(name), or @union-comms/kit.',
            },
            { regex: '^@union-comms/plugin-', message: 'A plugin reaches another plugin through strapi.plugin(id), not by importing it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },
);
