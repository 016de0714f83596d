import type { Core } from '@strapi/strapi';
import { findLeaks } from '../helpers/content';
import { bootStrapi, http } from '../helpers/strapi';

/**
 * GET /api/search and GraphQL `search` as a website uses them, on the demo content plus a few
 * stories written here through the document service, as an editor would: French and Spanish
 * versions of the Turin story, a Kazakh story with a Russian version, a story whose body holds
 * HTML, and stories the public may not see (a draft, an unpublished one, a pending edit).
 */

const STORY = 'api::story.story';

type Hit = { type: string; documentId: string; locale: string; slug: string | null; title: string; snippet: string; score: number; publishedAt: string };
type Answer = { data: Hit[]; meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number }; capped: boolean } };

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let turinStory: string;
let kazakhStory: string;

const documents = () => strapi.documents(STORY);

/** A story through the document service: created in `locale`, published unless told not to. */
const createStory = async (locale: string, data: Record<string, unknown>, { publish = true } = {}): Promise<string> => {
  const created = (await documents().create({ locale, data: { licence: 'CC-BY-4.0', ...data } } as never)) as { documentId: string };
  if (publish) await documents().publish({ documentId: created.documentId, locale } as never);
  return created.documentId;
};

/** Another locale of a story, published. */
const addLocale = async (documentId: string, locale: string, data: Record<string, unknown>) => {
  await documents().update({ documentId, locale, data } as never);
  await documents().publish({ documentId, locale } as never);
};

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
  const turin = (await documents().findFirst({ locale: 'en', filters: { slug: 'national-unions-discuss-modern-communication-in-turin' } } as never)) as {
    documentId: string;
  };
  turinStory = turin.documentId;
  await addLocale(turinStory, 'fr', {
    title: 'À Turin, les syndicats nationaux discutent des défis de la communication moderne',
    slug: 'a-turin-les-syndicats-discutent-de-la-communication',
    lead: 'Un cours de formation sur le travail d’information et de plaidoyer se tient en Italie.',
    body: 'Des travailleurs de 10 pays échangent leurs expériences.',
  });
  await addLocale(turinStory, 'es', {
    title: 'En Turín, los sindicatos nacionales debaten los retos de la comunicación moderna',
    slug: 'en-turin-los-sindicatos-debaten-la-comunicacion',
    lead: 'Un curso de formación sobre el trabajo de información y promoción se celebra en Italia.',
    body: 'Trabajadores de 10 países intercambian experiencias.',
  });
  kazakhStory = await createStory('kk', {
    title: 'Астанада кәсіподақтар жиналды',
    slug: 'astanada-kasipodaqtar-zhinaldy',
    lead: 'Жұмысшылардың құқықтары туралы форум өтті.',
    body: 'Кәсіподақтардың өкілдері ынтымақ туралы сөйлесті.',
  });
  await addLocale(kazakhStory, 'ru', {
    title: 'В Астане собрались профсоюзы',
    slug: 'v-astane-sobralis-profsoyuzy',
    lead: 'Прошёл форум о правах работников.',
    body: 'Делегаты из Москвы рассказали о солидарности.',
  });
  await createStory('en', {
    title: 'A story whose body holds markup',
    slug: 'a-story-whose-body-holds-markup',
    lead: 'Plain lead.',
    body: 'Before <script>alert("quokka")</script> the <b onclick="x()">quokka</b> [[bracketed]] **quokka** [a link](https://tracker.example/quokka) <img src=x onerror=alert(1)> end.',
  });
  await createStory('en', { title: 'Never published', slug: 'never-published-search-story', body: 'The word zqxdraftonly is in a draft.' }, { publish: false });
  const unpublished = await createStory('en', {
    title: 'Unpublished later',
    slug: 'unpublished-search-story',
    body: 'The word zqxunpublished was public once.',
  });
  await documents().unpublish({ documentId: unpublished, locale: 'en' } as never);
  const edited = await createStory('en', { title: 'Edited later', slug: 'edited-search-story', body: 'The published body.' });
  await documents().update({ documentId: edited, locale: 'en', data: { body: 'The pending edit says zqxpendingedit.' } } as never);
});
afterAll(async () => teardown());

const get = (path: string) => http(strapi).get(path);
const search = async (query: Record<string, string>): Promise<Answer> => {
  const res = await get(`/api/search?${new URLSearchParams(query).toString()}`);
  expect(res.status).toBe(200);
  return res.body as Answer;
};
const hitsOf = (answer: Answer) => answer.data.map((hit) => `${hit.type}:${hit.documentId}:${hit.locale}`);

