import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { STORY } from '../../src/domain/uids';
import { bootStrapi, http } from '../helpers/strapi';

/**
 * The content revision behind every public cache (plugins/public-cache, utils/revision): a
 * counter that triggers move at every committed write of a table public answers show, whoever
 * writes. Here the writes bypass Strapi (raw SQL, as another instance or a script would), so
 * only the database can have seen them.
 */

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
});
afterAll(async () => teardown());

const isPostgres = () => strapi.db.dialect.client === 'postgres';
type Memo = { invalidate(): void; current(): Promise<string> };
const memo = () => (strapi.plugin('public-cache').service('fingerprint') as { memo(): Memo }).memo();

/** The revision as a reader finds it now (the process's memo bypassed). */
const revision = async (): Promise<string> => {
  memo().invalidate();
  return memo().current();
};

const storyTable = () => strapi.db.metadata.get(STORY).tableName;
let serial = 0;
const storyRow = (published: boolean, updatedAt = new Date()) => {
  serial += 1;
  return {
    document_id: `revision${serial}${Date.now().toString(36)}`,
    locale: 'en',
    title: `Revision test ${serial}`,
    slug: `revision-test-${serial}`,
    created_at: updatedAt,
    updated_at: updatedAt,
    published_at: published ? updatedAt : null,
  };
};

const insertStory = async (db: Knex | Knex.Transaction, published: boolean, updatedAt?: Date): Promise<number> => {
  const [row] = (await db(storyTable()).insert(storyRow(published, updatedAt)).returning('id')) as Array<{ id: number } | number>;
  return typeof row === 'number' ? row : row.id;
};

it('moves when a published row is written, and not when only a draft is', async () => {
  const start = await revision();
  const draft = await insertStory(strapi.db.connection, false);
  await strapi.db.connection(storyTable()).where({ id: draft }).update({ title: 'Draft edited' });
  expect(await revision()).toBe(start);

  const published = await insertStory(strapi.db.connection, true);
  const inserted = await revision();
  expect(inserted).not.toBe(start);

  await strapi.db.connection(storyTable()).where({ id: published }).update({ title: 'Published edited' });
  const updated = await revision();
  expect(updated).not.toBe(inserted);

  await strapi.db.connection(storyTable()).where({ id: published }).delete();
  const deleted = await revision();
  expect(deleted).not.toBe(updated);

  await strapi.db.connection(storyTable()).where({ id: draft }).delete();
  expect(await revision()).toBe(deleted);
});

it('moves when a permission of the Public role changes', async () => {
  const table = strapi.db.metadata.get('plugin::users-permissions.permission').tableName;
  const before = await revision();
  const row = (await strapi.db.connection(table).first('id', 'action')) as { id: number; action: string };
  await strapi.db.connection(table).where({ id: row.id }).update({ updated_at: new Date() });
  expect(await revision()).not.toBe(before);
});

it('turns a public answer kept before a raw write into a miss', async () => {
  const url = '/api/stories?locale=en&fields[0]=title&filters[slug][$startsWith]=revision-cached';
  const row = { ...storyRow(true), slug: 'revision-cached-1', title: 'Kept before' };
  await strapi.db.connection(storyTable()).insert(row);
  memo().invalidate();
  expect((await http(strapi).get(url)).body.data.map((story: { title: string }) => story.title)).toEqual(['Kept before']);
  expect((await http(strapi).get(url)).headers['x-cache']).toBe('HIT');

  await strapi.db.connection(storyTable()).where({ slug: 'revision-cached-1' }).update({ title: 'Written past Strapi' });
  // The memo's TTL bounds how soon a process reads the revision again; a reader after it sees the change.
  memo().invalidate();
  const after = await http(strapi).get(url);
  expect(after.headers['x-cache']).toBe('MISS');
  expect(after.body.data.map((story: { title: string }) => story.title)).toEqual(['Written past Strapi']);
});

it('installs again over what it installed (every boot does), and puts back a trigger that went missing', async () => {
  // What the plugin's bootstrap runs: the same function, in the same database.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { installRevision } = require('../../plugins/public-cache/dist/server/utils/revision') as {
    installRevision: (strapi: Core.Strapi, sources: Array<{ table: string; publishedAt?: string }>) => Promise<void>;
  };
  const sources = [{ table: storyTable(), publishedAt: 'published_at' }];
  const triggerCount = async (): Promise<number> => {
    if (isPostgres()) {
      const result = await strapi.db.connection.raw(
        "select count(*)::int as n from pg_trigger t join pg_class c on c.oid = t.tgrelid where c.relname = ? and t.tgname like 'public_cache_%'",
        [storyTable()],
      );
      return result.rows[0].n;
    }
    const rows = await strapi.db.connection.raw(
      "select count(*) as n from sqlite_master where type = 'trigger' and tbl_name = ? and name like 'public_cache_%'",
      [storyTable()],
    );
    return Number(rows[0].n);
  };
  expect(await triggerCount()).toBe(3);
  if (isPostgres()) await strapi.db.connection.raw(`drop trigger public_cache_v1_insert on "${storyTable()}"`);
  else await strapi.db.connection.raw(`drop trigger "public_cache_v1_${storyTable()}_insert"`);
  expect(await triggerCount()).toBe(2);

  await installRevision(strapi, sources);
  await installRevision(strapi, sources);
  expect(await triggerCount()).toBe(3);
  const before = await revision();
  await insertStory(strapi.db.connection, true);
  expect(await revision()).not.toBe(before);
});

// SQLite has one writer at a time: there, transactions cannot overlap.
const inParallel = () =>
  describe('on PostgreSQL, with writers in parallel', () => {
    it('moves once per transaction, when it commits', async () => {
      const before = await revision();
      const trx = await strapi.db.connection.transaction();
      try {
        await insertStory(trx, true);
        await insertStory(trx, true);
        await insertStory(trx, true);
        // Another connection does not see the uncommitted rows, nor a moved revision.
        expect(await revision()).toBe(before);
        await trx.commit();
      } finally {
        if (!trx.isCompleted()) await trx.rollback();
      }
      expect(Number(await revision()) - Number(before)).toBe(1);
    });

    it('lets a writer commit while another is still open, and the later commit moves it again', async () => {
      const knex = strapi.db.connection;
      const table = storyTable();
      // The shape that an aggregate of the rows (count, highest id, latest updated_at) cannot see:
      // T1 republishes (its new row gets the lower id and the earlier updated_at), T2 publishes
      // a new story and commits first, a reader reads, then T1 replaces a published row and commits.
      const replaced = await insertStory(knex, true, new Date(Date.now() - 60_000));
      const aggregate = async () =>
        knex(table).whereNotNull('published_at').first(knex.raw('count(*)::int as n'), knex.raw('max(id) as id'), knex.raw('max(updated_at) as at'));

      const t1 = await knex.transaction();
      const t2 = await knex.transaction();
      try {
        await insertStory(t1, true, new Date(Date.now() - 1_000));
        // Never wait: a writer blocked by another's open transaction fails here instead.
        await t2.raw("SET LOCAL lock_timeout = '5s'");
        await insertStory(t2, true);
        await t2.commit();

        const between = await revision();
        const aggregateBetween = await aggregate();
        await t1(table).where({ id: replaced }).delete();
        await t1.commit();

        expect(await aggregate()).toEqual(aggregateBetween);
        expect(await revision()).not.toBe(between);
      } finally {
        for (const trx of [t1, t2]) if (!trx.isCompleted()) await trx.rollback();
      }
    });
  });

if (process.env.DATABASE_CLIENT === 'postgres') inParallel();
