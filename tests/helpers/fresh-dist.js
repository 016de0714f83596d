'use strict';

/**
 * Jest globalSetup: the API tests boot the compiled app and plugins, so a run against output
 * older than the TypeScript sources would test yesterday's code and pass or fail for the wrong
 * reason. Every source of every build unit must have its output, at least as new:
 * the app (config, src, database → dist/), @union-comms/kit (packages/kit/src → packages/kit/dist)
 * and each plugin (plugins/<id>/server/src → plugins/<id>/dist/server).
 * (`npm test` builds first; `npx jest` on its own does not.)
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');

/** Each build unit: its source folders, where tsc writes them, and the folders it leaves out. */
function units() {
  const app = ['src', 'config', 'database'].map((folder) => ({ source: folder, output: path.join('dist', folder), buildInfo: 'dist/.tsbuildinfo' }));
  const kit = [{ source: 'packages/kit/src', output: 'packages/kit/dist', buildInfo: 'packages/kit/dist/.tsbuildinfo' }];
  const pluginsDir = path.join(ROOT, 'plugins');
  const plugins = fs.existsSync(pluginsDir)
    ? fs
        .readdirSync(pluginsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(pluginsDir, entry.name, 'server', 'src')))
        .map((entry) => {
          const output = path.join('plugins', entry.name, 'dist', 'server');
          return { source: path.join('plugins', entry.name, 'server', 'src'), output, buildInfo: path.join(output, '.tsbuildinfo') };
        })
    : [];
  return [...app, ...kit, ...plugins];
}

const EXCLUDED = new Set([path.join(ROOT, 'src', 'admin')]);

function* compiledFiles(dir) {
  if (!fs.existsSync(dir) || EXCLUDED.has(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* compiledFiles(file);
    else if (/\.test\./.test(entry.name) || entry.name.endsWith('.d.ts')) continue;
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) yield file;
  }
}

const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : -Infinity);

/**
 * The first source whose compiled output is missing or older than it, if any. A source touched
 * without a change is not re-emitted by `tsc -b`, which records in the unit's .tsbuildinfo that
 * it checked it: a build info newer than the source counts as fresh too.
 */
const staleSource = () => {
  for (const { source, output, buildInfo } of units()) {
    const checked = mtime(path.join(ROOT, buildInfo));
    for (const file of compiledFiles(path.join(ROOT, source))) {
      const compiled = path.join(ROOT, output, path.relative(path.join(ROOT, source), file)).replace(/\.ts$/, '.js');
      const changed = fs.statSync(file).mtimeMs;
      if (!fs.existsSync(compiled) || (mtime(compiled) < changed && checked < changed)) return path.relative(ROOT, file);
    }
  }
  return undefined;
};

module.exports = async () => {
  const stale = staleSource();
  if (stale) throw new Error(`compiled output is older than the sources: run npm run build:server (first stale source: ${stale})`);
};

module.exports.staleSource = staleSource;
