import type { Core } from '@strapi/strapi';
import { ORGANISATION, TOPIC } from '../../src/domain/uids';
import { bootStrapi, http } from '../helpers/strapi';
import { createStory, documentIdBySlug, FEEDS, linksOf, rssParser } from '../helpers/syndication-fixtures';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
});
afterAll(async () => teardown());

const TURIN_EN = 'In Turin, national trade union representatives discuss the challenges of modern communication';
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';

type JsonFeedItem = {
  id: string;
  url: string;
  title: string;
  content_html?: string;
  content_text?: string;
  summary?: string;
  date_published: string;
  language: string;
  tags?: string[];
  authors?: Array<{ name: string }>;
  _syndication: { licence: { id: string; url: string }; translations: Array<{ language: string; url: string }> };
};
type JsonFeed = {
  version: string;
  title: string;
  feed_url: string;
  language: string;
  items: JsonFeedItem[];
  _syndication: { alternates: Array<{ type: string; url: string }> };
};

const getJson = async (query = ''): Promise<JsonFeed> => {
  const res = await http(strapi)
    .get(`${FEEDS.json}${query}`)
    .buffer(true)
    .parse((response, done) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => done(null, text));
    });
  expect(res.status).toBe(200);
  return JSON.parse(res.body as string) as JsonFeed;
};

const titlesOf = async (query = ''): Promise<string[]> => (await getJson(query)).items.map((item) => item.title);

describe('RSS 2.0', () => {
  it('is valid RSS a feed reader parses, with the Turin story, its licence and its Russian translation', async () => {
    const res = await http(strapi).get(FEEDS.rss);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const feed = await rssParser.parseString(res.text);
    expect(feed.language).toBe('en');
    const self = linksOf(feed.atomLinks).find((link) => link.rel === 'self');
    expect(self?.href).toBe('http://cms.test/api/syndication/feeds/stories.rss');
    const alternates = linksOf(feed.atomLinks)
      .filter((link) => link.rel === 'alternate')
      .map((link) => link.type);
    expect(alternates.sort()).toEqual(['application/atom+xml', 'application/feed+json']);

    const turin = feed.items.find((item) => item.title === TURIN_EN);
    expect(turin).toBeDefined();
    expect(turin?.link).toBe('http://cms.test/en/stories/national-unions-discuss-modern-communication-in-turin');
    expect(turin?.guid).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(turin?.['creativeCommons:license']).toBe(CC_BY);
    expect(turin?.['dc:language']).toBe('en');
    expect(turin?.categories).toEqual(expect.arrayContaining(['Advocacy', 'Communication', 'Union revitalisation']));
    expect(turin?.content).toMatch(/^A training course/);
    expect(turin?.['content:encoded']).toContain('<p>Participants from 10 countries');
    const hreflangs = linksOf(turin?.atomLinks).map((link) => [link.hreflang, link.href]);
    expect(hreflangs).toContainEqual(['ru', 'http://cms.test/ru/stories/v-turine-predstaviteli-nacionalnyh-profsoyuzov-obsuzhdayut-kommunikacii']);
  });
});

