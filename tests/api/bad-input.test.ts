import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { adminToken } from '../helpers/admin';
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
  const post = (type: string, data: Record<string, unknown>) => http(strapi).post(`/api/${type}`).set('Authorization', `Bearer ${token}`).send({ data });

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
    const res = await http(strapi)
      .post('/api/organisations')
      .send({ data: { name: 'Anon', slug: 'anon', kind: 'ngo' } });
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
    const jwt = await adminToken(strapi);
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

describe('malformed query shapes are a 400 before any SQL, never a 500 or a guess', () => {
  it.each([
    // Strapi passed these to its query builder: 500s.
    ['/api/stories?filters[$or]=x', /filters\[\$or\] must be a list/],
    ['/api/stories?filters[$and][0]=x', /filters\[\$and\]\[0\] must be an object/],
    ['/api/stories?filters[0][title]=x', /filters must be an object/],
    ['/api/stories?filters[$eq]=x', /\$eq applies to an attribute/],
    ['/api/stories?filters[$not][$eq]=x', /\$eq applies to an attribute/],
    ['/api/stories?filters[title][$between][0]=a', /filters\[title\]\[\$between\] needs exactly two values/],
    ['/api/stories?filters[title][$between]=a', /exactly two values/],
    ['/api/stories?filters[title][$between][0]=a&filters[title][$between][1]=b&filters[title][$between][2]=c', /exactly two values/],
    ['/api/stories?filters[title][$not][$between][0]=a', /filters\[title\]\[\$not\]\[\$between\]/],
    ['/api/stories?filters[title][$eq][$eq]=a', /filters\[title\]\[\$eq\] must be a value/],
    ['/api/stories?filters[title][$jsonSupersetOf]=a', /Unknown operator \$jsonSupersetOf/],
    ['/api/stories?filters[title][$or][0]=a', /\$or combines conditions/],
    ['/api/stories?filters[publisher][$not][name]=x', /put \$not before filters\[publisher\]/],
    ['/api/stories?filters[publisher][$eq]=1&filters[publisher][name]=x', /mixes operators/],
    ['/api/stories?filters[publisher][$eq]=1&filters[publisher][$ne]=2', /one operator at a time/],
    ['/api/stories?filters[publisher][name][$between][0]=a', /filters\[publisher\]\[name\]\[\$between\]/],
    ['/api/stories?filters[id][$contains]=1', /text attributes only/],
    ['/api/guides?filters[chapters][number][$eq]=abc', /filters\[chapters\]\[number\]\[\$eq\] must be an integer/],
    ['/api/stories?pagination[start]=12345678901234567890', /pagination\[start\] must be an integer from 0 to/],
    ['/api/stories?pagination[page]=99999999999999999999', /pagination\[page\]/],
    ['/api/stories?sort[title][x]=asc', /sort\[title\] must be asc or desc/],
    ['/api/stories?sort[0][title][x]=asc', /sort\[0\]\[title\]/],
    ['/api/stories?_q[0]=a', /_q must be a single search text/],
    ['/api/upload/files?filters[name][$between][0]=a', /exactly two values/],
    // The same inside populate, at any depth.
    ['/api/events?populate[organisers][filters][name][$between][0]=a', /populate\[organisers\]\[filters\]\[name\]\[\$between\]/],
    ['/api/events?populate[organisers][filters][$or]=x', /populate\[organisers\]\[filters\]\[\$or\]/],
    [
      '/api/events?populate[organisers][populate][parent][filters][name][$eq][$eq]=a',
      /populate\[organisers\]\[populate\]\[parent\]\[filters\]\[name\]\[\$eq\]/,
    ],
    ['/api/events?populate[organisers][sort][name][x]=desc', /populate\[organisers\]\[sort\]\[name\]/],
    ['/api/events?populate[organisers][pagination][page]=0', /populate\[organisers\]\[pagination\]\[page\]/],
    ['/api/stories?populate[cover][filters][name][$between][0]=a', /populate\[cover\]\[filters\]/],
    // Strapi accepted these although they mean nothing (or something else than asked).
    ['/api/stories?pagination[page]=0', /pagination\[page\] must be a positive integer/],
    ['/api/stories?pagination[page]=-1', /pagination\[page\]/],
    ['/api/stories?pagination[page]', /pagination\[page\]/],
    ['/api/stories?pagination[pageSize]=0x10', /pagination\[pageSize\] must be an integer from 1 to 100/],
    ['/api/stories?pagination[pageSize]=1e1', /pagination\[pageSize\]/],
    ['/api/stories?pagination[pageSize][0]=5', /pagination\[pageSize\]/],
    ['/api/stories?pagination[pageSize][a]=5', /pagination\[pageSize\]/],
    ['/api/stories?pagination=abc', /pagination must be an object/],
    ['/api/stories?pagination', /pagination must be an object/],
    ['/api/stories?pagination[0]=1', /pagination must be an object/],
    ['/api/stories?pagination[size]=5', /pagination\[size\] is not a pagination parameter/],
    ['/api/stories?pagination[page]=1&pagination[start]=0', /cannot be combined/],
    ['/api/stories?pagination[withCount]=maybe', /withCount/],
    ['/api/stories?pagination[limit]=-1', /pagination\[limit\]/],
    ['/api/stories?pagination[start]=-1', /pagination\[start\]/],
    ['/api/stories?limit=-1', /^limit must be an integer from 1 to 100/],
    ['/api/stories?limit=1000', /^limit/],
    ['/api/stories?start=-1', /^start must be an integer from 0/],
    ['/api/stories?filters[title][$null]=maybe', /filters\[title\]\[\$null\] must be true or false/],
    ['/api/stories?filters[title][$notNull]', /filters\[title\]\[\$notNull\] must be true or false/],
    ['/api/stories?filters[syndication][allowed][$eq]=maybe', /filters\[syndication\]\[allowed\]\[\$eq\] must be true or false/],
    ['/api/stories?filters[title][$in]=x', /filters\[title\]\[\$in\] must be a list/],
    // qs turns an index above 100 into an object, which Strapi then silently ignored.
    ['/api/stories?filters[$or][101][title]=nobody', /filters\[\$or\] must be a list of at most 100/],
    ['/api/stories?filters[title][$in][101]=nobody', /filters\[title\]\[\$in\] must be a list of at most 100/],
    // Whatever the spelling of the route.
    ['/API/Stories?filters[$or]=x', /filters\[\$or\]/],
  ])('%s', async (path, message) => {
    const res = await http(strapi).get(path);
    expect(res.status).toBe(400);
    expectStrapiError(res.body, 400, message);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.details.errors[0].path[0]).toMatch(/^(filters|pagination|populate|sort|limit|start|_q)$/);
  });

  it.each([
    // Every shape the rules allow still reads the demo story.
    '/api/stories?filters[$or][0][slug][$eq]=nope&filters[$or][1][title][$containsi]=turin',
    '/api/stories?filters[$and][0][title][$containsi]=turin&filters[$and][1][$not][title][$eq]=x',
    '/api/stories?filters[title][$between][0]=A&filters[title][$between][1]=Z',
    '/api/stories?filters[title][$null]=false&filters[lead][$notNull]=true',
    '/api/stories?filters[title][$in][0]=nope&filters[title][$in][1]=In%20Turin%2C%20national%20trade%20union%20representatives%20discuss%20the%20challenges%20of%20modern%20communication',
    '/api/stories?filters[publisher][slug][$eq]=fprk',
    '/api/stories?filters[publisher][$notNull]=true',
    '/api/stories?filters[topics][slug][$in][0]=advocacy',
    '/api/stories?filters[id][$gt]=0',
    '/api/stories?pagination[page]=1&pagination[pageSize]=1&pagination[withCount]=true',
    '/api/stories?pagination[start]=0&pagination[limit]=1',
    '/api/stories?start=0&limit=1',
    '/api/stories?sort[0]=title:asc&sort[1]=publishedAt:desc',
    '/api/stories?sort[publisher][name]=desc',
    '/api/stories?populate[publisher][filters][slug][$eq]=fprk&populate[publisher][sort]=name:asc',
  ])('%s is still answered', async (path) => {
    const res = await http(strapi).get(path);
    expect(res.status).toBe(200);
    expect(res.body.data.map((story: { slug: string }) => story.slug)).toContain('national-unions-discuss-modern-communication-in-turin');
  });

  it('a filter on a populated relation still applies', async () => {
    const res = await http(strapi).get('/api/events?populate[organisers][filters][slug][$in][0]=itc-ilo&populate[organisers][fields][0]=slug').expect(200);
    expect(res.body.data[0].organisers.map((organisation: { slug: string }) => organisation.slug)).toEqual(['itc-ilo']);
  });

  it('a refused query changes nothing, even with a valid body and a full-access token', async () => {
    const before = await strapi.db.query('api::organisation.organisation').count();
    const res = await http(strapi)
      .post('/api/organisations?filters[$or]=x')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { name: 'Shape Union', slug: 'shape-union', kind: 'ngo' } });
    expect(res.status).toBe(400);
    expectStrapiError(res.body, 400, /\$or/);
    expect(await strapi.db.query('api::organisation.organisation').count()).toBe(before);
  });
});

