import { feedHtmlToMarkdown, feedHtmlToText } from '../../plugins/syndication/server/src/utils/feed-html';
import { feedItems, licenceOf, pruneMemory, slugify, type FeedMemory } from '../../plugins/syndication/server/src/utils/feed-items';
import { FeedParseError, parseFeedDocument, type ParsedFeed } from '../../plugins/syndication/server/src/utils/feed-parse';
import { fixture } from '../helpers/feed-server';

/** Reading partner feeds (utils/feed-parse) and making stories of them (utils/feed-items): pure, no app. */
const LIMITS = { maxItems: 500 };
const NOW = Date.parse('2026-01-01T00:00:00.000Z');
const options = (memory: FeedMemory = {}, now = NOW) => ({
  feedUrl: 'https://partner.example/feed',
  memory,
  now,
  resolveLocale: (code: string) => code.toLowerCase().split('-')[0],
});
const remembered = (result: ReturnType<typeof feedItems>): FeedMemory => Object.assign({}, result.unchanged, ...result.changed.map((story) => story.remember));

describe('parseFeedDocument', () => {
  it('reads WordPress RSS 2.0: guid, content:encoded, dc:creator, categories, channel licence and language', () => {
    const feed = parseFeedDocument(fixture('wordpress-rss.xml'), 'application/rss+xml; charset=UTF-8', LIMITS);
    expect(feed.format).toBe('rss');
    expect(feed.entries).toHaveLength(2);
    const [post] = feed.entries;
    expect(post.id).toBe('https://metalworkers.example/?p=1187');
    expect(post.link).toBe('https://metalworkers.example/2025/01/07/collective-agreement-signed-at-the-rolling-mill/');
    expect(post.language).toBe('en-US');
    expect(post.contentHtml).toContain('<h2 class="wp-block-heading">What changes</h2>');
    expect(post.categories.map((category) => category.name)).toEqual(['Collective Bargaining', 'Health & Safety']);
    expect(post.licenceUrls).toEqual(['https://creativecommons.org/licenses/by-sa/4.0/']);
    expect(post.published).toBe('Tue, 07 Jan 2025 09:12:44 +0000');
  });

  it('reads Atom: xml:lang, hreflang alternates, rel=license, rights, html titles, and RFC 6721 tombstones', () => {
    const feed = parseFeedDocument(fixture('atom-translations.xml'), 'application/atom+xml', LIMITS);
    expect(feed.format).toBe('atom');
    expect(feed.tombstones).toEqual([{ ref: 'urn:uuid:5d0b5e64-2f4c-5f4c-9d3a-0d9d1d7f0001', when: '2025-03-27T08:00:00.000Z' }]);
    const [en, ru, wages] = feed.entries;
    expect(en.language).toBe('en');
    expect(en.link).toBe('https://fprk.example/en/stories/unions-discuss-communication-in-turin');
    expect(en.alternates).toEqual([
      { locale: 'ru', url: 'https://fprk.example/ru/stories/profsoyuzy-obsuzhdayut-kommunikacii-v-turine', title: 'В Турине профсоюзы обсуждают коммуникации' },
    ]);
    expect(en.licenceIds).toEqual(['CC-BY-4.0']);
    expect(ru.language).toBe('ru');
    expect(ru.alternates.map((alternate) => alternate.locale)).toEqual(['en']);
    expect(wages.title).toBe('Minimum wage: what the new law means');
    expect(wages.categories).toEqual([{ slug: 'wages', name: 'Wages' }]);
  });

  it('takes tombstones under any prefix bound to the RFC 6721 namespace', () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:tomb="http://purl.org/atompub/tombstones/1.0">
      <id>x</id><title>t</title><updated>2025-01-01T00:00:00Z</updated><tomb:deleted-entry ref="urn:a" when="2025-01-02T00:00:00Z"/><tomb:deleted-entry ref="urn:b"/></feed>`;
    expect(parseFeedDocument(atom, undefined, LIMITS).tombstones).toEqual([
      { ref: 'urn:a', when: '2025-01-02T00:00:00Z' },
      { ref: 'urn:b', when: null },
    ]);
  });

  it('reads JSON Feed 1.1 with the _syndication extension', () => {
    const feed = parseFeedDocument(fixture('union-comms.json'), 'application/feed+json', LIMITS);
    expect(feed.format).toBe('json');
    const [miners, , teachers] = feed.entries;
    expect(miners.alternates).toEqual([
      { locale: 'ru', url: 'https://unions-kg.example/ru/stories/shahtery-dobilis-nadbavki', title: 'Шахтёры добились надбавки за безопасность' },
    ]);
    expect(miners.categories.map((category) => category.slug)).toEqual(['mining', 'health-and-safety']);
    expect(miners.licenceIds).toEqual(['CC-BY-SA-4.0']);
    expect(teachers.contentHtml).toBe('<p>Three hundred teachers met in Osh.</p>\n<p>They adopted a resolution on &lt;workloads&gt;.</p>');
  });

  it.each([
    ['truncated XML', fixture('atom-translations.xml').slice(0, 1500), /not well-formed XML/],
    ['an RSS item left open', '<rss version="2.0"><channel><title>x</title><item><title>a</title></channel></rss>', /not well-formed XML/],
    [
      'an XML entity bomb',
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title></channel></rss>',
      /declares XML entities/,
    ],
    ['HTML', '<!DOCTYPE html><html><body><p>Not a feed: <a href="/feed">feed</a></p></body></html>', /neither RSS 2.0 nor Atom 1.0 nor JSON Feed 1.1/],
    ['XML that mentions a feed inside another root', '<page><feed xmlns="http://www.w3.org/2005/Atom"><id>x</id></feed></page>', /neither/],
    [
      'RSS 1.0 (RDF), which is not supported',
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>',
      /neither/,
    ],
    ['plain text', 'Service unavailable', /neither/],
    ['broken JSON', '{"version": "https://jsonfeed.org/version/1.1", "items": [', /not valid JSON/],
    ['JSON without a version', '{"items": []}', /version must be/],
    ['JSON items not an array', '{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": {}}', /items must be an array/],
    [
      'a JSON item of the wrong shape',
      '{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": [{"id": "1", "title": 5}]}',
      /items\[0\]\.title must be a string/,
    ],
  ])('refuses %s whole', (_name, text, message) => {
    expect(() => parseFeedDocument(text, undefined, LIMITS)).toThrow(FeedParseError);
    expect(() => parseFeedDocument(text, undefined, LIMITS)).toThrow(message);
  });

  it('refuses a feed with more items than allowed, naming the limit', () => {
    const items = Array.from({ length: 11 }, (_, index) => ({ id: String(index), url: `https://x.example/${index}`, title: `t${index}` }));
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'x', items });
    expect(() => parseFeedDocument(json, undefined, { maxItems: 10 })).toThrow(
      'the feed has 11 items, more than the 10 allowed (feeds.maxItems): nothing imported',
    );
    expect(parseFeedDocument(json, undefined, { maxItems: 11 }).entries).toHaveLength(11);
  });
});

