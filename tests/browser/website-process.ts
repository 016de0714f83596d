import { spawn } from 'child_process';
import fs from 'fs';
import path from 'path';
import { ROOT } from '../helpers/strapi';

export const WEBSITE_DIR = path.join(ROOT, 'examples', 'website');

/** Debian's Chromium (apt-get install chromium); the tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

export type Website = { url: string; stop: () => Promise<void>; output: () => string };

/**
 * Starts the example website as its README says (`node server.js` in examples/website, its
 * package's `start` script), on a free port of 127.0.0.1, reading the CMS at `cmsUrl`. Resolves
 * with its URL once it prints the line it prints when listening.
 */
export const startWebsite = async (cmsUrl: string, timeoutMs = 15000): Promise<Website> => {
  const scripts = (JSON.parse(fs.readFileSync(path.join(WEBSITE_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [command, ...args] = scripts.start.split(' ');
  if (command !== 'node') throw new Error(`examples/website's start script is not "node …": ${scripts.start}`);
  const child = spawn(process.execPath, args, {
    cwd: WEBSITE_DIR,
    env: { PATH: process.env.PATH ?? '', CMS_URL: cmsUrl, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the website did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const check = () => {
      const match = /Example website on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the website exited (${code}) before listening:\n${output}`));
    });
  });

  return {
    url,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
};
