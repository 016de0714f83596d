import { fork, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import fs from 'fs';
import net, { type AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import { Client } from 'pg';
import request from 'supertest';
import { throwawaySecrets } from './secrets';
import { PUSH_TEST_ENV } from './syndication-push';

/**
 * Whole installations of union-comms for the tests that connect two of them: each its own
 * server process (tests/helpers/syndication-installation.js), its own database (a SQLite file or
 * a PostgreSQL database, as DATABASE_CLIENT says), its own secrets and its own PUBLIC_URL.
 */

const adminUrl = () => process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Installation {
  name: string;
  port: number;
  url: string;
  env: Record<string, string>;
  child: ChildProcess | null;
  exited: Promise<void>;
  token: string;
  /** An HTTP client of this installation, as the admin panel or a website would use it. */
  http: () => ReturnType<typeof request>;
  drop: () => Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

const database = async (): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> => {
  if (process.env.DATABASE_CLIENT === 'postgres') {
    const name = `uc_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const client = new Client({ connectionString: adminUrl() });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(adminUrl());
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString() },
      drop: async () => {
        const dropper = new Client({ connectionString: adminUrl() });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropper.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-comms-installation-'));
  return {
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
};

const ADMIN_PASSWORD = 'Installation-password-1';

/** Starts (or restarts) the installation's process and waits until it serves. */
export const startProcess = (installation: Installation, timeoutMs = 120000): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'syndication-installation.js'), [], {
      env: { ...process.env, ...installation.env },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    installation.child = child;
    installation.exited = new Promise<void>((done) => child.once('exit', () => done()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${installation.name} did not start in ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${installation.name} exited (${code ?? signal}) before it was ready: ${stderr}`));
    });
  });

/** A new installation on a database of its own, started, with its administrator signed in. */
export const startInstallation = async (name: string, extraEnv: Record<string, string> = {}): Promise<Installation> => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const db = await database();
  const email = `admin-${name.toLowerCase()}@example.org`;
  const installation: Installation = {
    name,
    port,
    url,
    env: {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      SEED_DEMO_CONTENT: 'true',
      ...throwawaySecrets(),
      ...PUSH_TEST_ENV,
      ...db.env,
      INSTALLATION_ADMIN_EMAIL: email,
      INSTALLATION_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ...extraEnv,
    },
    child: null,
    exited: Promise.resolve(),
    token: '',
    http: () => request(url),
    drop: db.drop,
  };
  await startProcess(installation);
  const login = await installation.http().post('/admin/login').send({ email, password: ADMIN_PASSWORD });
  if (login.status !== 200) throw new Error(`${name}: admin login failed: ${login.status} ${JSON.stringify(login.body)}`);
  installation.token = (login.body as { data: { token: string } }).data.token;
  return installation;
};

export const stopInstallation = async (installation: Installation): Promise<void> => {
  const { child } = installation;
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await installation.exited;
};
