'use strict';

const { TestEnvironment } = require('jest-environment-node');

/**
 * Jest's Node environment, plus a record of the deprecation warnings the worker process emits
 * while a test file runs. The app under test runs inside the worker; Node emits warnings on the
 * worker's real `process`, which the test sandbox does not see, so they are collected here and
 * handed to tests/helpers/deprecations.ts, which fails the file that caused one.
 */
class EnvironmentWithDeprecations extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const seen = [];
    this.onWarning = (warning) => {
      if (warning.name === 'DeprecationWarning') seen.push(`${warning.message}\n${warning.stack || ''}`);
    };
    process.on('warning', this.onWarning);
    this.global.__deprecationWarnings = seen;
  }

  async teardown() {
    process.off('warning', this.onWarning);
    await super.teardown();
  }
}

module.exports = EnvironmentWithDeprecations;
