import type { AddressInfo } from 'net';
import { Client } from 'pg';
import type { Core } from '@strapi/strapi';
import { createFullAccessToken } from '../helpers/content';
import { bootStrapi } from '../helpers/strapi';
import { waitFor } from '../helpers/wait';

// One read computed at a time, twenty waiting at most (src/middlewares/admission.ts).
let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let base: string;
let token: string;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi({ API_READ_CONCURRENCY: '1', API_READ_QUEUE: '20' }));
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  token = await createFullAccessToken(strapi);
});
afterAll(async () => teardown());

/** With a token: the response cache never answers it, every read is computed. */
const read = (path: string) => fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });

describe('reads wait their turn', () => {
  it('answers every read of a burst, in full, as it answers them one by one', async () => {
    const paths = ['/api/stories?locale=en&sort=slug:asc', '/api/organisations?locale=en&sort=slug:asc', '/api/events?sort=slug:asc'];
    const alone: string[] = [];
    for (const path of paths) alone.push(await (await read(path)).text());
    // Fifteen at once, computed one at a time in arrival order (with a token: none from the cache).
    const burst = await Promise.all(Array.from({ length: 15 }, (_, n) => read(paths[n % paths.length])));
    expect(burst.map((response) => response.status)).toEqual(Array(15).fill(200));
    const texts = await Promise.all(burst.map((response) => response.text()));
    texts.forEach((text, n) => expect(JSON.parse(text)).toEqual(JSON.parse(alone[n % paths.length])));
  });

  it('leaves what is not a content-API read out of the line', async () => {
    const health = await fetch(`${base}/_health`);
    expect(health.status).toBe(204);
  });
});

// Holding a read in the database, to fill the line on purpose, takes a second connection's lock:
// PostgreSQL only (better-sqlite3 waits synchronously, blocking the whole process).
const declareOnPostgres = (declare: () => void) => {
  if (process.env.DATABASE_CLIENT === 'postgres') declare();
};

declareOnPostgres(() =>
  describe('a full line', () => {
    it('refuses a read past the line with a 503 in Strapi’s error shape and Retry-After, and answers the others once the first is done', async () => {
      const locker = new Client({ connectionString: process.env.DATABASE_URL });
      await locker.connect();
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE organisations IN ACCESS EXCLUSIVE MODE');
        const first = read('/api/organisations?locale=en');
        // The first read holds the one place, waiting for the lock.
        await waitFor('the first read to wait for the lock', async () => {
          const { rows } = await locker.query(
            "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
          );
          return rows[0].waiting > 0;
        });
        // Twenty of the next twenty-one take the places in line, one is refused at once.
        const next = Array.from({ length: 21 }, (_, n) => read(`/api/organisations?locale=${['en', 'ru', 'kk'][n % 3]}&pagination[page]=${n + 1}`));
        const refused = await Promise.race(next);
        expect(refused.status).toBe(503);
        expect(refused.headers.get('retry-after')).toBe('1');
        expect(await refused.json()).toEqual({
          data: null,
          error: { status: 503, name: 'ServiceUnavailableError', message: 'The server is busy: try again in a moment', details: {} },
        });
        await locker.query('COMMIT');
        const answered = await Promise.all([first, ...next]);
        const statuses = answered.map((response) => response.status);
        expect(statuses.filter((status) => status === 200)).toHaveLength(21);
        expect(statuses.filter((status) => status === 503)).toHaveLength(1);
        // Nothing is left holding a place: the next read is computed at once.
        expect((await read('/api/organisations?locale=en')).status).toBe(200);
      } finally {
        await locker.query('ROLLBACK').catch(() => undefined);
        await locker.end();
      }
    });
  }),
);
