import type { Core } from '@strapi/strapi';
import { seedDemoContent } from '../../src/seed';
import { bootStrapi, http } from '../helpers/strapi';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

beforeAll(async () => {
  // The app seeds on boot (SEED_DEMO_CONTENT=true), so the calls below are the second and third runs.
  ({ strapi, teardown } = await bootStrapi());
});
afterAll(async () => teardown());

const TYPES = [
  'api::story.story',
  'api::event.event',
  'api::participant.participant',
  'api::organisation.organisation',
  'api::guide.guide',
  'api::topic.topic',
] as const;

/** Every row of every content type, with its timestamps: any change would show here. */
const snapshot = async () => {
  const rows: Record<string, unknown[]> = {};
  for (const uid of TYPES) {
    rows[uid] = await strapi.db.query(uid).findMany({
      select: ['id', 'documentId', 'locale', 'updatedAt', 'publishedAt'],
      orderBy: { id: 'asc' },
    });
  }
  return rows;
};

it('running the seed again creates, publishes and changes nothing', async () => {
  const before = await snapshot();
  expect(before['api::story.story'].length).toBeGreaterThan(0);

  const report = await seedDemoContent(strapi);
  expect(report).toEqual({ created: 0, published: 0 });
  expect(await snapshot()).toEqual(before);

  await seedDemoContent(strapi);
  expect(await snapshot()).toEqual(before);
});

it('does not overwrite an editor’s change', async () => {
  const topic = await strapi.documents('api::topic.topic').findFirst({ locale: 'en', filters: { slug: 'advocacy' } } as never);
  await strapi.documents('api::topic.topic').update({
    documentId: (topic as { documentId: string }).documentId,
    locale: 'en',
    data: { name: 'Advocacy and campaigning' },
  } as never);
  await seedDemoContent(strapi);
  const res = await http(strapi).get('/api/topics?filters[slug][$eq]=advocacy').expect(200);
  expect(res.body.data[0].name).toBe('Advocacy and campaigning');
});

it('the demo content is what a new user sees: the Turin story in English and Russian', async () => {
  const en = await http(strapi).get('/api/stories').expect(200);
  const ru = await http(strapi).get('/api/stories?locale=ru').expect(200);
  expect(en.body.meta.pagination.total).toBe(1);
  expect(ru.body.data[0].title).toMatch(/^В Турине/);
});
