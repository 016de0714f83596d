import { spawn } from 'child_process';
import path from 'path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { throwawaySecrets } from '../helpers/secrets';
import { prepareDatabase, ROOT } from '../helpers/strapi';

/**
 * `npm run seed` as a user runs it, as a process of its own, on a fresh database (SQLite, or a
 * new PostgreSQL database with DATABASE_CLIENT=postgres): it must load the demo content, shut
 * down cleanly and exit 0, the first time and the second. Node runs it with --throw-deprecation:
 * pg's warning about queries issued in parallel on one connection is a failure here.
 */

let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  dropDatabase = await prepareDatabase();
});
afterAll(async () => dropDatabase());

const runSeed = (): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--throw-deprecation', path.join(ROOT, 'scripts', 'seed.js')], {
      cwd: ROOT,
      env: { ...process.env, ...throwawaySecrets(), NODE_ENV: 'development', SEED_DEMO_CONTENT: 'false', STRAPI_TELEMETRY_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });

/** Published stories per locale, read straight from the database the command wrote to. */
const publishedStories = async (): Promise<Record<string, number>> => {
  const sql = 'SELECT locale, COUNT(*) AS n FROM stories WHERE published_at IS NOT NULL GROUP BY locale ORDER BY locale';
  let rows: Array<{ locale: string; n: number | string }>;
  if (process.env.DATABASE_CLIENT === 'postgres') {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    rows = (await client.query(sql)).rows;
    await client.end();
  } else {
    const db = new Database(process.env.DATABASE_FILENAME as string, { readonly: true });
    rows = db.prepare(sql).all() as typeof rows;
    db.close();
  }
  return Object.fromEntries(rows.map((row) => [row.locale, Number(row.n)]));
};

it('loads the demo content into a fresh database and exits 0, then finds nothing to do and exits 0 again', async () => {
  const first = await runSeed();
  expect(first.output).toMatch(/Demo content: 38 documents created, 8 published\./);
  expect(first.output).not.toMatch(/KnexTimeoutError|DeprecationWarning|Error:/);
  expect(first.code).toBe(0);
  expect(await publishedStories()).toEqual({ en: 1, ru: 1 });

  const second = await runSeed();
  expect(second.output).toMatch(/Demo content: 0 documents created, 0 published\./);
  expect(second.code).toBe(0);
  expect(await publishedStories()).toEqual({ en: 1, ru: 1 });
});
