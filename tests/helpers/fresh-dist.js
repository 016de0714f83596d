'use strict';

/**
 * Jest globalSetup: the API tests boot the compiled app in dist/, so a run against dist/ older
 * than the TypeScript sources would test yesterday's code and pass or fail for the wrong reason.
 * Every source the root tsconfig.json compiles must have its output in dist/, at least as new.
 * (`npm test` builds first; `npx jest` on its own does not.)
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');

/** Source folders of the root tsconfig.json, with the folders it leaves out. */
const SOURCES = ['src', 'config', 'database', ...pluginServers()];
const EXCLUDED = new Set([path.join(ROOT, 'src', 'admin')]);

function pluginServers() {
  const plugins = path.join(ROOT, 'plugins');
  if (!fs.existsSync(plugins)) return [];
  return fs
    .readdirSync(plugins, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(plugins, entry.name, 'server')))
    .map((entry) => path.join('plugins', entry.name, 'server'));
}

function* compiledFiles(dir) {
  if (!fs.existsSync(dir) || EXCLUDED.has(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* compiledFiles(file);
    else if (/\.test\./.test(entry.name) || entry.name.endsWith('.d.ts')) continue;
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) yield file;
  }
}

/** Where tsc writes a source (rootDir is the repository, outDir dist/). */
const outputOf = (source) => path.join(DIST, path.relative(ROOT, source)).replace(/\.ts$/, '.js');

/** Everything the root tsconfig.json compiles: the source folders and each plugin's strapi-server.ts. */
const sources = () => [
  ...SOURCES.flatMap((folder) => [...compiledFiles(path.join(ROOT, folder))]),
  ...pluginServers()
    .map((server) => path.join(ROOT, path.dirname(server), 'strapi-server.ts'))
    .filter((file) => fs.existsSync(file)),
];

/** The first source whose compiled output is missing or older than it, if any. */
const staleSource = () => {
  for (const source of sources()) {
    const output = outputOf(source);
    if (!fs.existsSync(output) || fs.statSync(output).mtimeMs < fs.statSync(source).mtimeMs) return path.relative(ROOT, source);
  }
  return undefined;
};

module.exports = async () => {
  const stale = staleSource();
  if (stale) throw new Error(`dist/ is older than the sources: run npm run build:server (first stale source: ${stale})`);
};

module.exports.staleSource = staleSource;
