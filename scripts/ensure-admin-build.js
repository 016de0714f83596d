'use strict';

/**
 * Builds the admin panel (NODE_ENV=production strapi build, into dist/build) when it is missing
 * or older than its sources, so that `npm test` on a fresh clone runs the admin panel's browser
 * tests (tests/browser) against the production build, as an editor would use it. A build that is
 * up to date (CI builds before it tests) is left alone. Only the SQLite run has browser tests.
 */
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const built = path.join(root, 'dist', 'build', 'index.html');

/** Newest modification time of the files under dir (0 when it does not exist). */
const newest = (dir) => {
  if (!fs.existsSync(dir)) return 0;
  const stat = fs.statSync(dir);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(dir).reduce((latest, name) => Math.max(latest, newest(path.join(dir, name))), 0);
};

const sources = [
  path.join(root, 'package-lock.json'),
  path.join(root, 'src', 'admin'),
  ...fs.readdirSync(path.join(root, 'plugins')).flatMap((id) => [path.join(root, 'plugins', id, 'admin'), path.join(root, 'plugins', id, 'package.json')]),
];

const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
const stale = sources.find((source) => newest(source) > builtAt);
if (stale) {
  console.log(`Building the admin panel for the browser tests (${builtAt ? `${path.relative(root, stale)} changed` : 'no build yet'})...`);
  execSync('npx strapi build', { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
