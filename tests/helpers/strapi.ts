import { randomBytes } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Client } from 'pg';
import { createStrapi, type Core } from '@strapi/strapi';
import request from 'supertest';
import { throwawaySecrets } from './secrets';
import type { ControlService } from '../../plugins/public-cache/server/src/services/control';

export const ROOT = path.resolve(__dirname, '..', '..');

type Booted = { strapi: Core.Strapi; teardown: () => Promise<void> };

/** A PostgreSQL server for tests: DATABASE_URL's server, or the local default. */
const adminUrl = () => process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates a fresh database for one test file and returns its name. */
const createPostgresDatabase = async (): Promise<{ name: string; drop: () => Promise<void> }> => {
  const name = `uc_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return {
    name,
    drop: async () => {
      const dropper = new Client({ connectionString: adminUrl() });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
};

/** Points the app at a database of its own (a temporary SQLite file, or a new PostgreSQL database). */
export const prepareDatabase = async (): Promise<() => Promise<void>> => {
  if (process.env.DATABASE_CLIENT === 'postgres') {
    const database = await createPostgresDatabase();
    const url = new URL(adminUrl());
    url.pathname = `/${database.name}`;
    process.env.DATABASE_URL = url.toString();
    return database.drop;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-comms-test-'));
  process.env.DATABASE_CLIENT = 'sqlite';
  process.env.DATABASE_FILENAME = path.join(dir, 'data.db');
  return async () => fs.rmSync(dir, { recursive: true, force: true });
};

/** Secrets and settings every test app gets; nothing here is a real secret. */
export const applyTestEnvironment = (extra: Record<string, string> = {}): void => {
  Object.assign(process.env, {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    ...throwawaySecrets(),
    PUBLIC_URL: 'http://cms.test',
    SEED_DEMO_CONTENT: 'true',
    ...extra,
  });
};

/**
 * Boots the compiled app (dist/, built by `npm run build:server`) once for a test file, on a
 * database of its own, with the demo content loaded. Tests talk to it over HTTP.
 */
export const bootStrapi = async (extraEnv: Record<string, string> = {}): Promise<Booted> => {
  applyTestEnvironment(extraEnv);
  const dropDatabase = await prepareDatabase();
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') }).load();
  await strapi.server.mount();
  return {
    strapi,
    teardown: async () => {
      await strapi.destroy();
      await dropDatabase();
    },
  };
};

/** An HTTP client for the booted app, as a website or a partner would use it. */
export const http = (strapi: Core.Strapi) => request(strapi.server.httpServer);

/** The public-cache plugin's response cache (on, off, cleared, counted); undefined when the plugin is disabled. */
export const responseCache = (strapi: Core.Strapi): ControlService | undefined =>
  strapi.plugin('public-cache') ? (strapi.plugin('public-cache').service('control') as ControlService) : undefined;
