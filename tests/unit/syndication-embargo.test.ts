import feedsController from '../../plugins/syndication/server/src/controllers/feeds';
import feedsService from '../../plugins/syndication/server/src/services/feeds';
import itemsService from '../../plugins/syndication/server/src/services/items';
import { registerGraphql } from '../../plugins/syndication/server/src/graphql';
import type { FeedModel, ModelResult } from '../../plugins/syndication/server/src/utils/types';
import { fakeDocuments } from '../helpers/document-filters';

/**
 * When an embargoed story enters the feeds and the GraphQL query, and until when an answer
 * built before may be reused (the expiry each answer gives the response cache): decided on an
 * explicit `now`, never by waiting. tests/api/syndication-cache.test.ts and response-cache.test.ts check the
 * outcome on the running app: the story does show, without an edit.
 */

const STORY = 'api::story.story';
const NOW = Date.parse('2025-03-28T10:00:00.000Z');
const HOUR = 3_600_000;
const iso = (time: number) => new Date(time).toISOString();

const CONFIG = {
  contentTypes: { story: STORY, topic: 'api::topic.topic', organisation: 'api::organisation.organisation' },
  siteUrl: 'https://site.test',
  storyPathTemplate: '/{locale}/stories/{slug}',
  feedTitle: 'Union stories',
  feedDescription: 'Stories partners may republish',
  maxAgeSeconds: 60,
  cacheMaxEntries: 100,
};

/** The public-cache plugin's store of rendered values, keeping nothing: every call renders. */
const PASS_THROUGH = { rendered: { get: (_key: string, render: () => Promise<unknown>) => render() } };

/** The parts of Strapi the plugin's services use, around `services` and a documents table. */
const fakeStrapi = ({
  documents,
  services = {},
  graphql,
}: {
  documents?: ReturnType<typeof fakeDocuments>;
  services?: Record<string, unknown>;
  graphql?: unknown;
}) => {
  const fingerprint = { current: async () => 'fingerprint-1', invalidate: () => undefined };
  return {
    config: {
      get: (key: string, fallback?: unknown) =>
        ({ 'plugin::syndication': CONFIG, 'server.absoluteUrl': 'https://cms.test', 'api.rest.prefix': '/api' })[key] ?? fallback,
    },
    documents: () => documents,
    db: { query: () => ({ findMany: async () => [], findOne: async () => ({ id: 1 }) }) },
    // A content fingerprint kept in Strapi's container (for code that reads one): it never changes.
    has: () => true,
    get: () => fingerprint,
    plugin: (name: string) =>
      name === 'graphql'
        ? graphql
        : {
            service: (service: string) =>
              name === 'i18n' ? { find: async () => [{ code: 'en' }], getDefaultLocale: async () => 'en' } : { ...PASS_THROUGH, ...services }[service],
          },
  } as never;
};

type StoryFacts = { title: string; embargoUntil?: number | null; allowed?: boolean; topics?: string[] };

const story = ({ title, embargoUntil = null, allowed = true, topics = [] }: StoryFacts, index: number) => ({
  documentId: `doc${index}`,
  locale: 'en',
  title,
  slug: `story-${index}`,
  body: '',
  publishedAt: iso(NOW - 10 * HOUR + index),
  updatedAt: iso(NOW - 10 * HOUR + index),
  publisher: null,
  topics: topics.map((slug) => ({ slug, name: slug })),
  syndication: { allowed, embargoUntil: embargoUntil === null ? null : iso(embargoUntil) },
});

const build = (stories: StoryFacts[]) => {
  const items = itemsService({ strapi: fakeStrapi({ documents: fakeDocuments(stories.map(story)) }) });
  return async (now: number, query: { topic?: string } = {}) => {
    const result = await items.build({ limit: 50, ...query }, new Date(now));
    if (!result.ok) throw new Error(result.error.message);
    return { titles: result.model.items.map((item) => item.title).sort(), expiresAt: result.model.expiresAt };
  };
};

