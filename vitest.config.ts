import { defineConfig } from 'vitest/config';

// Three projects: Node-side code, the add-in's components in jsdom, and end-to-end
// runs in real Chromium (slow, so they run one file at a time).
export default defineConfig({
  test: {
    // In CI every test's full name is printed, so the log shows e.g. "… on pglite" and "… on postgres".
    reporters: process.env.CI ? ['verbose'] : ['default'],
    projects: [
      {
        test: {
          name: 'server',
          environment: 'node',
          include: ['test/server/**/*.test.ts', 'test/shared/**/*.test.ts', 'test/sandbox/**/*.test.ts', 'test/sync/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'addin',
          environment: 'jsdom',
          include: ['test/addin/**/*.test.{ts,tsx}'],
          setupFiles: ['test/addin/setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
