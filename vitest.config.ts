import { defineConfig } from 'vitest/config';

// vitest loads its config through a default export; this file is the one exception to the
// named-exports rule (see eslint.config.js).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    restoreMocks: true,
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
  },
});