describe('a feed at a given instant', () => {
  const stories: StoryFacts[] = [
    { title: 'No embargo' },
    { title: 'Embargo over', embargoUntil: NOW - HOUR },
    { title: 'Embargo ends in an hour', embargoUntil: NOW + HOUR },
    { title: 'Embargo ends in two hours', embargoUntil: NOW + 2 * HOUR },
    // Never shown, so its embargo end changes nothing in any feed.
    { title: 'Not for partners', embargoUntil: NOW + HOUR / 2, allowed: false },
  ];

  it('hides a story until the instant its embargo ends, and goes stale at the earliest embargo end still ahead', async () => {
    const feedAt = build(stories);
    expect(await feedAt(NOW)).toEqual({ titles: ['Embargo over', 'No embargo'], expiresAt: NOW + HOUR });
    expect(await feedAt(NOW + HOUR - 1)).toEqual({ titles: ['Embargo over', 'No embargo'], expiresAt: NOW + HOUR });
    expect(await feedAt(NOW + HOUR)).toEqual({ titles: ['Embargo ends in an hour', 'Embargo over', 'No embargo'], expiresAt: NOW + 2 * HOUR });
    expect(await feedAt(NOW + 2 * HOUR)).toEqual({
      titles: ['Embargo ends in an hour', 'Embargo ends in two hours', 'Embargo over', 'No embargo'],
      expiresAt: null,
    });
  });

  it('goes stale only at the embargo ends of the stories it would show', async () => {
    const feedAt = build([
      { title: 'Youth, embargoed', embargoUntil: NOW + 2 * HOUR, topics: ['youth'] },
      { title: 'Advocacy, embargoed', embargoUntil: NOW + HOUR, topics: ['advocacy'] },
    ]);
    expect(await feedAt(NOW, { topic: 'youth' })).toEqual({ titles: [], expiresAt: NOW + 2 * HOUR });
    expect(await feedAt(NOW)).toEqual({ titles: [], expiresAt: NOW + HOUR });
    expect(await feedAt(NOW + HOUR, { topic: 'youth' })).toEqual({ titles: [], expiresAt: NOW + 2 * HOUR });
  });

  it('never goes stale by time alone without an embargo ahead', async () => {
    expect(await build([{ title: 'No embargo' }, { title: 'Embargo over', embargoUntil: NOW - 1 }])(NOW)).toEqual({
      titles: ['Embargo over', 'No embargo'],
      expiresAt: null,
    });
  });
});

/** What the code told the response cache (the public-cache plugin's hints), read without naming its key. */
const hintIn = (state: Record<string, unknown>) =>
  Object.values(state).find((value): value is { expiresAt: number | null } => typeof value === 'object' && value !== null && 'expiresAt' in value);

/** The public-cache plugin's hints service, as far as these answers use it: it notes the expiry in the request's state. */
const HINTS = {
  expireAt: (state: Record<string, unknown>, expiresAt: number | null) => {
    state.expiry = { expiresAt };
  },
  refuse: () => undefined,
};

/** The feeds service over an items service whose every model goes stale at `expiresAt`. */
const feedsUntil = (expiresAt: number | null) => {
  const model: FeedModel = { query: { limit: 50 }, locale: 'en', items: [], updated: new Date(NOW - HOUR), expiresAt };
  const items = { build: async (): Promise<ModelResult> => ({ ok: true, model }) };
  return feedsService({ strapi: fakeStrapi({ services: { items } }) });
};

describe('what an answer with stories tells the response cache', () => {
  it.each(['rss', 'atom', 'json'] as const)('the %s feed goes stale at the next embargo end, and never by time alone without one', async (format) => {
    for (const expiresAt of [NOW + HOUR, null]) {
      const feeds = feedsUntil(expiresAt);
      expect((await feeds.feed(format, { limit: 50 })).expiresAt).toBe(expiresAt);
      const strapi = fakeStrapi({ services: { feeds, hints: HINTS } });
      const ctx = {
        method: 'GET',
        query: {},
        state: {} as Record<string, unknown>,
        status: 0,
        body: undefined as unknown,
        type: '',
        response: { get: () => undefined },
        get: () => '',
        set: () => undefined,
      };
      await feedsController({ strapi })[format](ctx as never);
      expect(ctx.status).toBe(200);
      expect(hintIn(ctx.state)?.expiresAt ?? null).toBe(expiresAt);
    }
  });

  it('GraphQL syndicationStories goes stale at the next embargo end, and never by time alone without one', async () => {
    for (const expiresAt of [NOW + HOUR, null]) {
      let extension: ((context: { nexus: unknown }) => { resolvers: { Query: Record<string, (...args: unknown[]) => Promise<unknown>> } }) | undefined;
      const graphql = { service: () => ({ shadowCRUD: () => ({ disable: () => undefined }), use: (factory: typeof extension) => (extension = factory) }) };
      const feeds = feedsUntil(expiresAt);
      expect((await feeds.items({ limit: 50 })).expiresAt).toBe(expiresAt);
      const strapi = fakeStrapi({ services: { feeds, hints: HINTS }, graphql });
      registerGraphql(strapi);
      if (!extension) throw new Error('the syndication plugin registered no GraphQL extension');
      // The type definitions are only built, not run: any constructor will do.
      const nexus = new Proxy({}, { get: () => (definition: unknown) => definition });
      const state: Record<string, unknown> = {};
      await extension({ nexus }).resolvers.Query.syndicationStories(null, {}, { state });
      expect(hintIn(state)?.expiresAt ?? null).toBe(expiresAt);
    }
  });
});
