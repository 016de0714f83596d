import type { Core } from '@strapi/strapi';
import { adminJwt } from '../helpers/admin';
import { createFullAccessToken } from '../helpers/content';
import { bootStrapi, http } from '../helpers/strapi';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
  token = await createFullAccessToken(strapi);
});
afterAll(async () => teardown());

/** Strapi's error shape, with a status and a message a person can act on. */
const expectStrapiError = (body: { data?: unknown; error?: Record<string, unknown> }, status: number, message?: RegExp) => {
  expect(body.data).toBeNull();
  expect(body.error).toEqual(expect.objectContaining({ status, name: expect.any(String), message: expect.any(String) }));
  expect(body.error).toHaveProperty('details');
  if (message) expect(body.error?.message).toMatch(message);
};

/** Words that would betray internals: SQL, drivers, tables, stack frames. */
const INTERNALS = /select |insert into|sqlite|postgres|knex|stack|\.js:\d+|node_modules|relation "|syntax error at|SQLITE_|column "/i;

describe('bad query parameters get a 400 in Strapi’s error shape', () => {
  it.each([
    ['/api/stories?locale=xx', /Unknown locale "xx"/],
    ['/api/events?locale=de', /Unknown locale "de"/],
    ['/api/stories?pagination[pageSize]=1000', /pageSize/],
    ['/api/stories?pagination[limit]=101', /limit/],
    ['/api/stories?pagination[pageSize]=0', /pageSize/],
    ['/api/stories?foo=bar', /Invalid key foo/],
    ['/api/organisations?debug=1', /Invalid key debug/],
    ['/api/stories?filters[nonexistent][$eq]=1', /Invalid key/],
    ['/api/stories?status=draft', /published/],
  ])('%s', async (path, message) => {
    const res = await http(strapi).get(path);
    expect(res.status).toBe(400);
    expectStrapiError(res.body, 400, message);
  });

  it('a page of exactly the cap is allowed', async () => {
    await http(strapi).get('/api/topics?pagination[pageSize]=100').expect(200);
  });
});

