import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts', 'train/**/*.test.ts'],
    // better-sqlite3 is a native addon: child processes isolate it more safely than worker threads.
    pool: 'forks',
    testTimeout: 60_000,
    reporters: ['default'],
  },
});
