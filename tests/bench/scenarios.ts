import type { DatasetSummary } from './lib/protocol';

/** One load: what autocannon sends, and what a correct answer looks like. */
export interface Scenario {
  name: string;
  /** Which server: the bare Koa baseline or the app. */
  target: 'koa' | 'app';
  /** One request, or several that each connection cycles through. */
  requests: Array<{ method?: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string }>;
  /** The status every answer must have (anything else counts as an error). */
  status: number;
  /** Extra check of one answer before the load (throws with the reason). */
  check?: (body: string) => void;
  /** An editor publishes a story every second during the measurement. */
  publishing?: boolean;
  /** Measured with the app's response cache off: what every request costs when nothing is cached. */
  cacheOff?: boolean;
  description: string;
}

const LIST_FIELDS = 'documentId title slug lead body canonicalUrl licence locale publishedAt updatedAt';
export const storyList = (pageSize: number) =>
  `/api/stories?locale=en&pagination[pageSize]=${pageSize}&populate[0]=publisher&populate[1]=topics&sort=publishedAt:desc`;

const graphqlList = (pageSize: number) =>
  JSON.stringify({
    query: `{ stories(locale: "en", pagination: { pageSize: ${pageSize} }, sort: "publishedAt:desc") { ${LIST_FIELDS} publisher { documentId name acronym slug kind country website } topics { documentId name slug description } } }`,
  });

const expectItems = (count: number, pick: (json: unknown) => unknown[]) => (body: string) => {
  const items = pick(JSON.parse(body));
  if (!Array.isArray(items) || items.length !== count) throw new Error(`expected ${count} items, got ${Array.isArray(items) ? items.length : typeof items}`);
};

const restItems = (json: unknown) => (json as { data: unknown[] }).data;

/**
 * Searches as a website's visitors type them, in the three locales of the data set: stemmed
 * English and Russian, Kazakh by prefix and with a typo, and Kazakh falling back to Russian
 * and English. The data set's texts are drawn from 30 words per language, so every query
 * matches nearly every story of its locale: each answer ranks thousands of hits.
 */
const SEARCHES = [
  'q=union&locale=en&types=story',
  'q=collective%20bargaining&locale=en',
  'q=solidarity%20training&locale=en&page=3',
  `q=${encodeURIComponent('профсоюз')}&locale=ru`,
  `q=${encodeURIComponent('коллективный договор')}&locale=ru&types=story`,
  `q=${encodeURIComponent('кәсіподақ')}&locale=kk`,
  `q=${encodeURIComponent('жумысшылар')}&locale=kk`,
  `q=${encodeURIComponent('цифрлық экономика')}&locale=kk&fallback=true`,
].map((query) => ({ path: `/api/search?${query}` }));

/**
 * Searches that match a few documents, as most real searches do: organisations by acronym
 * (`ORG1`, one per organisation and locale), in the three locales, Kazakh by prefix, and the
 * guides' series. What a search costs beside ranking thousands of hits.
 */
// Organisation acronyms that exist at every scale (--scale small has 3 organisations: ORG0-ORG2).
const SELECTIVE_SEARCHES = [
  'q=ORG1&locale=en',
  'q=ORG2&locale=ru&types=organisation',
  'q=org0&locale=kk',
  'q=ORG1&locale=kk&fallback=true',
  'q=ORG0%20ORG2&locale=en',
  'q=Bench%20series&types=guide&pageSize=5',
].map((query) => ({ path: `/api/search?${query}` }));

/**
 * The first search ("union", a word of nearly every English text of the data set) finds nearly
 * every published English story: the index holds the whole data set, bulk-copied stories included.
 */
const expectWholeIndex = (dataset: DatasetSummary) => (body: string) => {
  const answer = JSON.parse(body) as { data: unknown[]; meta: { pagination: { total: number } } };
  const stories = dataset.counts.publishedStoryRows / 3;
  if (answer.meta.pagination.total < 0.98 * stories) {
    throw new Error(`the search index holds ${answer.meta.pagination.total} of ${stories} English stories: run npm run search:reindex on the data set`);
  }
  if (answer.data.length !== Math.min(10, stories)) throw new Error(`expected ${Math.min(10, stories)} hits, got ${answer.data.length}`);
};

