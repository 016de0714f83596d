import { parseV1 } from '../../plugins/syndication/server/src/utils/inbound-v1';
import { allowsRedistribution } from '../../plugins/syndication/server/src/utils/licences';
import { inboundOf } from '../../plugins/syndication/server/src/validation/inbound';

const locale = (title: string, updatedAt: string) => ({
  itemId: 'urn:uuid:x',
  title,
  slug: 'a-story',
  lead: null,
  bodyMarkdown: '**Body**',
  bodyHtml: '<p><strong>Body</strong></p>',
  link: 'https://a.example/en/stories/a-story',
  canonicalUrl: null,
  publishedAt: '2026-03-28T09:00:00.000Z',
  updatedAt,
});

const message = (data: object, type = 'story.published') => JSON.stringify({ type, timestamp: '2026-03-28T12:00:00.000Z', data });

describe('payload v1 → InboundStory', () => {
  it('takes every locale, the newest updatedAt as version, the link as URL, the licence and topic slugs', () => {
    const result = parseV1(
      message({
        schemaVersion: 1,
        documentId: 'doc1',
        locales: {
          en: locale('A story', '2026-03-28T10:00:00.000Z'),
          ru: { ...locale('История', '2026-03-28T11:00:00.000Z'), canonicalUrl: 'https://a.example/ru/canonical' },
        },
        licence: { id: 'CC-BY-4.0', url: null },
        topics: [{ slug: 'youth', name: 'Youth' }],
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.item).toMatchObject({
      externalId: 'doc1',
      version: '2026-03-28T11:00:00.000Z',
      via: 'push',
      licence: 'CC-BY-4.0',
      topics: ['youth'],
      withdrawn: false,
    });
    expect(result.item.translations.map((translation) => [translation.locale, translation.url, translation.body])).toEqual([
      ['en', 'https://a.example/en/stories/a-story', '**Body**'],
      ['ru', 'https://a.example/ru/canonical', '**Body**'],
    ]);
  });

  it('falls back to the HTML body when a sender has no Markdown', () => {
    const result = parseV1(message({ schemaVersion: 1, documentId: 'd', locales: { en: { ...locale('T', '2026-03-28T10:00:00.000Z'), bodyMarkdown: null } } }));
    expect(result.ok && result.item.translations[0].body).toBe('<p><strong>Body</strong></p>');
  });

  it('makes story.unpublished a withdrawal: of the locales named, or of all when none remain', () => {
    const partial = parseV1(
      message({ schemaVersion: 1, documentId: 'doc1', locales: ['ru'], remainingLocales: ['en'], reason: 'unpublished' }, 'story.unpublished'),
    );
    const all = parseV1(
      message({ schemaVersion: 1, documentId: 'doc1', locales: ['en', 'ru'], remainingLocales: [], reason: 'unpublished' }, 'story.unpublished'),
    );
    expect(partial.ok && partial.item).toMatchObject({ withdrawn: true, withdrawnLocales: ['ru'], version: '2026-03-28T12:00:00.000Z' });
    expect(all.ok && all.item).toMatchObject({ withdrawn: true, withdrawnLocales: [] });
  });

  it.each([
    ['not JSON', '{', []],
    ['an unknown event', message({ schemaVersion: 1, documentId: 'd', locales: {} }, 'story.deleted'), ['type']],
    ['another schema version', message({ schemaVersion: 2, documentId: 'd', locales: {} }), ['data', 'schemaVersion']],
    ['no locale', message({ schemaVersion: 1, documentId: 'd', locales: {} }), ['data', 'locales']],
    [
      'a javascript: link',
      message({ schemaVersion: 1, documentId: 'd', locales: { en: { ...locale('T', '2026-03-28T10:00:00.000Z'), link: 'javascript:alert(1)' } } }),
      ['data', 'locales', 'en', 'link'],
    ],
    [
      'a date that is not one',
      message({ schemaVersion: 1, documentId: 'd', locales: { en: locale('T', 'yesterday') } }),
      ['data', 'locales', 'en', 'updatedAt'],
    ],
  ])('refuses %s, naming the field', (_, body, path) => {
    const result = parseV1(body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0].path).toEqual(path);
  });
});

describe('licences and redistribution', () => {
  it.each([
    ['CC-BY-4.0', true],
    ['CC-BY-SA-4.0', true],
    ['CC-BY-NC-ND-4.0', true],
    ['CC0-1.0', true],
    ['LicenseRef-all-rights-reserved', false],
    [null, false],
    ['MIT', false],
  ])('%s: %s', (licence, allowed) => {
    expect(allowsRedistribution(licence)).toBe(allowed);
  });
});

describe('inbound settings', () => {
  it('reads a partner from before inbound settings existed as not receiving', () => {
    expect(inboundOf(null)).toEqual({ enabled: false, policy: 'draft', updates: 'held', feedUrl: null, pollInterval: '15m', locales: [], topicMap: {} });
    expect(inboundOf({ enabled: true, policy: 'publish' })).toMatchObject({ enabled: true, policy: 'publish', updates: 'held' });
  });
});
