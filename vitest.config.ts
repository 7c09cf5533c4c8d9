import { defineConfig } from 'vitest/config';

// Three suites: `unit` needs nothing outside the repo (npm test); `services` needs the machine's
// Mosquitto and PostgreSQL; `browser` needs Debian's chromium.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: ['**/*.services.test.ts', '**/*.browser.test.ts', 'node_modules/**'],
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
    ],
  },
});
