import type { Core } from '@strapi/strapi';
import { bootStrapi, http } from '../helpers/strapi';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
});
afterAll(async () => teardown());

it('serves stories', async () => {
  const res = await http(strapi).get('/api/stories?locale=ru&populate=*');
  expect(res.status).toBe(200);
  expect(strapi.plugin('syndication')).toBeDefined();
  expect(strapi.plugin('calendar')).toBeDefined();
});
