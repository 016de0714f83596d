'use strict';

/**
 * One command from a fresh clone to a running CMS on SQLite with the demo content:
 * installs dependencies, writes a local .env with fresh secrets, builds the admin panel
 * and the server, then starts Strapi (which loads the demo content on first start) and
 * prints where the admin panel and the API are.
 */
const { execSync, spawn } = require('child_process');
const http = require('http');
const path = require('path');

const root = path.resolve(__dirname, '..');
require('./ensure-deps');
const { ensureEnvFile } = require('./env-file');
if (ensureEnvFile()) console.log('Created .env with fresh secrets, the demo content on (SQLite database in .tmp/).');

console.log('Building the kit, the plugins, the server and the admin panel (npm run build)...');
execSync('npm run build', { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });

require('dotenv').config({ path: path.join(root, '.env') });
const port = Number(process.env.PORT || 1337);
const base = process.env.PUBLIC_URL || `http://localhost:${port}`;

// npm start: Strapi with the heap the app is sized for (package.json, NODE_MAX_OLD_SPACE_MB from .env).
const server = spawn('npm', ['start'], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));

const announce = () => {
  console.log(
    [
      '',
      'union-comms is up, with the demo content:',
      `  Admin panel  ${base}/admin   (first visit: create the administrator, or set ADMIN_EMAIL/ADMIN_PASSWORD in .env)`,
      `  REST API     ${base}/api/stories?locale=ru`,
      `  GraphQL      ${base}/graphql`,
      `  Feeds        ${base}/api/syndication/feeds/stories.rss`,
      `  Calendar     ${base}/api/calendar/events.ics`,
      'Stop with Ctrl+C.',
      '',
    ].join('\n'),
  );
};

const waitForHealth = (attempt = 0) => {
  const request = http.get({ host: '127.0.0.1', port, path: '/_health', timeout: 2000 }, (res) => {
    res.resume();
    if (res.statusCode === 204 || res.statusCode === 200) announce();
    else setTimeout(() => waitForHealth(attempt + 1), 1000);
  });
  request.on('error', () => attempt < 300 && setTimeout(() => waitForHealth(attempt + 1), 1000));
};
waitForHealth();