describe('GET /api/search', () => {
  it('answers the contract: hits with type, documentId, locale, slug, title, snippet, score, publishedAt, and a pagination', async () => {
    const answer = await search({ q: 'Турин', locale: 'ru' });
    expect(answer.data).toHaveLength(1);
    const [hit] = answer.data;
    expect(Object.keys(hit).sort()).toEqual(['documentId', 'locale', 'publishedAt', 'score', 'slug', 'snippet', 'title', 'type']);
    expect(hit).toMatchObject({
      type: 'story',
      documentId: turinStory,
      locale: 'ru',
      slug: 'v-turine-predstaviteli-nacionalnyh-profsoyuzov-obsuzhdayut-kommunikacii',
      title: 'В Турине представители Национальных профсоюзов обсуждают проблемы современных коммуникаций',
    });
    expect(hit.score).toBeGreaterThan(0);
    expect(hit.score).toBeLessThanOrEqual(1);
    expect(new Date(hit.publishedAt).toISOString()).toBe(hit.publishedAt);
    expect(answer.meta).toEqual({ pagination: { page: 1, pageSize: 10, pageCount: 1, total: 1 }, capped: false });
  });

  it('stems Russian: "Турин" finds the story that says "В Турине"', async () => {
    const answer = await search({ q: 'Турин', locale: 'ru' });
    expect(answer.data.map((hit) => hit.title)).toEqual([expect.stringContaining('В Турине')]);
    // Another form of a word of the body ("профсоюзного движения" → "профсоюзное").
    expect(hitsOf(await search({ q: 'профсоюзное движение', locale: 'ru' }))).toContain(`story:${turinStory}:ru`);
  });

  it('stems English: "communicate" finds "communication", in English only, best match first', async () => {
    const answer = await search({ q: 'communicate', locale: 'en' });
    expect(answer.data.length).toBeGreaterThanOrEqual(3);
    expect(answer.data.every((hit) => hit.locale === 'en')).toBe(true);
    expect(answer.data.map((hit) => hit.type)).toEqual(expect.arrayContaining(['story', 'guide', 'event']));
    const scores = answer.data.map((hit) => hit.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // "communication" in the title and the summary outranks "communication" in a body.
    expect(answer.data[0]).toMatchObject({ type: 'guide', title: expect.stringMatching(/^Communication for impact/) });
    expect(answer.data[answer.data.length - 1]).toMatchObject({ type: 'event' });
    expect(answer.data.find((hit) => hit.type === 'story')?.snippet).toContain('[[communication]]');
  });

  it('stems French and Spanish', async () => {
    expect(hitsOf(await search({ q: 'syndicat travailleur', locale: 'fr' }))).toEqual([`story:${turinStory}:fr`]);
    expect(hitsOf(await search({ q: 'sindicato trabajador', locale: 'es' }))).toEqual([`story:${turinStory}:es`]);
    // Stop words are not searched for ("los", "de la"), as PostgreSQL's dictionaries drop them.
    expect(hitsOf(await search({ q: 'los sindicatos', locale: 'es' }))).toEqual([`story:${turinStory}:es`]);
    expect((await search({ q: 'syndicats', locale: 'es' })).data).toEqual([]);
  });

  it('finds Kazakh words by prefix and with one typo, not with two', async () => {
    const kazakh = `story:${kazakhStory}:kk`;
    expect(hitsOf(await search({ q: 'кәсіподақтар', locale: 'kk' }))).toEqual([kazakh]);
    expect(hitsOf(await search({ q: 'кәсіподақ', locale: 'kk' }))).toEqual([kazakh]); // a prefix
    expect(hitsOf(await search({ q: 'кәсиподақтар', locale: 'kk' }))).toEqual([kazakh]); // і typed as и
    expect(hitsOf(await search({ q: 'жиналд', locale: 'kk' }))).toEqual([kazakh]);
    expect(hitsOf(await search({ q: 'жинлады', locale: 'kk' }))).toEqual([kazakh]); // two letters swapped
    expect((await search({ q: 'касиподактар', locale: 'kk' })).data).toEqual([]); // three typos
    // The snippet marks the words the query matched (here: by prefix).
    expect((await search({ q: 'кәсіподақ', locale: 'kk' })).data[0].snippet).toBe(
      'Жұмысшылардың құқықтары туралы форум өтті. [[Кәсіподақтардың]] өкілдері ынтымақ туралы сөйлесті.',
    );
  });

  it('filters by type and pages through the hits', async () => {
    const organisations = await search({ q: 'ILO', types: 'organisation' });
    // By name or acronym (which weighs as the name): the ILO, ACTRAV, the ITC-ILO and its lab.
    expect(organisations.data.map((hit) => hit.slug).sort()).toEqual(['actrav', 'ilo', 'itc-ilo', 'itc-ilo-innovation-lab']);
    expect(organisations.data.every((hit) => hit.type === 'organisation')).toBe(true);

    const all = await search({ q: 'communication', types: 'story,guide,event' });
    const total = all.meta.pagination.total;
    expect(total).toBeGreaterThanOrEqual(3);
    const pages: Hit[] = [];
    for (let page = 1; page <= total; page += 1) {
      const answer = await search({ q: 'communication', types: 'story,guide,event', page: String(page), pageSize: '1' });
      expect(answer.meta.pagination).toEqual({ page, pageSize: 1, pageCount: total, total });
      pages.push(...answer.data);
    }
    expect(pages).toEqual(all.data);
    const past = await search({ q: 'communication', types: 'story,guide,event', page: String(total + 1), pageSize: '1' });
    expect(past).toEqual({ data: [], meta: { pagination: { page: total + 1, pageSize: 1, pageCount: total, total }, capped: false } });
  });

  it('falls back through the locale chain: each document once, in the first locale it is published in', async () => {
    // kk → ru → en: the Turin story has no Kazakh version, so its Russian one is searched.
    expect(hitsOf(await search({ q: 'Турин', locale: 'kk', fallback: 'true' }))).toEqual([`story:${turinStory}:ru`]);
    expect((await search({ q: 'Турин', locale: 'kk' })).data).toEqual([]);
    // The Kazakh story is shown in Kazakh, where "Москва" is not, although its Russian version says it.
    expect(hitsOf(await search({ q: 'Москва', locale: 'ru' }))).toEqual([`story:${kazakhStory}:ru`]);
    expect((await search({ q: 'Москва', locale: 'kk', fallback: 'true' })).data).toEqual([]);
    // fr → en: the story in French; guides and events, which have no French version, in English.
    const french = await search({ q: 'communication', locale: 'fr', fallback: 'true' });
    expect(hitsOf(french)).toContain(`story:${turinStory}:fr`);
    expect(french.data.filter((hit) => hit.type !== 'story').every((hit) => hit.locale === 'en')).toBe(true);
    const ids = french.data.map((hit) => hit.documentId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows snippets as plain text, matches between [[ and ]], and no markup of the body', async () => {
    const [hit] = (await search({ q: 'quokka' })).data;
    expect(hit.snippet).toBe('Plain lead. Before the [[quokka]] [bracketed] [[quokka]] a link end.');
    expect(hit.snippet).not.toMatch(/[<>]|alert|onclick|tracker\.example/);
    expect((await search({ q: 'tracker' })).data).toEqual([]);
    expect((await search({ q: 'onerror' })).data).toEqual([]);
  });

  it('never finds drafts, unpublished stories, pending edits or private participant data: they answer as a made-up word does', async () => {
    const madeUp = await get('/api/search?q=zqxneverwritten');
    expect(madeUp.status).toBe(200);
    expect(madeUp.body).toEqual({ data: [], meta: { pagination: { page: 1, pageSize: 10, pageCount: 0, total: 0 }, capped: false } });
    for (const q of ['zqxdraftonly', 'zqxunpublished', 'zqxpendingedit', 'no-consent@example.org', 'Demo participant without consent', '+39 000 000 0000']) {
      const hidden = await get(`/api/search?q=${encodeURIComponent(q)}&fallback=true`);
      const control = await get(`/api/search?q=zqxneverwritten&fallback=true`);
      expect([q, hidden.status, hidden.body]).toEqual([q, control.status, control.body]);
    }
    // The probe works: the published body of the edited story is found.
    expect((await search({ q: 'published body' })).data.map((hit) => hit.slug)).toContain('edited-search-story');
    expect(findLeaks((await get('/api/search?q=Kubasheva&fallback=true')).body)).toEqual([]);
  });

  it('treats search syntax as separators: never a 500', async () => {
    const plain = hitsOf(await search({ q: 'union communication' }));
    expect(plain.length).toBeGreaterThan(0);
    for (const q of [
      '"union" & (communication)',
      'union | communication',
      'union:* communication*',
      '(union) !communication',
      'NEAR(union communication)',
      "union' OR '1'='1",
    ]) {
      const res = await get(`/api/search?q=${encodeURIComponent(q)}`);
      expect([q, res.status]).toEqual([q, 200]);
      if (!q.includes('OR') && !q.includes('NEAR')) expect([q, hitsOf(res.body)]).toEqual([q, plain]);
    }
    for (const q of ['"', '*', ':', '&', '|', '(', ')', '\\', "'", '-', '^', '{', 'AND', 'OR', 'NOT', '"*:&|(']) {
      const res = await get(`/api/search?q=${encodeURIComponent(q)}`);
      expect([q, res.status, res.body.data]).toEqual([q, 200, []]);
    }
  });

  it.each([
    ['no q', '', ['q'], 'q is required: the text to search for'],
    ['an empty q', 'q=', ['q'], 'q must not be empty'],
    ['a blank q', 'q=%20%20', ['q'], 'q must not be empty'],
    ['q over 200 characters', `q=${'a'.repeat(201)}`, ['q'], 'q must be at most 200 characters'],
    ['q twice', 'q=a&q=b', ['q'], 'q must be a single text'],
    ['an unknown type', 'q=a&types=story,participant', ['types'], 'Unknown type "participant" in types; available: event, guide, organisation, story'],
    ['no type', 'q=a&types=,', ['types'], 'types must name at least one type (event, guide, organisation, story)'],
    ['an unknown locale', 'q=a&locale=xx', ['locale'], 'Unknown locale "xx"; available: en, es, fr, kk, ru'],
    ['page 0', 'q=a&page=0', ['page'], 'page must be a positive integer (at most 90071992547410)'],
    ['a page past the cap', 'q=a&page=90071992547411', ['page'], 'page must be a positive integer (at most 90071992547410)'],
    ['a page size over 100', 'q=a&pageSize=101', ['pageSize'], 'pageSize must be an integer from 1 to 100'],
    ['a bad fallback', 'q=a&fallback=yes', ['fallback'], 'fallback must be "true" or "false"'],
    ['an unknown parameter', 'q=a&sort=title', [], 'unknown query parameter(s): sort'],
  ])('refuses %s with a 400 in Strapi’s shape', async (_name, query, path, message) => {
    const res = await get(`/api/search?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      data: null,
      error: { status: 400, name: 'ValidationError', message, details: { errors: [{ path, message, name: 'ValidationError' }] } },
    });
  });

  it('reports every problem at once', async () => {
    const res = await get('/api/search?q=&types=nope');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('2 errors occurred');
    expect(res.body.error.details.errors.map((error: { path: string[] }) => error.path)).toEqual([['q'], ['types']]);
  });
});

describe('GraphQL search', () => {
  const gql = (query: string, variables: Record<string, unknown> = {}) => http(strapi).post('/graphql').send({ query, variables });
  const SEARCH = `query ($q: String, $locale: String, $types: [String!], $page: Int, $pageSize: Int, $fallback: Boolean) {
    search(q: $q, locale: $locale, types: $types, page: $page, pageSize: $pageSize, fallback: $fallback) {
      data { type documentId locale slug title snippet score publishedAt }
      meta { pagination { page pageSize pageCount total } capped }
    }
  }`;

  it('answers what REST answers for the same arguments', async () => {
    for (const [args, query] of [
      [{ q: 'communicate', types: ['story', 'guide'], pageSize: 2, page: 1 }, 'q=communicate&types=story,guide&pageSize=2&page=1'],
      [{ q: 'Турин', locale: 'kk', fallback: true }, `q=${encodeURIComponent('Турин')}&locale=kk&fallback=true`],
      [{ q: 'кәсиподақтар', locale: 'kk' }, `q=${encodeURIComponent('кәсиподақтар')}&locale=kk`],
    ] as const) {
      const res = await gql(SEARCH, args);
      expect(res.body.errors).toBeUndefined();
      const rest = await get(`/api/search?${query}`);
      expect(res.body.data.search).toEqual(rest.body);
      expect(rest.body.data.length).toBeGreaterThan(0);
    }
  });

  it('refuses bad arguments with the same messages, as GraphQL errors', async () => {
    for (const [args, message] of [
      [{}, 'q is required: the text to search for'],
      [{ q: ' ' }, 'q must not be empty'],
      [{ q: 'a', types: ['participant'] }, 'Unknown type "participant" in types; available: event, guide, organisation, story'],
      [{ q: 'a', locale: 'xx' }, 'Unknown locale "xx"; available: en, es, fr, kk, ru'],
      [{ q: 'a', pageSize: 101 }, 'pageSize must be an integer from 1 to 100'],
      [{ q: 'a'.repeat(201) }, 'q must be at most 200 characters'],
    ] as const) {
      const res = await gql(SEARCH, args);
      expect(res.body.data).toBeNull();
      expect(res.body.errors[0].message).toBe(message);
      expect(res.body.errors[0].extensions.error).toMatchObject({ name: 'ValidationError' });
    }
    const syntax = await gql(SEARCH, { q: '"*:&|(' });
    expect(syntax.body.data.search.data).toEqual([]);
  });
});