describe('Atom 1.0', () => {
  it('serves the Russian feed with language, licence link and hreflang alternates', async () => {
    const res = await http(strapi).get(`${FEEDS.atom}?locale=ru`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(res.text).toContain('xml:lang="ru"');
    const feed = await rssParser.parseString(res.text);
    const feedLinks = linksOf(feed.links);
    expect(feedLinks.find((link) => link.rel === 'self')?.href).toBe('http://cms.test/api/syndication/feeds/stories.atom?locale=ru');
    expect(feedLinks.filter((link) => link.rel === 'alternate').map((link) => link.type)).toEqual(
      expect.arrayContaining(['application/rss+xml', 'application/feed+json']),
    );
    expect(feed.items).toHaveLength(1);
    const [turin] = feed.items;
    expect(turin.title).toMatch(/^В Турине/);
    const links = linksOf(turin.links);
    expect(links.find((link) => link.rel === 'license')?.href).toBe(CC_BY);
    expect(
      links
        .filter((link) => link.rel === 'alternate')
        .map((link) => link.hreflang)
        .sort(),
    ).toEqual(['en', 'ru']);
    expect(links.find((link) => link.hreflang === 'en')?.href).toBe('http://cms.test/en/stories/national-unions-discuss-modern-communication-in-turin');
  });
});

describe('JSON Feed 1.1', () => {
  it('has the spec’s required fields and the same item ids as RSS and Atom', async () => {
    const json = await getJson();
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(typeof json.title).toBe('string');
    expect(json.language).toBe('en');
    expect(json.feed_url).toBe('http://cms.test/api/syndication/feeds/stories.json');
    expect(json._syndication.alternates.map((alternate) => alternate.type).sort()).toEqual(['application/atom+xml', 'application/rss+xml']);
    for (const item of json.items) {
      expect(typeof item.id).toBe('string');
      expect(typeof (item.content_html ?? item.content_text)).toBe('string');
    }
    const turin = json.items.find((item) => item.title === TURIN_EN);
    expect(turin?._syndication.licence).toEqual({ id: 'CC-BY-4.0', url: CC_BY });
    expect(turin?._syndication.translations.map((translation) => translation.language)).toEqual(['ru']);
    expect(turin?.authors?.[0].name).toBe('Federation of Trade Unions of the Republic of Kazakhstan');

    const rss = await rssParser.parseString((await http(strapi).get(FEEDS.rss)).text);
    const atom = await rssParser.parseString((await http(strapi).get(FEEDS.atom)).text);
    const rssTurin = rss.items.find((item) => item.title === TURIN_EN);
    const atomTurin = atom.items.find((item) => item.title === TURIN_EN);
    expect(rssTurin?.guid).toBe(turin?.id);
    expect(atomTurin?.id).toBe(turin?.id);
  });
});

describe('filters and selection', () => {
  let youth: string;
  let ilo: string;
  let fprk: string;

  beforeAll(async () => {
    youth = await documentIdBySlug(strapi, TOPIC, 'youth');
    ilo = await documentIdBySlug(strapi, ORGANISATION, 'ilo');
    fprk = await documentIdBySlug(strapi, ORGANISATION, 'fprk');
    await createStory(strapi, { title: 'Young workers organise', slug: 'young-workers-organise', topics: [youth], publisher: ilo });
    await createStory(strapi, { title: 'Embargoed story', slug: 'embargoed-story', embargoUntil: '2999-01-01T00:00:00.000Z', publisher: fprk });
    await createStory(strapi, { title: 'Embargo over', slug: 'embargo-over', embargoUntil: '2001-01-01T00:00:00.000Z', publisher: fprk });
    await createStory(strapi, { title: 'Not for partners', slug: 'not-for-partners', allowed: false, publisher: fprk });
    await createStory(strapi, { title: 'Only a draft', slug: 'only-a-draft', publish: false, publisher: fprk });
  });

  it('shows published, allowed stories past their embargo, newest first', async () => {
    const titles = await titlesOf();
    expect(titles).toEqual(expect.arrayContaining(['Young workers organise', 'Embargo over', TURIN_EN]));
    expect(titles).not.toContain('Embargoed story');
    expect(titles).not.toContain('Not for partners');
    expect(titles).not.toContain('Only a draft');
    const dates = (await getJson()).items.map((item) => Date.parse(item.date_published));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  });

  it('filters by topic and by publisher, and limits', async () => {
    expect(await titlesOf('?topic=youth')).toEqual(['Young workers organise']);
    expect(await titlesOf('?topic=advocacy')).toEqual([TURIN_EN]);
    expect(await titlesOf('?organisation=ilo')).toEqual(['Young workers organise']);
    const fprkTitles = await titlesOf('?organisation=fprk');
    expect(fprkTitles).toEqual(expect.arrayContaining([TURIN_EN, 'Embargo over']));
    expect(fprkTitles).not.toContain('Young workers organise');
    expect(await titlesOf('?topic=youth&organisation=fprk')).toEqual([]);
    expect(await titlesOf('?topic=women')).toEqual([]);
    expect(await titlesOf('?limit=1')).toHaveLength(1);
  });

  it('renders what an editor or a partner put in the body inert', async () => {
    const payload = [
      'Hello <script>alert("s")</script>',
      '<img src="x.png" onerror="alert(1)">',
      '<a href="javascript:alert(2)">click</a> [md](javascript:alert(3)) <a href="JaVaScRiPt:alert(4)">x</a>',
      '<iframe src="https://evil.example"></iframe><svg onload="alert(5)"></svg><style>body{}</style>',
      '<p onclick="alert(6)" style="x">para</p> ]]> <![CDATA[ x ]]>',
      '<a href="https://ok.example/page">fine link</a>',
    ].join('\n\n');
    await createStory(strapi, { title: 'XSS ]]> <b>probe</b> & co', slug: 'xss-probe', body: payload, lead: 'Lead ]]> & <i>', publisher: fprk });

    const json = await getJson();
    const item = json.items.find((entry) => entry.title === 'XSS ]]> <b>probe</b> & co');
    const rss = await rssParser.parseString((await http(strapi).get(FEEDS.rss)).text);
    const atom = await rssParser.parseString((await http(strapi).get(FEEDS.atom)).text);
    const rssItem = rss.items.find((entry) => entry.title === 'XSS ]]> <b>probe</b> & co');
    const atomItem = atom.items.find((entry) => entry.title === 'XSS ]]> <b>probe</b> & co');
    expect(atomItem).toBeDefined();
    for (const html of [item?.content_html, rssItem?.['content:encoded'], atomItem?.content]) {
      expect(html).toBeDefined();
      const lower = String(html).toLowerCase();
      expect(lower).not.toContain('<script');
      expect(lower).not.toMatch(/\son[a-z]+=/);
      // A refused Markdown link stays as plain text; no attribute may carry the scheme.
      expect(lower).not.toMatch(/(href|src)\s*=\s*["']?\s*javascript:/);
      expect(lower).not.toContain('<iframe');
      expect(lower).not.toContain('<svg');
      expect(lower).not.toContain('<style');
      expect(lower).not.toContain('style=');
      expect(html).toContain('href="https://ok.example/page"');
      expect(html).toContain('src="http://cms.test/x.png"');
    }
    expect(rssItem?.content).toBe('Lead ]]> & <i>');
    expect(atomItem?.summary).toBe('Lead ]]> & <i>');
    expect(item?.summary).toBe('Lead ]]> & <i>');
  });
});

describe('bad parameters', () => {
  it.each([
    'limit=0',
    'limit=101',
    'limit=abc',
    'limit=1.5',
    'limit=',
    'limit=1&limit=2',
    'foo=bar',
    'populate=*',
    'topic=no-such-topic',
    'topic[$ne]=x',
    'topic=Bad Slug',
    'organisation=no-such-org',
    'locale=xx',
  ])('%s is a 400 in Strapi’s error shape', async (query) => {
    for (const url of Object.values(FEEDS)) {
      const res = await http(strapi).get(`${url}?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
      expect(typeof res.body.error.message).toBe('string');
      expect(JSON.stringify(res.body)).not.toMatch(/select |sqlite|postgres|stack/i);
    }
  });
});

describe('GraphQL', () => {
  const query = `query($locale: String, $topic: String, $organisation: String, $limit: Int) {
    syndicationStories(locale: $locale, topic: $topic, organisation: $organisation, limit: $limit) {
      id title link publishedAt updatedAt language summary contentHtml
      publisher { name slug } categories { slug name } licence { id url } translations { locale link }
    }
  }`;

  it('returns the same items as the feeds, typed', async () => {
    const res = await http(strapi)
      .post('/graphql')
      .send({ query, variables: { locale: 'ru' } });
    expect(res.status).toBe(200);
    const items = res.body.data.syndicationStories as Array<Record<string, unknown>>;
    const atom = await rssParser.parseString((await http(strapi).get(`${FEEDS.atom}?locale=ru`)).text);
    expect(items.map((item) => item.id)).toEqual(atom.items.map((item) => item.id));
    expect(items[0]).toMatchObject({
      language: 'ru',
      licence: { id: 'CC-BY-4.0', url: CC_BY },
      publisher: { slug: 'fprk' },
      translations: [{ locale: 'en', link: 'http://cms.test/en/stories/national-unions-discuss-modern-communication-in-turin' }],
    });

    const filtered = await http(strapi)
      .post('/graphql')
      .send({ query, variables: { topic: 'youth', limit: 5 } });
    expect((filtered.body.data.syndicationStories as Array<{ title: string }>).map((item) => item.title)).toEqual(['Young workers organise']);
  });

  it('refuses bad arguments with a client error and nothing internal', async () => {
    for (const variables of [{ limit: 0 }, { limit: 500 }, { topic: 'no-such-topic' }, { locale: 'xx' }]) {
      const res = await http(strapi).post('/graphql').send({ query, variables });
      expect(res.body.data).toBeNull();
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.body)).not.toMatch(/select |sqlite|postgres|stacktrace/i);
    }
  });
});

it('shows no admin user fields and no private contact details', async () => {
  const text = (await http(strapi).get(FEEDS.json)).text;
  expect(text).not.toMatch(/createdBy|updatedBy|@example\.org/);
});
