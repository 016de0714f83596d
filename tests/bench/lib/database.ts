import fs from 'fs';
import path from 'path';
import { Client } from 'pg';
import { DATA_VERSION, MARKER_TABLE } from '../data/generate';

export interface PreparedDatabase {
  env: Record<string, string>;
  /** Whether a complete data set of this scale and version is already there. */
  cached: boolean;
  description: string;
}

const adminUrl = () => process.env.BENCH_DATABASE_URL || process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const scaleTag = (scaleName: string) => scaleName.replace(/[^a-z0-9]+/gi, '_').toLowerCase();

/**
 * The data cache: one database per scale (`union_comms_bench_<scale>`), kept between runs.
 * A marker row (scale, data version) is written when generation completes; without it the
 * database is dropped and generated again.
 */
export const preparePostgres = async (scale: number, scaleName: string, regenerate: boolean): Promise<PreparedDatabase> => {
  const name = `union_comms_bench_${scaleTag(scaleName)}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  let cached = false;
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    if (exists && !regenerate) {
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      try {
        const table = await client.query('SELECT to_regclass($1) AS t', [MARKER_TABLE]);
        if (table.rows[0].t) {
          const row = (await client.query(`SELECT scale, version FROM ${MARKER_TABLE} LIMIT 1`)).rows[0] as { scale: number; version: number } | undefined;
          cached = !!row && Number(row.scale) === scale && Number(row.version) === DATA_VERSION;
        }
      } finally {
        await client.end();
      }
    }
    if (!cached) {
      if (exists) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    }
  } finally {
    await admin.end();
  }
  return {
    env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString() },
    cached,
    description: `PostgreSQL ${url.host}/${name}`,
  };
};

export const prepareSqlite = async (root: string, scale: number, scaleName: string, regenerate: boolean): Promise<PreparedDatabase> => {
  const dir = path.join(root, '.tmp', 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `union_comms_bench_${scaleTag(scaleName)}.db`);
  let cached = false;
  if (fs.existsSync(file) && !regenerate) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require('better-sqlite3') as (
      file: string,
      options: { readonly: boolean },
    ) => {
      prepare: (sql: string) => { get: () => unknown };
      close: () => void;
    };
    const db = Database(file, { readonly: true });
    try {
      const row = db.prepare(`SELECT scale, version FROM ${MARKER_TABLE} LIMIT 1`).get() as { scale: number; version: number } | undefined;
      cached = !!row && Number(row.scale) === scale && Number(row.version) === DATA_VERSION;
    } catch {
      cached = false;
    } finally {
      db.close();
    }
  }
  if (!cached) for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
  return { env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file }, cached, description: `SQLite ${path.relative(root, file)}` };
};