describe('a request body the parser cannot read is a 400, whoever sends it', () => {
  const broken = ['--abc', 'Content-Disposition: form-data; name="data"', '', '{"name":"Broken"}', '--xyz--'].join('\r\n');
  const truncatedFile = ['--abc', 'Content-Disposition: form-data; name="files"; filename="a.txt"', 'Content-Type: text/plain', '', 'hello'].join('\r\n');

  it.each([
    ['/api/stories', 'multipart/form-data; boundary=abc', broken],
    ['/api/upload', 'multipart/form-data; boundary=abc', truncatedFile],
    ['/api/auth/local', 'multipart/form-data', 'identifier=a&password=b'],
    ['/api/auth/local', 'multipart/form-data; boundary=', broken],
    ['/api/stories', 'application/json', '{"data": {'],
    ['/api/auth/local', 'application/json', '[1, 2'],
    ['/api/auth/local', 'application/octet-stream', 'identifier=a&password=b'],
    ['/api/auth/local/register', 'application/xml', '<user/>'],
  ])('POST %s as %s', async (path, type, body) => {
    const res = await http(strapi).post(path).set('Content-Type', type).send(body);
    expect(res.status).toBe(400);
    expectStrapiError(res.body, 400, /^The request body (is not valid (multipart form data|JSON)|cannot be read)/);
    expect(res.body.error.name).toBe('ValidationError');
    expect(JSON.stringify(res.body)).not.toMatch(/MultipartParser|formidable|state =/);
  });

  it('no body at all is an empty one: the route answers it, not a 500', async () => {
    const res = await http(strapi).post('/api/auth/local');
    expect(res.status).toBe(400);
    expectStrapiError(res.body, 400);
    expect(res.body.error.details.errors.map((error: { path: string[] }) => error.path)).toEqual([['identifier'], ['password']]);
  });

  it('with a full-access token too, and nothing is saved', async () => {
    const before = await strapi.db.query('api::organisation.organisation').count();
    const res = await http(strapi)
      .post('/api/organisations')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'multipart/form-data; boundary=abc')
      .send(broken);
    expect(res.status).toBe(400);
    expectStrapiError(res.body, 400, /multipart/);
    expect(await strapi.db.query('api::organisation.organisation').count()).toBe(before);
  });

  it('a well-formed multipart body is still read (the refusal is about the body, not the type)', async () => {
    const form = [
      '--abc',
      'Content-Disposition: form-data; name="identifier"',
      '',
      'nobody@example.org',
      '--abc',
      'Content-Disposition: form-data; name="password"',
      '',
      'wrong',
      '--abc--',
      '',
    ].join('\r\n');
    const res = await http(strapi).post('/api/auth/local').set('Content-Type', 'multipart/form-data; boundary=abc').send(form);
    expect(res.status).toBe(400);
    expectStrapiError(res.body, 400, /Invalid identifier or password/);
  });
});

