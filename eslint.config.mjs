import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'bench/results/'] },
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
    files: ['shared/**/*.ts', 'host/**/*.ts', 'guest/**/*.ts', 'popup/**/*.ts'],
    ignores: ['**/*.test.ts', 'shared/debug.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // A test that reaches for something that is not there should fail on the spot.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        window: 'readonly', document: 'readonly', sessionStorage: 'readonly', parent: 'readonly', addEventListener: 'readonly', console: 'readonly', location: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', URLSearchParams: 'readonly',
        process: 'readonly', performance: 'readonly', requestAnimationFrame: 'readonly',
        MessageChannel: 'readonly', BroadcastChannel: 'readonly', crypto: 'readonly',
      },
    },
  },
);
