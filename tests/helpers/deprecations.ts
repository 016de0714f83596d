/**
 * Deprecation warnings are failures in the test suites. The app under test runs in the Jest
 * worker, and a deprecation it triggers (pg's "Calling client.query() when the client is already
 * executing a query", say: pg 9 refuses what it warns about) fails the test file in which it
 * appears. The warnings are collected by tests/helpers/environment.js.
 */
const seen = (globalThis as { __deprecationWarnings?: string[] }).__deprecationWarnings ?? [];

afterAll(async () => {
  // Warnings are emitted on the next tick; work started by the last test may still be settling.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(seen).toEqual([]);
});
