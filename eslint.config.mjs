// Lint: typescript-eslint's recommended rules everywhere, the Playwright plugin's on every spec.
import playwright from 'eslint-plugin-playwright';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'allure-results/', 'allure-report/', 'test-results/', 'playwright-report/', 'blob-report/', 'bench-results/', '.bench-tools/', 'artillery/dist/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Playwright fixtures take their dependencies as a destructured first argument, `{}` when none.
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['tests/**/*.spec.ts', 'selftest/**/*.spec.ts', 'platform/test/**/*.spec.ts', 'src/**/*.test.ts'],
    ...playwright.configs['flat/recommended'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      // Golden specs assert through golden.step: budget, floor and evidence, then the fixtures'
      // classified checks. The rule matches the property name only, hence "step".
      'playwright/expect-expect': ['error', { assertFunctionNames: ['step'] }],
    },
  },
  {
    files: ['platform/frontend/assets/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', localStorage: 'readonly', location: 'readonly', history: 'readonly', fetch: 'readonly', WebSocket: 'readonly', performance: 'readonly', console: 'readonly', atob: 'readonly', btoa: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly' } },
  },
);
