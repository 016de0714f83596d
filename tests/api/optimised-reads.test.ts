import type { Core } from '@strapi/strapi';
import { getOptimisedReads, type OptimisedReads } from '../../src/privacy/compiled-output';
import { createFullAccessToken } from '../helpers/content';
import { bootStrapi, http } from '../helpers/strapi';

/**
 * The optimised read path (src/privacy/compiled-output.ts, src/database/read-transactions.ts and
 * known-totals.ts) answers exactly what Strapi's own does: each request is sent twice over HTTP, with the optimisation switched on and off, and the
 * two parsed bodies must be equal (the status, too). No response cache, so both are computed.
 */

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let switchOf: OptimisedReads;
let fullAccess: string;
let storiesOnly: string;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi({ RESPONSE_CACHE_ENABLED: 'false', SYNDICATION_PUSH_ENABLED: 'false' }));
  const control = getOptimisedReads(strapi);
  if (!control) throw new Error('the optimised read path is not registered');
  switchOf = control;
  fullAccess = await createFullAccessToken(strapi);
  // A token that may read stories but none of the types they relate to: Strapi removes those relations.
  const token = await strapi.service('admin::api-token').create({
    name: `stories-only-${Math.random().toString(36).slice(2)}`,
    description: 'created by the API tests',
    type: 'custom',
    lifespan: null,
    permissions: ['api::story.story.find', 'api::story.story.findOne'],
  });
  storiesOnly = (token as { accessKey: string }).accessKey;
});
afterAll(async () => {
  switchOf?.setEnabled(true);
  await teardown();
});

type Answer = { status: number; body: unknown };

const answer = async (send: () => Promise<{ status: number; body: unknown }>, optimised: boolean): Promise<Answer> => {
  switchOf.setEnabled(optimised);
  try {
    const res = await send();
    return { status: res.status, body: res.body };
  } finally {
    switchOf.setEnabled(true);
  }
};

/** The same request answered by the optimised path and by Strapi's own. */
const both = async (send: () => Promise<{ status: number; body: unknown }>): Promise<{ optimised: Answer; strapiOwn: Answer }> => ({
  optimised: await answer(send, true),
  strapiOwn: await answer(send, false),
});

const REST_READS = [
  '/api/stories?locale=en&pagination[pageSize]=25&populate[0]=publisher&populate[1]=topics&sort=publishedAt:desc',
  '/api/stories?locale=en&pagination[pageSize]=100&populate[0]=publisher&populate[1]=topics&sort=publishedAt:desc',
  '/api/stories?populate=*',
  '/api/stories?locale=ru&populate[publisher][populate]=*&populate[topics][fields][0]=name',
  '/api/stories?locale=kk&fallback=true&populate[0]=publisher&populate[1]=cover',
  '/api/stories?locale=en&filters[publisher][slug][$eq]=fprk&populate[0]=publisher&populate[1]=topics&populate[2]=cover',
  '/api/stories?locale=en&filters[topics][slug][$in][0]=women&filters[topics][slug][$in][1]=youth&sort[0]=title:asc&populate=topics',
  '/api/stories?fields[0]=title&fields[1]=slug&populate[publisher][fields][0]=name&pagination[page]=2&pagination[pageSize]=2',
  '/api/stories?populate[events][populate][participations][populate][participant][populate][0]=organisation',
  '/api/events?populate[participations][populate]=*',
  '/api/events?populate[participations][populate][participant][populate][organisation][populate]=parent&populate[venue]=true&populate[cover]=true',
  '/api/events?locale=ru&populate=*',
  '/api/organisations?populate=*',
  '/api/organisations?locale=ru&populate[parent][populate]=parent&populate[logo]=true',
  '/api/topics?fields[0]=name&fields[1]=slug&sort=slug:desc',
  '/api/organisations?populate[children][populate]=logo&populate[parent][fields][0]=name',
  '/api/guides?populate=*',
  '/api/participants?populate=*',
  '/api/upload/files',
  // Totals: taken from a page that is not full (a slug, a last page, an offset past the first
  // row), counted for a full page and for an empty one past the end.
  '/api/stories?locale=en&filters[slug][$eq]=national-unions-discuss-modern-communication-in-turin&fields[0]=slug',
  '/api/stories?locale=en&filters[slug][$eq]=no-such-story&fields[0]=slug',
  '/api/stories?fields[0]=slug&pagination[page]=2&pagination[pageSize]=3&sort=slug:asc',
  '/api/stories?fields[0]=slug&pagination[page]=999&pagination[pageSize]=3',
  '/api/stories?fields[0]=slug&pagination[start]=2&pagination[limit]=3&sort=slug:asc',
  '/api/stories?fields[0]=slug&pagination[start]=1000&pagination[limit]=3',
  '/api/stories?fields[0]=slug&pagination[pageSize]=1',
  '/api/stories?fields[0]=slug&pagination[withCount]=false&pagination[pageSize]=2',
  '/api/organisations?fields[0]=slug&pagination[pageSize]=100',
  // Answers that are not 200s go through the same path (or none of it): they must not differ either.
  '/api/stories?locale=xx',
  '/api/stories?populate[nope]=true',
  '/api/stories/does-not-exist',
];

