import type { Core } from '@strapi/strapi';
import { bootStrapi, http } from '../helpers/strapi';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
});
afterAll(async () => teardown());

/** Index names on a table, as the database itself reports them. */
const indexesOf = async (table: string): Promise<string[]> => {
  const connection = strapi.db.connection;
  if (strapi.db.dialect.client === 'postgres') {
    const result = await connection.raw('select indexname as name from pg_indexes where tablename = ?', [table]);
    return result.rows.map((row: { name: string }) => row.name);
  }
  const rows = await connection.raw("select name from sqlite_master where type = 'index' and tbl_name = ?", [table]);
  return rows.map((row: { name: string }) => row.name);
};

it.each([
  ['stories', ['stories_slug_locale_idx', 'stories_locale_published_at_idx', 'stories_updated_at_idx']],
  ['events', ['events_slug_locale_idx', 'events_locale_starts_at_idx', 'events_updated_at_idx']],
  ['guides', ['guides_slug_locale_idx', 'guides_locale_publication_date_idx', 'guides_updated_at_idx']],
  ['organisations', ['organisations_slug_locale_idx']],
  ['topics', ['topics_slug_locale_idx']],
])('the %s table has the indexes its list, feed and updatedAt (changed-since) queries use', async (table, expected) => {
  expect(await indexesOf(table)).toEqual(expect.arrayContaining(expected));
});

it('the health endpoint answers for load balancers', async () => {
  await http(strapi).get('/_health').expect(204);
});
