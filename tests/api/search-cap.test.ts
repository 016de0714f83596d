import type { Core } from '@strapi/strapi';
import { bootStrapi, http } from '../helpers/strapi';

/**
 * A search ranks at most its newest `maxHits` matches (SEARCH_MAX_HITS; 1,000 by default, 2
 * here): a query that matches more answers from the most recently published ones, ranked,
 * says so (`meta.capped`), and counts no further. Stories written here through the document
 * service, each with a word no demo text has, published one after another.
 */

const STORY = 'api::story.story';

type Hit = { documentId: string; locale: string; title: string; score: number };
type Answer = { data: Hit[]; meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number }; capped: boolean } };

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
/** Oldest first. */
const stories: string[] = [];

const documents = () => strapi.documents(STORY);

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi({ SEARCH_MAX_HITS: '2' }));
  // The oldest has the word in its title (the best score); the newest two only in the body,
  // the second newest also in its lead (a better score than the newest).
  const texts = [
    { title: 'Zqxcapword in the title', lead: 'Oldest.', body: 'Zqxcapword zqxcappair.' },
    { title: 'Second story', lead: 'Second.', body: 'Zqxcapword zqxcaptrio.' },
    { title: 'Third story', lead: 'Zqxcapword in the lead.', body: 'Zqxcapword zqxcappair.' },
    { title: 'Newest story', lead: 'Newest.', body: 'Zqxcapword zqxcaptrio.' },
  ];
  for (const [index, text] of texts.entries()) {
    const created = (await documents().create({
      locale: 'en',
      data: { licence: 'CC-BY-4.0', slug: `search-cap-story-${index}`, ...text },
    } as never)) as { documentId: string };
    await documents().publish({ documentId: created.documentId, locale: 'en' } as never);
    stories.push(created.documentId);
    // publishedAt has millisecond precision: one story per millisecond at least, so "newest" is one order.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
});
afterAll(async () => teardown());

const search = async (query: Record<string, string>): Promise<Answer> => {
  const res = await http(strapi).get(`/api/search?${new URLSearchParams(query).toString()}`);
  expect(res.status).toBe(200);
  return res.body as Answer;
};
const ids = (answer: Answer) => answer.data.map((hit) => hit.documentId);

describe('a search that matches more than maxHits entries', () => {
  it('ranks the newest maxHits matches, best first, says it is capped and counts no further', async () => {
    const answer = await search({ q: 'zqxcapword', types: 'story' });
    // The newest two, the one with the word in its lead first; the oldest (title match) is past the cap.
    expect(ids(answer)).toEqual([stories[2], stories[3]]);
    expect(answer.data[0].score).toBeGreaterThan(answer.data[1].score);
    expect(answer.meta).toEqual({ pagination: { page: 1, pageSize: 10, pageCount: 1, total: 2 }, capped: true });
  });

  it('pages through the ranked hits, and past the last answers the same total and cap', async () => {
    const first = await search({ q: 'zqxcapword', pageSize: '1', page: '1' });
    const second = await search({ q: 'zqxcapword', pageSize: '1', page: '2' });
    expect([...ids(first), ...ids(second)]).toEqual([stories[2], stories[3]]);
    expect(second.meta).toEqual({ pagination: { page: 2, pageSize: 1, pageCount: 2, total: 2 }, capped: true });
    const past = await search({ q: 'zqxcapword', pageSize: '1', page: '3' });
    expect(past).toEqual({ data: [], meta: { pagination: { page: 3, pageSize: 1, pageCount: 2, total: 2 }, capped: true } });
  });

  it('is not capped when the matches fit: exactly maxHits, fewer, none', async () => {
    const pair = await search({ q: 'zqxcappair' });
    expect(ids(pair)).toEqual([stories[2], stories[0]]);
    expect(pair.meta).toEqual({ pagination: { page: 1, pageSize: 10, pageCount: 1, total: 2 }, capped: false });
    const past = await search({ q: 'zqxcappair', page: '2' });
    expect(past).toEqual({ data: [], meta: { pagination: { page: 2, pageSize: 10, pageCount: 1, total: 2 }, capped: false } });
    const one = await search({ q: 'zqxcapword Newest' });
    expect(ids(one)).toEqual([stories[3]]);
    expect(one.meta.capped).toBe(false);
    const none = await search({ q: 'zqxcapmadeup' });
    expect(none).toEqual({ data: [], meta: { pagination: { page: 1, pageSize: 10, pageCount: 0, total: 0 }, capped: false } });
  });

  it('answers the same over GraphQL', async () => {
    const res = await http(strapi).post('/graphql').send({
      query: `query { search(q: "zqxcapword", types: ["story"]) { data { documentId locale title score } meta { pagination { page pageSize pageCount total } capped } } }`,
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.search.meta).toEqual({ pagination: { page: 1, pageSize: 10, pageCount: 1, total: 2 }, capped: true });
    expect(res.body.data.search.data.map((hit: Hit) => hit.documentId)).toEqual([stories[2], stories[3]]);
  });

  it('takes the newest matches across a fallback chain, each document once', async () => {
    // The oldest story gets a French version, published now: the newest entry of the chain fr → en.
    await documents().update({
      documentId: stories[0],
      locale: 'fr',
      data: { title: 'Zqxcapword en français', slug: 'search-cap-story-fr', lead: 'Le plus récent.', body: 'Zqxcapword zqxcaptrio.' },
    } as never);
    await documents().publish({ documentId: stories[0], locale: 'fr' } as never);
    const answer = await search({ q: 'zqxcapword', locale: 'fr', fallback: 'true' });
    // Newest two of the chain: the French version of the oldest story, then the newest English story.
    expect(answer.data.map((hit) => `${hit.documentId}:${hit.locale}`)).toEqual([`${stories[0]}:fr`, `${stories[3]}:en`]);
    expect(answer.meta).toEqual({ pagination: { page: 1, pageSize: 10, pageCount: 1, total: 2 }, capped: true });
    // No locale alone matches more than two (French one, English two), the chain does.
    const trio = await search({ q: 'zqxcaptrio', locale: 'fr', fallback: 'true' });
    expect(trio.data.map((hit) => `${hit.documentId}:${hit.locale}`)).toEqual([`${stories[0]}:fr`, `${stories[3]}:en`]);
    expect(trio.meta).toEqual({ pagination: { page: 1, pageSize: 10, pageCount: 1, total: 2 }, capped: true });
  });
});
