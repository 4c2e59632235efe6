import { defineConfig } from 'vitest/config';

// The Workers test: the auth function inside workerd (wrangler dev) against real PostgreSQL.
export default defineConfig({
  test: {
    include: ['tests/edge/**/*.test.ts'],
    globalSetup: ['tests/setup/global-db.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
