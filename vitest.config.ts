import { defineConfig } from 'vitest/config';

// Four suites: `unit` needs nothing outside the repo (npm test); `services` needs the machine's
// Mosquitto and PostgreSQL; `browser` needs Debian's chromium; `fuzz` is the property-based and
// fuzz suite (npm run test:fuzz), seeded by test/fuzzSetup.ts so a failure replays.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: ['**/*.services.test.ts', '**/*.browser.test.ts', '**/*.fuzz.test.ts', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: { name: 'services', include: ['**/*.services.test.ts'], exclude: ['node_modules/**'], fileParallelism: false },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['**/*.browser.test.ts'], exclude: ['node_modules/**'], fileParallelism: false },
      },
      {
        extends: true,
        test: {
          name: 'fuzz',
          include: ['**/*.fuzz.test.ts'],
          exclude: ['node_modules/**'],
          setupFiles: ['test/fuzzSetup.ts'],
          testTimeout: 120_000,
        },
      },
    ],
  },
});