describe('bad content is refused with a 400 and changes nothing', () => {
  const post = (type: string, data: Record<string, unknown>) =>
    http(strapi).post(`/api/${type}`).set('Authorization', `Bearer ${token}`).send({ data });

  const countOf = (uid: string) => strapi.db.query(uid as 'api::organisation.organisation').count();

  it.each([
    ['organisations', { name: 'Bad Country Union', slug: 'bad-country-union', kind: 'ngo', country: 'XX' }, /ISO 3166-1 alpha-2/],
    ['organisations', { name: 'Lower Case Union', slug: 'lower-case-union', kind: 'ngo', country: 'kz' }, /./],
    ['organisations', { name: 'Bad Site Union', slug: 'bad-site-union', kind: 'ngo', website: 'javascript:alert(1)' }, /http/],
    ['organisations', { name: 'Bad Kind', slug: 'bad-kind', kind: 'cartel' }, /./],
    ['participants', { fullName: 'Someone', country: 'ZZ', publicConsent: false }, /ISO 3166-1/],
    ['stories', { title: 'Bad licence', slug: 'bad-licence', licence: 'WTFPL-9' }, /not a supported licence/],
    ['guides', { title: 'Bad ISBN', slug: 'bad-isbn', isbn: '978-0-00-000000-0' }, /ISBN/],
  ])('%s with %j', async (type, data, message) => {
    const uid = `api::${type === 'stories' ? 'story' : type.slice(0, -1)}.${type === 'stories' ? 'story' : type.slice(0, -1)}`;
    const before = await countOf(uid);
    const res = await post(type, data);
    expect(res.status).toBe(400);
    expectStrapiError(res.body, 400, message);
    expect(await countOf(uid)).toBe(before);
  });

  it.each([
    [{ timeZone: 'Mars/Olympus_Mons' }, /IANA time zone/],
    [{ timeZone: 'Europe/Rome', venue: { city: 'Turin', country: 'XY' } }, /ISO 3166-1/],
    [{ timeZone: 'Europe/Rome', startsAt: '2025-03-28T08:00:00.000Z', endsAt: '2025-03-24T08:00:00.000Z' }, /endsAt/],
  ])('events with %j', async (override, message) => {
    const before = await countOf('api::event.event');
    const res = await post('events', {
      title: 'Congress',
      slug: `congress-${Math.random().toString(36).slice(2, 8)}`,
      startsAt: '2025-03-24T08:00:00.000Z',
      endsAt: '2025-03-25T08:00:00.000Z',
      ...override,
    });
    expect(res.status).toBe(400);
    expectStrapiError(res.body, 400, message);
    expect(await countOf('api::event.event')).toBe(before);
  });

  it('an update that moves only the end before the stored start is refused', async () => {
    const [event] = (await http(strapi).get('/api/events').expect(200)).body.data;
    const res = await http(strapi)
      .put(`/api/events/${event.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { endsAt: '2020-01-01T00:00:00.000Z' } });
    expect(res.status).toBe(400);
    expectStrapiError(res.body, 400, /endsAt/);
    const after = (await http(strapi).get(`/api/events/${event.documentId}`).expect(200)).body.data;
    expect(after.endsAt).toBe(event.endsAt);
  });

  it('valid content with the same token is accepted (the refusals above are about the data)', async () => {
    const res = await post('organisations', { name: 'Good Union', slug: 'good-union', kind: 'sectoral_union', country: 'KZ', website: 'https://example.org' });
    expect(res.status).toBe(201);
    expect(res.body.data.country).toBe('KZ');
  });

  it('the public cannot write at all', async () => {
    const res = await http(strapi).post('/api/organisations').send({ data: { name: 'Anon', slug: 'anon', kind: 'ngo' } });
    expect(res.status).toBe(403);
    expectStrapiError(res.body, 403);
  });
});

describe('slugs are unique per locale', () => {
  const post = (data: Record<string, unknown>, locale = 'en') =>
    http(strapi).post(`/api/stories?locale=${locale}`).set('Authorization', `Bearer ${token}`).send({ data });

  it('a second story with the same slug in the same locale is refused; another locale may reuse it', async () => {
    await post({ title: 'First', slug: 'shared-slug', licence: 'CC-BY-4.0' }).expect(201);
    const again = await post({ title: 'Second', slug: 'shared-slug', licence: 'CC-BY-4.0' });
    expect(again.status).toBe(400);
    expectStrapiError(again.body, 400, /unique/i);
    await post({ title: 'Другая', slug: 'shared-slug', licence: 'CC-BY-4.0' }, 'ru').expect(201);
  });

  it('a slug that is not lower-case words joined by hyphens is refused', async () => {
    const res = await post({ title: 'Bad slug', slug: 'Bad Slug!', licence: 'CC-BY-4.0' });
    expect(res.status).toBe(400);
    expectStrapiError(res.body, 400);
  });
});

describe('editors in the admin panel get the same clear errors', () => {
  it('saving an organisation with a bad country code is refused with the reason', async () => {
    const jwt = await adminJwt(strapi);
    const res = await http(strapi)
      .post('/content-manager/collection-types/api::organisation.organisation?locale=en')
      .set('Authorization', `Bearer ${jwt}`)
      .send({ name: 'Admin Union', slug: 'admin-union', kind: 'ngo', country: 'QQ' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(res.body.error.message).toMatch(/ISO 3166-1 alpha-2/);
    expect(await strapi.db.query('api::organisation.organisation').count({ where: { slug: 'admin-union' } })).toBe(0);
  });
});

describe('GraphQL errors leak no internals', () => {
  const gql = (query: string, variables?: Record<string, unknown>) => http(strapi).post('/graphql').send({ query, variables });

  it.each([
    ['a syntax error', '{ stories { title '],
    ['an unknown field', '{ stories { secretColumn } }'],
    ['a wrong argument type', '{ stories(pagination: { pageSize: "many" }) { title } }'],
    ['an unknown locale', '{ stories(locale: "xx") { title } }'],
    ['an oversized page', '{ stories(pagination: { pageSize: 100000 }) { title } }'],
    ['a bad filter operator', '{ stories(filters: { title: { regex: ".*" } }) { title } }'],
    ['a deeply nested query', '{ stories { events { guides { publisher { parent { parent { parent { parent { name } } } } } } } } }'],
    ['a mutation the public may not run', 'mutation { deleteStory(documentId: "x") { documentId } }'],
  ])('%s', async (_label, query) => {
    const res = await gql(query);
    expect(res.body.errors?.length).toBeGreaterThan(0);
    for (const error of res.body.errors) {
      expect(JSON.stringify(error)).not.toMatch(INTERNALS);
      expect(error.extensions?.stacktrace).toBeUndefined();
    }
  });

  it('a NUL character in the variables is refused with a 400 before anything runs', async () => {
    const res = await gql('query ($title: String) { stories(filters: { title: { eq: $title } }) { title } }', { title: 'a\u0000b' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toMatch(/NUL/);
  });

  it('a value the database refuses is the client’s error and names no SQL', async () => {
    // A NUL written as a GraphQL escape reaches the database: PostgreSQL refuses it in text
    // (SQLite finds nothing). Either way the answer shows nothing of the database.
    const res = await gql('{ stories(filters: { title: { eq: "a\\u0000b" } }) { title } }');
    expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
    for (const error of res.body.errors ?? []) {
      expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    }
    expect(res.status).toBeLessThan(500);
  });

  it('the depth limit refuses a query nested beyond it', async () => {
    const res = await gql('{ stories { events { guides { publisher { parent { parent { parent { parent { name } } } } } } } } }');
    expect(JSON.stringify(res.body.errors)).toMatch(/depth/i);
  });
});

describe('REST errors leak no internals', () => {
  it('a NUL character in the query is refused with a 400', async () => {
    const res = await http(strapi).get('/api/stories?filters[title][$eq]=a%00b');
    expect(res.status).toBe(400);
    expectStrapiError(res.body, 400, /NUL/);
  });

  it('a filter value the database refuses is a 400, not a 500 (PostgreSQL: an id out of range)', async () => {
    const res = await http(strapi).get('/api/stories?filters[id][$eq]=99999999999999999999');
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
    if (res.status !== 200) expectStrapiError(res.body, 400, /out of range or malformed/);
  });

  it.each([
    '/api/stories?filters[title][$foo]=1',
    '/api/stories?sort=nonexistent:asc',
    '/api/stories?populate[nonexistent]=true',
    '/api/stories?pagination[page]=abc',
    '/api/stories/does-not-exist',
  ])('%s', async (path) => {
    const res = await http(strapi).get(path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
    expectStrapiError(res.body, res.status);
  });
});