describe('GraphQL arguments are checked before anything runs, at any depth', () => {
  const gql = (query: string, variables?: Record<string, unknown>) => http(strapi).post('/graphql').send({ query, variables });

  const expectRefused = (
    res: { status: number; body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> } },
    message: RegExp,
  ) => {
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0].message).toMatch(message);
    expect(JSON.stringify(res.body)).not.toMatch(INTERNALS);
  };

  it.each([
    ['between with one value', '{ stories(filters: { title: { between: ["a"] } }) { title } }', /filters\.title\.between needs exactly two values/],
    ['between with three values', '{ stories(filters: { title: { between: ["a", "b", "c"] } }) { title } }', /exactly two values/],
    ['between with a null', '{ stories(filters: { title: { between: ["a", null] } }) { title } }', /filters\.title\.between\.1/],
    ['an empty in', '{ stories(filters: { title: { in: [] } }) { title } }', /filters\.title\.in needs at least one value/],
    ['an empty or', '{ stories(filters: { or: [] }) { title } }', /filters\.or needs at least one condition/],
    ['not with conditions on a relation', '{ stories(filters: { publisher: { not: { name: { eq: "x" } } } }) { title } }', /put not before filters\.publisher/],
    ['a page of 0', '{ stories(pagination: { page: 0 }) { title } }', /pagination\.page must be a positive integer/],
    ['a negative start', '{ stories(pagination: { start: -1 }) { title } }', /pagination\.start/],
    ['a limit of -1 (no limit)', '{ stories(pagination: { limit: -1 }) { title } }', /pagination\.limit must be an integer from 1 to 100/],
    ['a page size of 0', '{ stories(pagination: { pageSize: 0 }) { title } }', /pagination\.pageSize/],
    ['page and start together', '{ stories(pagination: { page: 1, start: 0 }) { title } }', /cannot be combined/],
    ['a nested relation filter', '{ events { title organisers(filters: { name: { between: ["a"] } }) { name } } }', /filters\.name\.between/],
    ['a nested relation page', '{ events { title partners(pagination: { limit: -1 }) { name } } }', /pagination\.limit/],
    ['a nested connection filter', '{ stories { topics_connection(filters: { slug: { between: ["a"] } }) { nodes { slug } } } }', /filters\.slug\.between/],
    ['inside a fragment', '{ events { ...E } } fragment E on Event { organisers(filters: { or: [] }) { name } }', /filters\.or/],
    ['inside an inline fragment', '{ events { ... on Event { organisers(filters: { name: { between: ["a"] } }) { name } } } }', /between/],
    ['a NUL written as \\u0000 in the query text', '{ stories(filters: { title: { eq: "a\\u0000b" } }) { title } }', /NUL/],
    ['a NUL in any argument', '{ topics(sort: ["slug\\u0000:asc"]) { slug } }', /NUL/],
  ])('%s', async (_label, query, message) => {
    expectRefused(await gql(query), message);
  });

  it.each([
    ['filters', 'query ($f: StoryFiltersInput) { stories(filters: $f) { title } }', { f: { title: { between: ['a'] } } }, /between/],
    [
      'filters on a relation',
      'query ($f: OrganisationFiltersInput) { events { organisers(filters: $f) { name } } }',
      { f: { parent: { name: { in: [] } } } },
      /filters\.parent\.name\.in/,
    ],
    ['pagination', 'query ($p: PaginationArg) { stories(pagination: $p) { title } }', { p: { page: 0 } }, /pagination\.page/],
  ])('through variables: %s', async (_label, query, variables, message) => {
    expectRefused(await gql(query, variables), message);
  });

  it('well-formed arguments are still answered, nested ones too', async () => {
    const res = await gql(
      '{ stories(filters: { title: { between: ["A", "Z"] }, or: [{ slug: { eq: "nope" } }, { publisher: { slug: { in: ["fprk"] } } }] }, pagination: { page: 1, pageSize: 5 }) { slug topics(filters: { slug: { in: ["advocacy"] } }, pagination: { limit: 5 }) { slug } } }',
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.stories).toEqual([{ slug: 'national-unions-discuss-modern-communication-in-turin', topics: [{ slug: 'advocacy' }] }]);
  });
});

