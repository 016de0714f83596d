import type { Core } from '@strapi/strapi';
import { bootStrapi, http } from '../helpers/strapi';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

beforeAll(async () => {
  // The same app as everywhere else, in production mode.
  ({ strapi, teardown } = await bootStrapi({ NODE_ENV: 'production' }));
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