describe('feed HTML', () => {
  it('is sanitized with the feeds allow-list before it becomes Markdown', () => {
    const markdown = feedHtmlToMarkdown(
      '<p onclick="x()">Hi <a href="javascript:alert(1)">there</a> <a href="/join">join</a></p><script>alert(2)</script><img src=x onerror=alert(3)><iframe src="https://evil.example"></iframe>',
      'https://partner.example/news/1',
    );
    expect(markdown).toBe('Hi there [join](https://partner.example/join)\n\n![](https://partner.example/news/x)');
  });

  it('keeps text that reads like a tag as text', () => {
    expect(feedHtmlToMarkdown('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>', 'https://partner.example/')).toBe('\\<script>alert(1)\\</script>');
  });

  it('as text: tags dropped, entities decoded, whitespace collapsed', () => {
    expect(feedHtmlToText('<p>Tom &amp; Jerry&#8217;s\n <em>strike</em></p><script>x</script>')).toBe('Tom & Jerry’s strike');
  });
});

describe('licences and topics', () => {
  it.each([
    [{ licenceIds: ['CC-BY-4.0'], licenceUrls: [] }, 'CC-BY-4.0'],
    [{ licenceIds: [], licenceUrls: ['http://www.creativecommons.org/licenses/by-nd/4.0/legalcode'] }, 'CC-BY-ND-4.0'],
    [{ licenceIds: [], licenceUrls: ['https://creativecommons.org/licenses/by-nc/4.0/deed.ru'] }, 'CC-BY-NC-4.0'],
    [{ licenceIds: [], licenceUrls: ['https://creativecommons.org/publicdomain/zero/1.0'] }, 'CC0-1.0'],
    // Not one we know, so none: never a licence the source did not grant.
    [{ licenceIds: ['© FPRK 2025'], licenceUrls: ['https://creativecommons.org/licenses/by/3.0/'] }, null],
    [{ licenceIds: [], licenceUrls: [] }, null],
  ])('%j → %s', (entry, expected) => {
    expect(licenceOf(entry)).toBe(expected);
  });

  it('makes slugs of category names in any script', () => {
    expect(slugify("Workers' Rights")).toBe('workers-rights');
    expect(slugify('Santé & Sécurité')).toBe('sante-securite');
    expect(slugify('Права работников')).toBe('права-работников');
  });
});