describe('persisted queries: an unknown hash is a 4xx that says so', () => {
  const hash = (text: string) => createHash('sha256').update(text).digest('hex');
  const unknown = { persistedQuery: { version: 1, sha256Hash: hash('a query nobody registered') } };

  it('POST with an unknown hash', async () => {
    const res = await http(strapi).post('/graphql').send({ extensions: unknown });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
  });

  it('GET with an unknown hash', async () => {
    const res = await http(strapi)
      .get('/graphql')
      .query({ extensions: JSON.stringify(unknown) })
      .set('apollo-require-preflight', 'true');
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
  });

  it.each([
    ['a hash that is not the query’s', { query: '{ topics { slug } }', extensions: unknown }, /provided sha does not match query/],
    ['an unsupported version', { extensions: { persistedQuery: { version: 2, sha256Hash: 'x' } } }, /Unsupported persisted query version/],
  ])('%s', async (_label, body, message) => {
    const res = await http(strapi).post('/graphql').send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(message);
    expect(res.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('a registered query is then answered by its hash alone', async () => {
    const query = '{ topics(filters: { slug: { eq: "advocacy" } }) { slug } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: hash(query) } };
    await http(strapi).post('/graphql').send({ query, extensions }).expect(200);
    const res = await http(strapi).post('/graphql').send({ extensions });
    expect(res.status).toBe(200);
    expect(res.body.data.topics).toEqual([{ slug: 'advocacy' }]);
  });
});
