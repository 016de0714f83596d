import { WORDS, rng } from './data/text';
import type { DatasetSummary, MixReads } from './lib/protocol';

export interface BenchRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One load: what autocannon sends, and what a correct answer looks like. */
export interface Scenario {
  name: string;
  /** Which server: the bare Koa baseline or the app. */
  target: 'koa' | 'app';
  /** One request, or several that each connection cycles through (with `draw`: every distinct read). */
  requests: BenchRequest[];
  /**
   * Draws each request afresh (for every request of every connection, from one random stream)
   * instead of cycling through `requests`, so that connections do not replay one sequence in lockstep.
   */
  draw?: () => BenchRequest;
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
 * every published English story: the index holds the whole data set, bulk-copied stories
 * included, and a search ranks its newest 1,000 matches (the search plugin's `maxHits`).
 */
const MAX_HITS = 1000;
const expectWholeIndex = (dataset: DatasetSummary) => (body: string) => {
  const stories = dataset.counts.publishedStoryRows / 3;
  if (dataset.counts.indexedEnglishStories < 0.98 * stories) {
    throw new Error(`the search index holds ${dataset.counts.indexedEnglishStories} of ${stories} English stories: run npm run search:reindex on the data set`);
  }
  const answer = JSON.parse(body) as { data: unknown[]; meta: { pagination: { total: number }; capped: boolean } };
  if (answer.meta.pagination.total < Math.min(0.98 * stories, MAX_HITS) || answer.meta.capped !== stories > MAX_HITS) {
    throw new Error(`"union" found ${answer.meta.pagination.total} of ${stories} English stories (capped: ${answer.meta.capped})`);
  }
  if (answer.data.length !== Math.min(10, stories)) throw new Error(`expected ${Math.min(10, stories)} hits, got ${answer.data.length}`);
};

const MIX_SEED = 17;
const MIX_LOCALES = ['en', 'ru', 'kk'];
const storyPage = (locale: string, page: number, filter = '') =>
  `/api/stories?locale=${locale}${filter}&pagination[page]=${page}&pagination[pageSize]=25&populate[0]=publisher&populate[1]=topics&sort=publishedAt:desc`;
const storyBySlug = (locale: string, slug: string) =>
  `/api/stories?locale=${locale}&filters[slug][$eq]=${encodeURIComponent(slug)}&populate[0]=publisher&populate[1]=topics&populate[2]=cover`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * The distinct reads of the mix, most popular first: each kind in its own order of popularity
 * (page 1 before page 2, the newest story first), the kinds interleaved by weight (a site's
 * visitors open single stories most, then list pages, ...).
 */
export const mixUniverse = (reads: MixReads): BenchRequest[] => {
  const kinds: Array<{ weight: number; paths: string[] }> = [
    // Single stories by slug, newest first.
    { weight: 4, paths: reads.stories.map(({ locale, slug }) => storyBySlug(locale, slug)) },
    // The story list, pages 1-50 in each locale.
    { weight: 2, paths: range(1, 50).flatMap((page) => MIX_LOCALES.map((locale) => storyPage(locale, page))) },
    // Stories of a topic, pages 1-20.
    {
      weight: 1,
      paths: range(1, 20).flatMap((page) =>
        reads.topics.flatMap((slug) => MIX_LOCALES.map((locale) => storyPage(locale, page, `&filters[topics][slug][$eq]=${encodeURIComponent(slug)}`))),
      ),
    },
    // Stories of an organisation (by its publisher slug), pages 1-10.
    {
      weight: 1,
      paths: range(1, 10).flatMap((page) =>
        reads.organisations.flatMap((slug) =>
          MIX_LOCALES.map((locale) => storyPage(locale, page, `&filters[publisher][slug][$eq]=${encodeURIComponent(slug)}`)),
        ),
      ),
    },
    // An organisation's page.
    {
      weight: 1,
      paths: reads.organisations.flatMap((slug) =>
        MIX_LOCALES.map((locale) => `/api/organisations?locale=${locale}&filters[slug][$eq]=${encodeURIComponent(slug)}&populate[0]=parent`),
      ),
    },
    // Searches: each word of the data set's vocabulary, then pairs of words, in each locale.
    {
      weight: 1,
      paths: MIX_LOCALES.flatMap((locale) => {
        const words = WORDS[locale] ?? [];
        const pairs = words.flatMap((first, i) => words.slice(i + 1).map((second) => `${first} ${second}`));
        return [...words, ...pairs].map((q) => ({ q, locale }));
      })
        .sort((a, b) => a.q.split(' ').length - b.q.split(' ').length)
        .map(({ q, locale }) => `/api/search?q=${encodeURIComponent(q)}&locale=${locale}`),
    },
  ];
  // Weighted interleaving: the i-th read of a kind of weight w ranks at (i + 0.5) / w.
  const ranked = kinds.flatMap(({ weight, paths }) => paths.map((path, i) => ({ path, rank: (i + 0.5) / weight })));
  ranked.sort((a, b) => a.rank - b.rank);
  const seen = new Set<string>();
  return ranked.filter(({ path }) => !seen.has(path) && seen.add(path)).map(({ path }) => ({ path }));
};

/** Draws from `items` in proportion to `weights`, from a seeded random stream. */
export const weightedDraw = <T>(items: readonly T[], weights: readonly number[], seed: number): (() => T) => {
  const cumulative: number[] = [];
  let total = 0;
  for (const weight of weights) cumulative.push((total += weight));
  const random = rng(seed);
  return () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] <= target) low = middle + 1;
      else high = middle;
    }
    return items[low];
  };
};

/** Draws from `items` (most popular first) with Zipf's law: P(rank k) ~ 1 / k^s. */
export const zipfDraw = <T>(items: readonly T[], s: number, seed: number): (() => T) =>
  weightedDraw(
    items,
    items.map((_, i) => 1 / (i + 1) ** s),
    seed,
  );

export const buildScenarios = (dataset: DatasetSummary, etags: Record<string, string>, reads: MixReads): Scenario[] => {
  const bySlug = dataset.sampleSlugs.map(({ locale, slug }) => ({ path: storyBySlug(locale, slug) }));
  const mix = mixUniverse(reads);
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
    {
      name: 'mix-zipf',
      target: 'app',
      requests: mix,
      draw: zipfDraw(mix, 1, MIX_SEED),
      status: 200,
      publishing: true,
      description: `${mix.length} distinct reads (stories by slug, list pages 1-50, by topic, by organisation, organisations, searches; en/ru/kk) drawn with Zipf's law (s = 1, seed ${MIX_SEED}) while an editor publishes a story every second`,
    },
  ];
};
