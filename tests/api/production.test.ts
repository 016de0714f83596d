import type { Core } from '@strapi/strapi';
import { bootStrapi, http } from '../helpers/strapi';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

beforeAll(async () => {
  // The same app as everywhere else, in production mode, with a CORS allow-list as a production
  // site would have.
  ({ strapi, teardown } = await bootStrapi({ NODE_ENV: 'production', CORS_ORIGINS: 'https://site.example' }));
});
afterAll(async () => teardown());

it('serves no GraphQL playground or landing page in production', async () => {
  // Outside production the same request gets the playground's HTML (tests/api/content-read).
  const res = await http(strapi).get('/graphql').set('Accept', 'text/html');
  expect(res.headers['content-type'] ?? '').not.toMatch(/html/);
  expect(res.text ?? '').not.toMatch(/<html|<script/i);
});

it('answers no introspection in production', async () => {
  const res = await http(strapi).post('/graphql').send({ query: '{ __schema { types { name } } }' });
  expect(res.body.data?.__schema).toBeUndefined();
  expect(JSON.stringify(res.body.errors)).toMatch(/introspection/i);
});

it('still answers queries in production', async () => {
  const res = await http(strapi).post('/graphql').send({ query: '{ stories { title } }' }).expect(200);
  expect(res.body.data.stories).toHaveLength(1);
});

it('suggests no field names in production, where introspection is off', async () => {
  // Outside production the same query is answered `Did you mean "title"?` (tests/api/http-security).
  const res = await http(strapi).post('/graphql').send({ query: '{ stories { titel } }' }).expect(400);
  const messages = res.body.errors.map((error: { message: string }) => error.message).join('\n');
  expect(messages).toMatch(/Cannot query field "titel"/);
  expect(messages).not.toMatch(/Did you mean/);
  expect(messages).not.toMatch(/"title"/);
  expect(res.body.errors[0].extensions?.stacktrace).toBeUndefined();
});

describe('CORS with CORS_ORIGINS=https://site.example', () => {
  const SITE = 'https://site.example';
  const EVIL = 'https://evil.example';
  let calls = 0;
  // A query of its own each time: a response cache hit would not reach the GraphQL route.
  const graphql = (origin: string) =>
    http(strapi)
      .post('/graphql')
      .set('Origin', origin)
      .send({ query: `query Call${++calls} { stories { title } }` });
  const preflight = (path: string, origin: string) =>
    http(strapi).options(path).set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'content-type');

  it('the listed origin reads the content API, without credentials', async () => {
    for (const res of [await http(strapi).get('/api/stories').set('Origin', SITE), await graphql(SITE), await preflight('/graphql', SITE)]) {
      expect(res.status).toBeLessThan(300);
      expect(res.headers['access-control-allow-origin']).toBe(SITE);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers.vary ?? '').toMatch(/origin/i);
    }
  });

  it('another origin gets no CORS grant, on the content API or elsewhere', async () => {
    const answers = [
      await http(strapi).get('/api/stories').set('Origin', EVIL),
      await graphql(EVIL),
      await preflight('/api/stories', EVIL),
      await preflight('/graphql', EVIL),
      // Listed for the content API, not for the admin's.
      await preflight('/admin/access-token', SITE),
      await http(strapi).post('/admin/access-token').set('Origin', SITE),
    ];
    for (const res of answers) {
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });

  it('the admin panel’s own origin keeps its credentials', async () => {
    const res = await preflight('/admin/access-token', 'http://cms.test').expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('http://cms.test');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
  });
});
