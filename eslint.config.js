// Lint policy. The one project-specific rule: only the clock and random modules may reach the
// wall clock or Math.random, because virtual time and seeded determinism depend on it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const wallClock = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use the injected Clock (emulator/clock), not Date.now().' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the injected Clock (emulator/clock), not new Date().' },
  { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use the seeded Random (emulator/random), not Math.random().' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'reports/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', setImmediate: 'readonly', queueMicrotask: 'readonly', URL: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly' } },
    rules: {
      'no-restricted-syntax': ['error', ...wallClock],
      'no-restricted-globals': ['error',
        { name: 'setTimeout', message: 'Use the injected Clock (emulator/clock).' },
        { name: 'setInterval', message: 'Use the injected Clock (emulator/clock).' },
        { name: 'clearTimeout', message: 'Use the injected Clock (emulator/clock).' },
        { name: 'clearInterval', message: 'Use the injected Clock (emulator/clock).' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The clock and random modules are the only doors to wall time and entropy.
    files: ['emulator/clock/wallClock.ts', 'emulator/random/**'],
    rules: { 'no-restricted-syntax': 'off', 'no-restricted-globals': 'off' },
  },
);
