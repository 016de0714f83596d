import type { Core } from '@strapi/strapi';
import { ORGANISATION, STORY, TOPIC } from '../../src/domain/uids';
import { bootStrapi, http } from '../helpers/strapi';
import { createStory, documentIdBySlug } from '../helpers/syndication-fixtures';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
/** SQL the app ran, recorded while `recording` is on. */
let recording = false;
const statements: string[] = [];

// Stories with different publishers and topics, so that relations batched together must be
// given back to the right parent.
const FIXTURES = [
  { slug: 'rel-a', publisher: 'fprk', topics: ['advocacy'] },
  { slug: 'rel-b', publisher: 'ilo', topics: ['women', 'youth', 'communication'] },
  { slug: 'rel-c', publisher: 'actrav', topics: [] },
  { slug: 'rel-d', publisher: 'itc-ilo', topics: ['digital-economy', 'informal-economy', 'migrant-workers', 'women', 'youth'] },
  { slug: 'rel-e', publisher: 'fprk', topics: ['youth'] },
];

beforeAll(async () => {
  // Every answer computed (no response cache) and no background work, so that the SQL a
  // request runs can be counted.
  ({ strapi, teardown } = await bootStrapi({ RESPONSE_CACHE_ENABLED: 'false', SYNDICATION_PUSH_ENABLED: 'false' }));
  for (const [index, fixture] of FIXTURES.entries()) {
    const topics = await Promise.all(fixture.topics.map((slug) => documentIdBySlug(strapi, TOPIC, slug)));
    await createStory(strapi, {
      title: `Relations ${index}`,
      slug: fixture.slug,
      publisher: await documentIdBySlug(strapi, ORGANISATION, fixture.publisher),
      topics,
    });
  }
  strapi.db.connection.on('query', (query: { sql?: string }) => {
    if (recording) statements.push(query.sql ?? '');
  });
});
afterAll(async () => teardown());

const graphql = async (query: string) => {
  const res = await http(strapi).post('/graphql').set('Content-Type', 'application/json').send({ query });
  expect(res.body.errors).toBeUndefined();
  expect(res.status).toBe(200);
  return res.body.data;
};

/** What the document service (the REST code path) says, per story slug. */
const expected = async () => {
  const stories = (await strapi.documents(STORY).findMany({
    locale: 'en',
    status: 'published',
    populate: { publisher: { fields: ['slug'] }, topics: { fields: ['slug'] } },
  } as never)) as unknown as Array<{ slug: string; publisher: { slug: string } | null; topics: Array<{ slug: string }> }>;
  return new Map(stories.map((story) => [story.slug, { publisher: story.publisher?.slug ?? null, topics: story.topics.map((topic) => topic.slug) }]));
};

type StoryNode = { slug: string; publisher: { slug: string } | null; topics: Array<{ slug: string }> };

describe('GraphQL relations', () => {
  it('give each parent its own related documents, as the document service does', async () => {
    const truth = await expected();
    const data = await graphql('{ stories(locale: "en", pagination: { pageSize: 100 }) { slug publisher { slug } topics { slug } } }');
    const stories = data.stories as StoryNode[];
    expect(stories.length).toBe(truth.size);
    for (const story of stories) {
      expect({ publisher: story.publisher?.slug ?? null, topics: story.topics.map((topic) => topic.slug) }).toEqual(truth.get(story.slug));
    }
    // The fixtures differ from one another, so a mix-up cannot pass unnoticed.
    const bySlug = new Map(stories.map((story) => [story.slug, story]));
    expect(
      bySlug
        .get('rel-b')
        ?.topics.map((topic) => topic.slug)
        .sort(),
    ).toEqual(['communication', 'women', 'youth']);
    expect(bySlug.get('rel-c')?.topics).toEqual([]);
    expect(bySlug.get('rel-d')?.publisher?.slug).toBe('itc-ilo');
  });

  it('page each parent’s list on its own (limit, start and sort per parent)', async () => {
    const truth = await expected();
    const data = await graphql(`
      {
        stories(locale: "en", pagination: { pageSize: 100 }) {
          slug
          first2: topics(pagination: { limit: 2 }) {
            slug
          }
          next2: topics(pagination: { start: 2, limit: 2 }) {
            slug
          }
          sorted: topics(sort: "slug:desc", pagination: { limit: 3 }) {
            slug
          }
          connection: topics_connection(pagination: { limit: 1 }) {
            nodes {
              slug
            }
          }
        }
      }
    `);
    for (const story of data.stories as Array<Record<string, Array<{ slug: string }>> & { slug: string; connection: { nodes: Array<{ slug: string }> } }>) {
      const all = truth.get(story.slug)?.topics ?? [];
      expect(story.first2.map((topic) => topic.slug)).toEqual(all.slice(0, 2));
      expect(story.next2.map((topic) => topic.slug)).toEqual(all.slice(2, 4));
      expect(story.sorted.map((topic) => topic.slug)).toEqual([...all].sort().reverse().slice(0, 3));
      expect(story.connection.nodes.map((topic) => topic.slug)).toEqual(all.slice(0, 1));
    }
  });

  it('follow inverse and self relations (organisation parents and children)', async () => {
    const data = await graphql(
      '{ organisations(locale: "en") { slug parent { slug } children { slug } firstChild: children(pagination: { limit: 1 }) { slug } } }',
    );
    const bySlug = new Map(
      (
        data.organisations as Array<{ slug: string; parent: { slug: string } | null; children: Array<{ slug: string }>; firstChild: Array<{ slug: string }> }>
      ).map((org) => [org.slug, org]),
    );
    expect(bySlug.get('actrav')?.parent?.slug).toBe('ilo');
    expect(bySlug.get('itc-ilo-innovation-lab')?.parent?.slug).toBe('itc-ilo');
    expect(
      bySlug
        .get('ilo')
        ?.children.map((child) => child.slug)
        .sort(),
    ).toEqual(['actrav', 'itc-ilo']);
    expect(bySlug.get('ilo')?.firstChild).toHaveLength(1);
    expect(bySlug.get('fprk')?.children).toEqual([]);
  });

  it('run as many queries for a page of 2 as for a page of all stories (no N+1)', async () => {
    const total = (await expected()).size;
    expect(total).toBeGreaterThanOrEqual(6);
    // The queries of one request that read the content it shows (anything else the server
    // may run meanwhile, such as Strapi's own housekeeping, is not this request's).
    const contentQueries = async (pageSize: number) => {
      statements.length = 0;
      recording = true;
      const data = await graphql(
        `{ stories(locale: "en", pagination: { pageSize: ${pageSize} }) { slug publisher { slug parent { slug } } topics { slug } cover { url } } }`,
      );
      recording = false;
      expect((data.stories as unknown[]).length).toBe(Math.min(pageSize, total));
      return statements.filter((sql) => /\b(stories|organisations|topics|files)\b/.test(sql)).length;
    };
    const small = await contentQueries(2);
    const all = await contentQueries(100);
    expect(small).toBeGreaterThan(0);
    expect(all).toBe(small);
  });
});
