import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'test/pages/react/app.bundle.js',
      'dist/',
      'node_modules/',
      'test-results/',
      'bench/results/',
      'test/pages/workers/built/',
      'docs/api/',
      'bench/pages/built/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      'no-console': ['error', { allow: ['debug', 'warn', 'error', 'log'] }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The SDK logs only through its debug switch (shared/debug.ts).
    files: [
      'shared/**/*.ts',
      'host/**/*.ts',
      'guest/**/*.ts',
      'popup/**/*.ts',
      'tabs/**/*.ts',
      'element/**/*.ts',
      'react/**/*.ts',
      'worker/**/*.ts',
      'testing/**/*.ts',
      'share/**/*.ts',
      'share-target/**/*.ts',
    ],
    ignores: ['**/*.test.ts', 'shared/debug.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // A test that reaches for something that is not there should fail on the spot.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Page scripts for the tests and the demo run in the browser; the script-tag builds are globals there.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        ...globals.browser,
        Frameport: 'readonly',
        FrameportHost: 'readonly',
        FrameportGuest: 'readonly',
        FrameportPopup: 'readonly',
        FrameportTabs: 'readonly',
        FrameportElement: 'readonly',
        FrameportWorker: 'readonly',
        FrameportShare: 'readonly',
        FrameportShareTarget: 'readonly',
      },
    },
  },
  {
    files: ['*.config.mjs'],
    languageOptions: { globals: globals.node },
  },
);
