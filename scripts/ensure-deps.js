'use strict';

/**
 * Installs the project's dependencies exactly as locked (npm ci) when they are missing or
 * older than package-lock.json, so that `npm run quickstart` and `npm test` work on a
 * fresh clone with nothing but Node.js 20 and npm.
 */
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');

const upToDate = fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs;
if (!upToDate) {
  console.log('Installing dependencies (npm ci)...');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
