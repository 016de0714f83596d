import type { Core } from '@strapi/strapi';
import { DEMO_SLUG, parseCalendar } from '../helpers/calendar-fixtures';
import { bootStrapi, http } from '../helpers/strapi';
import { FEEDS, linksOf, rssParser } from '../helpers/syndication-fixtures';

/**
 * The plugins are plugins: with the public-cache plugin disabled (PUBLIC_CACHE=false) the
 * syndication and calendar plugins still answer, uncached, with their own validators. And with
 * PUBLIC_URL unset, feeds and calendars give absolute links on the same base URL (the one base
 * URL of @union-comms/kit).
 */
let strapi: Core.Strapi;
let teardown: () => Promise<void>;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi({ PUBLIC_CACHE: 'false', PUBLIC_URL: '' }));
});

afterAll(async () => {
  await teardown();
});

/** The scheme, host and port of an absolute URL. */
const originOf = (url: string | undefined): string => new URL(String(url)).origin;

describe('with the public-cache plugin disabled', () => {
  it('is not loaded: no plugin, no response cache', async () => {
    expect(strapi.plugin('public-cache')).toBeUndefined();
    const res = await http(strapi).get('/api/stories?locale=en');
    expect(res.status).toBe(200);
    expect(res.headers['x-cache']).toBeUndefined();
  });

  it('serves the story feed, computed for each request, with a 304 for a client holding its ETag', async () => {
    const first = await http(strapi).get(FEEDS.rss);
    expect(first.status).toBe(200);
    expect(first.headers['x-cache']).toBeUndefined();
    const feed = await rssParser.parseString(first.text);
    expect(feed.items.length).toBeGreaterThan(0);

    const again = await http(strapi).get(FEEDS.rss).set('If-None-Match', String(first.headers.etag));
    expect(again.status).toBe(304);
    expect(again.headers['x-cache']).toBeUndefined();
  });

  it('serves the calendars, the event list and the GraphQL feed items', async () => {
    const ics = await http(strapi).get('/api/calendar/events.ics?locale=en');
    expect(ics.status).toBe(200);
    expect(ics.headers['x-cache']).toBeUndefined();
    expect(parseCalendar(ics.text).events.length).toBeGreaterThan(0);

    const again = await http(strapi).get('/api/calendar/events.ics?locale=en').set('If-None-Match', String(ics.headers.etag));
    expect(again.status).toBe(304);

    const entry = await http(strapi).get(`/api/calendar/events/${DEMO_SLUG}.ics?locale=en`);
    expect(entry.status).toBe(200);

    const graphql = await http(strapi).post('/graphql').send({ query: '{ syndicationStories(limit: 2) { title } }' });
    expect(graphql.status).toBe(200);
    expect(graphql.body.errors).toBeUndefined();
    expect(graphql.body.data.syndicationStories.length).toBeGreaterThan(0);
  });
});

describe('with PUBLIC_URL unset', () => {
  it('gives feeds and calendars the same absolute base URL', async () => {
    const feed = await rssParser.parseString((await http(strapi).get(FEEDS.rss)).text);
    const self = linksOf(feed.atomLinks).find((link) => link.rel === 'self')?.href;
    expect(self).toMatch(/^https?:\/\/[^/]+\/api\/syndication\/feeds\/stories\.rss(\?|$)/);

    const list = await http(strapi).get('/api/calendar/events?locale=en');
    expect(list.status).toBe(200);
    const event = (list.body.data as Array<{ slug: string; url: string; links: Record<string, string> }>).find((item) => item.slug === DEMO_SLUG);
    expect(event).toBeDefined();
    for (const link of [event?.links.ics, event?.links.jsonld, event?.links.participants, event?.url]) {
      expect(link).toMatch(/^https?:\/\//);
      expect(originOf(link)).toBe(originOf(self));
    }
  });
});