/** `calendarBytes`: the size of the events.ics answer, for bare Koa to send as many bytes. */
export const buildScenarios = (dataset: DatasetSummary, etags: Record<string, string>, calendarBytes: number): Scenario[] => {
  const bySlug = dataset.sampleSlugs.map(({ locale, slug }) => ({
    path: `/api/stories?locale=${locale}&filters[slug][$eq]=${encodeURIComponent(slug)}&populate[0]=publisher&populate[1]=topics&populate[2]=cover`,
  }));
  const feed = (format: string) => `/api/syndication/feeds/stories.${format}`;
  const listLength = (size: number) => Math.min(size, dataset.counts.publishedStoryRows / 3);
  const readMix = [{ path: storyList(25) }, ...bySlug.slice(0, 5), { path: feed('json') }];
  return [
    { name: 'koa-baseline', target: 'koa', requests: [{ path: '/' }], status: 200, description: 'bare Koa, JSON body the size of a 25-story page' },
    {
      name: 'koa-bytes',
      target: 'koa',
      requests: [{ path: '/bytes' }],
      status: 200,
      description: 'bare Koa, the same body pre-serialised (the cost of sending bytes alone)',
    },
    { name: 'health', target: 'app', requests: [{ path: '/_health' }], status: 204, description: "GET /_health through the app's middleware stack" },
    {
      name: 'rest-story-by-slug',
      target: 'app',
      requests: bySlug,
      status: 200,
      check: expectItems(1, restItems),
      description: `one story by slug and locale, publisher+topics+cover (${bySlug.length} stories, 3 locales)`,
    },
    {
      name: 'rest-list-25',
      target: 'app',
      requests: [{ path: storyList(25) }],
      status: 200,
      check: expectItems(listLength(25), restItems),
      description: '25 newest stories, publisher+topics',
    },
    {
      name: 'rest-list-100',
      target: 'app',
      requests: [{ path: storyList(100) }],
      status: 200,
      check: expectItems(listLength(100), restItems),
      description: '100 newest stories, publisher+topics',
    },
    {
      name: 'graphql-list-25',
      target: 'app',
      requests: [{ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: graphqlList(25) }],
      status: 200,
      check: expectItems(listLength(25), (json) => (json as { data: { stories: unknown[] } }).data.stories),
      description: 'the same 25 stories over GraphQL',
    },
    {
      name: 'graphql-list-100',
      target: 'app',
      requests: [{ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: graphqlList(100) }],
      status: 200,
      check: expectItems(listLength(100), (json) => (json as { data: { stories: unknown[] } }).data.stories),
      description: 'the same 100 stories over GraphQL',
    },
    // The same reads with the response cache off: the cost of a miss, and the query shape.
    ...[
      { name: 'rest-story-by-slug', requests: bySlug, check: expectItems(1, restItems) },
      { name: 'rest-list-25', requests: [{ path: storyList(25) }], check: expectItems(listLength(25), restItems) },
      { name: 'rest-list-100', requests: [{ path: storyList(100) }], check: expectItems(listLength(100), restItems) },
      ...[25, 100].map((size) => ({
        name: `graphql-list-${size}`,
        requests: [{ method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body: graphqlList(size) }],
        check: expectItems(listLength(size), (json) => (json as { data: { stories: unknown[] } }).data.stories),
      })),
    ].map((scenario): Scenario => ({
      ...scenario,
      name: `${scenario.name}-uncached`,
      target: 'app',
      status: 200,
      cacheOff: true,
      description: `${scenario.name} with the response cache off`,
    })),
    { name: 'feed-rss', target: 'app', requests: [{ path: feed('rss') }], status: 200, description: 'RSS, warm (50 items)' },
    { name: 'feed-atom', target: 'app', requests: [{ path: feed('atom') }], status: 200, description: 'Atom, warm' },
    { name: 'feed-json', target: 'app', requests: [{ path: feed('json') }], status: 200, description: 'JSON Feed, warm' },
    {
      name: 'feed-rss-304',
      target: 'app',
      requests: [{ path: feed('rss'), headers: { 'if-none-match': etags.rss } }],
      status: 304,
      description: 'RSS with If-None-Match',
    },
    {
      name: 'feed-json-304',
      target: 'app',
      requests: [{ path: feed('json'), headers: { 'if-none-match': etags.json } }],
      status: 304,
      description: 'JSON Feed with If-None-Match',
    },
    { name: 'calendar-ics', target: 'app', requests: [{ path: '/api/calendar/events.ics' }], status: 200, description: 'iCalendar of events' },
    // As feed readers and calendar apps ask: compressed (the app compresses each answer once).
    {
      name: 'feed-rss-gzip',
      target: 'app',
      requests: [{ path: feed('rss'), headers: { 'accept-encoding': 'gzip' } }],
      status: 200,
      description: 'RSS, warm, Accept-Encoding: gzip',
    },
    {
      name: 'koa-bytes-calendar',
      target: 'koa',
      requests: [{ path: `/bytes?size=${calendarBytes}` }],
      status: 200,
      description: `bare Koa sending as many bytes as events.ics (${calendarBytes}): the limit for that answer`,
    },
    { name: 'calendar-upcoming', target: 'app', requests: [{ path: '/api/calendar/events?when=upcoming' }], status: 200, description: 'upcoming events, JSON' },
    // Feeds and calendars with the response cache off: what the plugins' own caches of rendered
    // bytes save (with the response cache on, only its misses reach them). Not compressed: only the
    // response cache compresses.
    ...[
      { name: 'feed-rss', requests: [{ path: feed('rss') }], status: 200 },
      { name: 'feed-atom', requests: [{ path: feed('atom') }], status: 200 },
      { name: 'feed-json', requests: [{ path: feed('json') }], status: 200 },
      { name: 'feed-rss-304', requests: [{ path: feed('rss'), headers: { 'if-none-match': etags.rss } }], status: 304 },
      { name: 'feed-json-304', requests: [{ path: feed('json'), headers: { 'if-none-match': etags.json } }], status: 304 },
      { name: 'calendar-ics', requests: [{ path: '/api/calendar/events.ics' }], status: 200 },
      { name: 'calendar-upcoming', requests: [{ path: '/api/calendar/events?when=upcoming' }], status: 200 },
    ].map((scenario): Scenario => ({
      ...scenario,
      name: `${scenario.name}-uncached`,
      target: 'app',
      cacheOff: true,
      description: `${scenario.name} with the response cache off`,
    })),
    {
      name: 'search',
      target: 'app',
      requests: SEARCHES,
      status: 200,
      check: expectWholeIndex(dataset),
      description: `GET /api/search, ${SEARCHES.length} queries in en, ru and kk (stemmed, prefix, typo, fallback)`,
    },
    {
      name: 'search-uncached',
      target: 'app',
      requests: SEARCHES,
      status: 200,
      check: expectWholeIndex(dataset),
      cacheOff: true,
      description: 'the same searches with the response cache off: each one ranks its hits in the database',
    },
    {
      name: 'search-selective-uncached',
      target: 'app',
      requests: SELECTIVE_SEARCHES,
      status: 200,
      check: (body) => {
        if ((JSON.parse(body) as { data: unknown[] }).data.length !== 1) throw new Error('expected the one organisation ORG1');
      },
      cacheOff: true,
      description: `${SELECTIVE_SEARCHES.length} searches matching a few documents each (organisation acronyms, a guide series), response cache off`,
    },
    { name: 'reads-quiet', target: 'app', requests: readMix, status: 200, description: 'read mix: list of 25, 5 stories by slug, JSON feed' },
    {
      name: 'reads-while-publishing',
      target: 'app',
      requests: readMix,
      status: 200,
      publishing: true,
      description: 'the same read mix while an editor publishes a story every second',
    },
  ];
};