describe('feedItems', () => {
  const atom = (): ParsedFeed => parseFeedDocument(fixture('atom-translations.xml'), undefined, LIMITS);

  it('joins translations into one story whichever comes first, and hands over only what changed', () => {
    const first = feedItems(atom(), options());
    expect(first.changed.map((story) => story.story.externalId)).toEqual([
      'urn:uuid:7b8f4f0e-8d0e-5b57-9a44-3c4a25d0e2f1',
      'urn:uuid:9a1e07a2-3f43-5d3e-8b1c-6e2f3a4b5c6d',
      'urn:uuid:5d0b5e64-2f4c-5f4c-9d3a-0d9d1d7f0001',
    ]);
    const [joined] = first.changed;
    expect(joined.story.translations.map((translation) => translation.locale).sort()).toEqual(['en', 'ru']);
    expect(joined.story.version).toBe('2025-03-28T10:04:00.000Z');
    expect(first.changed[2].story).toMatchObject({ withdrawn: true, translations: [] });

    // The same feed again: nothing to hand over.
    const second = feedItems(atom(), options(remembered(first), NOW + 60_000));
    expect(second.changed).toEqual([]);
    expect(Object.keys(second.unchanged)).toHaveLength(4);
  });

  it('keeps a story its id when a translation joins later', () => {
    const feed = atom();
    const enOnly: ParsedFeed = { ...feed, entries: feed.entries.filter((entry) => entry.language === 'en'), tombstones: [] };
    const first = feedItems(enOnly, options());
    const enStory = first.changed.find((story) => story.story.translations[0].title.startsWith('In Turin'));
    expect(enStory?.story.externalId).toBe('urn:uuid:c0b3bb25-2529-5f14-a10c-264e808a138b');
    // The ru entry is older than the en one was: the story still counts as changed now.
    const ru = feed.entries.find((entry) => entry.language === 'ru');
    if (ru) ru.updated = '2025-01-01T00:00:00.000Z';
    const later = feedItems(feed, options(remembered(first), NOW + 5000));
    const joined = later.changed.find((story) => story.story.translations.length === 2);
    expect(joined?.story.externalId).toBe('urn:uuid:c0b3bb25-2529-5f14-a10c-264e808a138b');
    expect(joined?.story.version).toBe(new Date(NOW + 5000).toISOString());
  });

  it('names a union-comms story by the document id its pushes carry, so push and feed make one document', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Partner',
      items: [
        {
          id: 'urn:uuid:en-version',
          url: 'https://partner.example/en/stories/turin',
          language: 'en',
          title: 'Turin',
          content_html: '<p>Turin</p>',
          date_modified: '2025-01-02T00:00:00Z',
          _syndication: { documentId: 'doc-turin', translations: [{ language: 'ru', url: 'https://partner.example/ru/stories/turin', title: 'Турин' }] },
        },
        {
          id: 'urn:uuid:ru-version',
          url: 'https://partner.example/ru/stories/turin',
          language: 'ru',
          title: 'Турин',
          content_html: '<p>Турин</p>',
          date_modified: '2025-01-02T00:00:00Z',
          _syndication: { documentId: 'doc-turin', translations: [{ language: 'en', url: 'https://partner.example/en/stories/turin', title: 'Turin' }] },
        },
        { id: 'urn:uuid:other', url: 'https://partner.example/en/stories/other', language: 'en', title: 'Other', content_html: '<p>x</p>' },
      ],
    });
    const result = feedItems(parseFeedDocument(json, undefined, LIMITS), options());
    expect(result.changed.map((story) => [story.story.externalId, story.story.translations.map((translation) => translation.locale).sort()])).toEqual(
      expect.arrayContaining([
        ['doc-turin', ['en', 'ru']],
        ['urn:uuid:other', ['en']],
      ]),
    );
    expect(result.changed).toHaveLength(2);
  });

  it('dedupes by id, falling back to the link, and leaves out items with neither', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'x',
      items: [
        { id: 'a', url: 'https://x.example/a', title: 'Old', date_modified: '2025-01-01T00:00:00Z' },
        { id: 'a', url: 'https://x.example/a', title: 'New', date_modified: '2025-01-02T00:00:00Z' },
        { url: 'https://x.example/b', title: 'By link' },
        { title: 'Nowhere' },
        { id: 'c', url: 'javascript:alert(1)', title: 'Bad link' },
      ],
    });
    const result = feedItems(parseFeedDocument(json, undefined, LIMITS), options());
    expect(result.changed.map((story) => [story.story.externalId, story.story.translations[0].title])).toEqual([
      ['a', 'New'],
      ['https://x.example/b', 'By link'],
    ]);
    expect(result.skipped).toEqual(['item 4 ("Nowhere"): no id and no link', 'item 5 ("Bad link"): no http(s) link']);
  });

  it('gives changed content under an unchanged date the time of the poll as its version', () => {
    const rss = fixture('wordpress-rss.xml');
    const first = feedItems(parseFeedDocument(rss, undefined, LIMITS), options());
    const edited = parseFeedDocument(rss.replace('Wages rise by 9', 'Wages rise by 10'), undefined, LIMITS);
    const later = feedItems(edited, options(remembered(first), NOW + 3_600_000));
    expect(later.changed.map((story) => [story.story.externalId, story.story.version])).toEqual([
      ['https://metalworkers.example/?p=1187', new Date(NOW + 3_600_000).toISOString()],
    ]);
  });

  it('withdraws once per tombstone, only the withdrawn translation when the others remain, and a stale copy is not newer', () => {
    const feed = atom();
    const first = feedItems(feed, options());
    const ruId = 'urn:uuid:7b8f4f0e-8d0e-5b57-9a44-3c4a25d0e2f1';
    const withoutRu: ParsedFeed = {
      ...feed,
      entries: feed.entries.filter((entry) => entry.id !== ruId),
      tombstones: [{ ref: ruId, when: '2025-04-01T00:00:00Z' }],
    };
    const withdrawn = feedItems(withoutRu, options(remembered(first), NOW + 1000));
    const withdrawal = withdrawn.changed.find((story) => story.story.withdrawn);
    expect(withdrawal?.story).toMatchObject({ externalId: ruId, withdrawn: true, withdrawnLocales: ['ru'], version: '2025-04-01T00:00:00.000Z' });
    const memory = remembered(withdrawn);
    expect(feedItems(withoutRu, options(memory, NOW + 2000)).changed.filter((story) => story.story.withdrawn)).toEqual([]);

    // The entry shows again (a stale cache): handed over with its old version, older than the withdrawal.
    const stale = feedItems(feed, options(memory, NOW + 3000));
    const back = stale.changed.find((story) => story.story.externalId === ruId);
    expect(back?.story.version).toBe('2025-03-28T10:04:00.000Z');
  });

  it('forgets the least recently seen items beyond the limit', () => {
    const memory: FeedMemory = Object.fromEntries(
      Array.from({ length: 5 }, (_, index) => [`item-${index}`, { externalId: `item-${index}`, locale: 'en', hash: 'h', version: 'v', seenAt: index }]),
    );
    expect(Object.keys(pruneMemory(memory, 3)).sort()).toEqual(['item-2', 'item-3', 'item-4']);
  });
});
