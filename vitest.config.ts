import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{db,packages,functions,scripts,tests}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'tests/edge/**'],
    globalSetup: ['tests/setup/global-db.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
