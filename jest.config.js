/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests', '<rootDir>/plugins'],
  testMatch: ['**/tests/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  setupFiles: ['<rootDir>/tests/helpers/setup-env.js'],
  transform: { '^.+\\.tsx?$': ['@swc/jest'] },
  // Booting Strapi and building its schema takes seconds; the suite runs files in parallel.
  testTimeout: 120000,
  maxWorkers: 2,
};
