import { defineConfig } from 'vitest/config';

// The live suite talks to a real EWS server (or the sandbox) named by EWS_URL & co.;
// it is never part of `npm test`.
export default defineConfig({
  test: {
    name: 'live',
    environment: 'node',
    include: ['test/live/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
