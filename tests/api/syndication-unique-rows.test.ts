import type { Core } from '@strapi/strapi';
import { adminToken } from '../helpers/admin';
import { createFeedPartner, FEED_TEST_ENV } from '../helpers/feed-server';
import { bootStrapi } from '../helpers/strapi';
import { startWorker, stopWorker, type Worker } from '../helpers/syndication-processes';

/**
 * One feed state (and one WebSub lease) per partner is a rule of the database, not only of the
 * app: two processes that notice a new partner at once must not both create its state, or both
 * poll its feed. A database from before the rule, with such twins, is cleaned when it upgrades.
 */
let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;
const workers: Worker[] = [];
const FEED_STATE = 'plugin::syndication.feed-state';
const WEBSUB_LEASE = 'plugin::syndication.websub-lease';
const FEED_INDEX = 'syndication_feed_states_partner_uq';

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi(FEED_TEST_ENV));
  token = await adminToken(strapi);
});
afterAll(async () => {
  await Promise.all(workers.map(stopWorker));
  await teardown();
});

const feedState = (partnerId: number) => ({ partnerId, feedUrl: null, nextPollAt: Date.now() + 3_600_000, failureCount: 0 });
const lease = (partnerId: number, callbackId: string) => ({
  partnerId,
  feedUrl: 'https://partner.example/feed.atom',
  topic: 'https://partner.example/feed.atom',
  advertisedHub: 'https://hub.example/',
  hub: 'https://hub.example/',
  callbackId,
  state: 'requested',
  nextActionAt: Date.now() + 3_600_000,
  failureCount: 0,
});

/**
 * The database's answer to an insert: its error message, or null when it took the row. (Not
 * `rejects.toThrow()`: the driver's error class can come from another test file's module
 * registry in the same Jest worker, and `toThrow` then reports that nothing was thrown.)
 */
const refusal = (insert: Promise<unknown>): Promise<string | null> =>
  insert.then(
    () => null,
    (error: unknown) => String((error as { message?: unknown } | null)?.message ?? error),
  );
const UNIQUE_REFUSAL = /unique/i;

it('refuses a second feed state for a partner', async () => {
  const partnerId = await createFeedPartner(strapi, token, 'One state only', 'https://partner.example/feed.atom', { enabled: false });
  await strapi.db.query(FEED_STATE).create({ data: feedState(partnerId) });
  expect(await refusal(strapi.db.query(FEED_STATE).create({ data: feedState(partnerId) }))).toMatch(UNIQUE_REFUSAL);
  expect(await strapi.db.query(FEED_STATE).count({ where: { partnerId } })).toBe(1);
});

it('refuses a second WebSub lease for a partner, and a callback id twice', async () => {
  await strapi.db.query(WEBSUB_LEASE).create({ data: lease(900_001, 'callback-a') });
  expect(await refusal(strapi.db.query(WEBSUB_LEASE).create({ data: lease(900_001, 'callback-b') }))).toMatch(UNIQUE_REFUSAL);
  expect(await refusal(strapi.db.query(WEBSUB_LEASE).create({ data: lease(900_002, 'callback-a') }))).toMatch(UNIQUE_REFUSAL);
  expect(await strapi.db.query(WEBSUB_LEASE).count({ where: { $or: [{ partnerId: 900_001 }, { partnerId: 900_002 }] } })).toBe(1);
});

const declareOnPostgres = (declare: () => void) => {
  if (process.env.DATABASE_CLIENT === 'postgres') declare();
};

declareOnPostgres(() =>
  it('an upgrade removes the twins a database from before the rule has, keeping the oldest, then adds the rule', async () => {
    const knex = strapi.db.connection;
    // The database as it was: no index, and not in the schema Strapi stored.
    await knex.raw(`ALTER TABLE syndication_feed_states DROP CONSTRAINT ${FEED_INDEX}`);
    const [stored] = (await knex('strapi_database_schema').select('id', 'schema')) as Array<{ id: number; schema: unknown }>;
    const schema = (typeof stored.schema === 'string' ? JSON.parse(stored.schema) : stored.schema) as {
      tables: Array<{ name: string; indexes: Array<{ name: string }> }>;
    };
    const table = schema.tables.find((candidate) => candidate.name === 'syndication_feed_states');
    expect(table?.indexes.map((index) => index.name)).toContain(FEED_INDEX);
    table!.indexes = table!.indexes.filter((index) => index.name !== FEED_INDEX);
    await knex('strapi_database_schema')
      .where('id', stored.id)
      .update({ schema: JSON.stringify(schema), hash: 'before-the-unique-index' });

    const twice = await createFeedPartner(strapi, token, 'Twice', 'https://partner.example/twice.atom', { enabled: false });
    const thrice = await createFeedPartner(strapi, token, 'Thrice', 'https://partner.example/thrice.atom', { enabled: false });
    const created: Record<number, number[]> = { [twice]: [], [thrice]: [] };
    for (const partnerId of [twice, thrice, twice, thrice, thrice]) {
      created[partnerId].push(((await strapi.db.query(FEED_STATE).create({ data: feedState(partnerId) })) as { id: number }).id);
    }

    // A second server process boots on it (the upgrade).
    workers.push(await startWorker({ ...FEED_TEST_ENV, SYNDICATION_PUSH_ENABLED: 'false' }));

    for (const partnerId of [twice, thrice]) {
      const rows = (await strapi.db.query(FEED_STATE).findMany({ where: { partnerId }, select: ['id'] })) as Array<{ id: number }>;
      expect(rows.map((row) => row.id)).toEqual([Math.min(...created[partnerId])]);
    }
    const indexes = (await knex('pg_indexes').where({ tablename: 'syndication_feed_states', indexname: FEED_INDEX }).select('indexdef')) as Array<{
      indexdef: string;
    }>;
    expect(indexes).toHaveLength(1);
    expect(indexes[0].indexdef).toMatch(/^CREATE UNIQUE INDEX/);
    expect(await refusal(strapi.db.query(FEED_STATE).create({ data: feedState(twice) }))).toMatch(UNIQUE_REFUSAL);
  }),
);
