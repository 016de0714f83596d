/** @type {import('jest').Config} */
module.exports = {
  // Node, plus a record of deprecation warnings (tests/helpers/environment.js).
  testEnvironment: '<rootDir>/tests/helpers/environment.js',
  roots: ['<rootDir>/tests', '<rootDir>/plugins'],
  testMatch: ['**/tests/**/*.test.ts'],
  // Browser tests (tests/browser: Chromium against the example website) run on SQLite only: what
  // they click reads the same API that the PostgreSQL run tests file by file.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', ...(process.env.DATABASE_CLIENT === 'postgres' ? ['/tests/browser/'] : [])],
  // Refuses to run against a dist/ older than the TypeScript sources (npm test builds first).
  globalSetup: '<rootDir>/tests/helpers/fresh-dist.js',
  setupFiles: ['<rootDir>/tests/helpers/setup-env.js'],
  // A deprecation warning from the app under test fails its test file.
  setupFilesAfterEnv: ['<rootDir>/tests/helpers/deprecations.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest'] },
  // Booting Strapi and building its schema takes seconds; the suite runs files in parallel.
  testTimeout: 120000,
  maxWorkers: 2,
};