describe('optimised reads answer what Strapi answers', () => {
  it('has a read of each sample that finds something', async () => {
    const res = await http(strapi).get('/api/stories?populate[0]=publisher&populate[1]=topics');
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    expect(res.body.data.some((story: { publisher: unknown; topics: unknown[] }) => story.publisher && story.topics.length > 0)).toBe(true);
  });

  it('sanitizes a list with the compiled walk, handing no row to Strapi', async () => {
    const before = switchOf.stats();
    const url = '/api/stories?locale=en&pagination[pageSize]=25&populate[0]=publisher&populate[1]=topics&sort=publishedAt:desc';
    const res = await http(strapi).get(url);
    expect(res.status).toBe(200);
    const after = switchOf.stats();
    expect(after.compiled - before.compiled).toBe(res.body.data.length);
    expect(after.handedToStrapi).toBe(before.handedToStrapi);
  });

  it('reads a story by slug in fewer statements: no transaction, no count (the page holds its total)', async () => {
    const url = '/api/stories?locale=en&filters[slug][$eq]=national-unions-discuss-modern-communication-in-turin&populate[0]=publisher&populate[1]=topics';
    const statements = async (optimised: boolean): Promise<string[]> => {
      const seen: string[] = [];
      const listen = (query: { sql: string }) => seen.push(query.sql);
      strapi.db.connection.on('query', listen);
      try {
        const res = await answer(() => http(strapi).get(url), optimised);
        expect(res.status).toBe(200);
        expect((res.body as { meta: { pagination: { total: number } } }).meta.pagination.total).toBe(1);
      } finally {
        strapi.db.connection.removeListener('query', listen);
      }
      // Only the request's own statements (the background pollers' tables are not read by it).
      return seen.filter((sql) => !/syndication_|scheduler_|websub/i.test(sql));
    };
    const lean = await statements(true);
    const own = await statements(false);
    const counts = (list: string[]) => list.filter((sql) => /\bcount\(/i.test(sql)).length;
    const transactions = (list: string[]) => list.filter((sql) => /^(begin|commit)\b/i.test(sql.trim())).length;
    expect(counts(own)).toBe(1);
    expect(transactions(own)).toBeGreaterThanOrEqual(4);
    expect(counts(lean)).toBe(0);
    expect(transactions(lean)).toBe(0);
    expect(lean.length).toBeLessThan(own.length);
  });

  it.each(REST_READS)('REST, public: %s', async (url) => {
    const { optimised, strapiOwn } = await both(() => http(strapi).get(url));
    expect(optimised).toEqual(strapiOwn);
  });

  it('REST story by slug, and by document id', async () => {
    const bySlug = await both(() =>
      http(strapi).get(
        '/api/stories?filters[slug][$eq]=national-unions-discuss-modern-communication-in-turin&populate[0]=publisher&populate[1]=topics&populate[2]=cover',
      ),
    );
    expect(bySlug.optimised).toEqual(bySlug.strapiOwn);
    const [story] = (bySlug.strapiOwn.body as { data: Array<{ documentId: string }> }).data;
    expect(story).toBeDefined();
    const byId = await both(() => http(strapi).get(`/api/stories/${story.documentId}?populate=*`));
    expect(byId.optimised.status).toBe(200);
    expect(byId.optimised).toEqual(byId.strapiOwn);
  });

  it.each(['/api/stories?populate=*', '/api/events?populate[participations][populate]=*', '/api/organisations?populate=*&locale=ru'])(
    'REST with a full-access token: %s',
    async (url) => {
      const { optimised, strapiOwn } = await both(() => http(strapi).get(url).set('Authorization', `Bearer ${fullAccess}`));
      expect(optimised.status).toBe(200);
      expect(optimised).toEqual(strapiOwn);
    },
  );

  it('REST with a token that may not read the related types: the relations are removed alike', async () => {
    const url = '/api/stories?populate[0]=publisher&populate[1]=topics&populate[2]=cover';
    const { optimised, strapiOwn } = await both(() => http(strapi).get(url).set('Authorization', `Bearer ${storiesOnly}`));
    expect(optimised).toEqual(strapiOwn);
    const [first] = (optimised.body as { data: Array<Record<string, unknown>> }).data;
    expect(first).toBeDefined();
    expect('publisher' in first).toBe(false);
    expect('topics' in first).toBe(false);
  });

  it.each([
    '{ stories(locale: "en", sort: "publishedAt:desc", pagination: { pageSize: 25 }) { documentId title slug publishedAt publisher { name slug } topics { name slug } cover { url } } }',
    '{ stories_connection(locale: "ru") { nodes { title publisher { name parent { name } } topics(sort: "name") { name } } pageInfo { total pageCount } } }',
    '{ events { title venue { city country } participations { role participant { fullName organisation { name } } } organisers { name } } }',
    '{ organisations(locale: "ru") { name parent { name } children { name logo { url } } } }',
    '{ stories(filters: { publisher: { slug: { eq: "fprk" } } }) { slug topics(filters: { slug: { in: ["women", "youth"] } }) { slug } } }',
  ])('GraphQL, public: %s', async (query) => {
    const { optimised, strapiOwn } = await both(() => http(strapi).post('/graphql').set('Content-Type', 'application/json').send({ query }));
    expect(optimised.status).toBe(200);
    expect((optimised.body as { errors?: unknown }).errors).toBeUndefined();
    expect(optimised).toEqual(strapiOwn);
  });
});
