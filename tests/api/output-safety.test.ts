import type { Core } from '@strapi/strapi';
import jsonld from 'jsonld';
import { EVENT, ORGANISATION, STORY } from '../../src/domain/uids';
import { adminToken } from '../helpers/admin';
import { createEvent } from '../helpers/calendar-fixtures';
import { createFullAccessToken } from '../helpers/content';
import { bootStrapi, http } from '../helpers/strapi';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
  token = await createFullAccessToken(strapi);
});
afterAll(async () => teardown());

/** What an attacker with an editor's account (or a partner's pushed story) plants in text. */
const PLANTED = '</script><script>alert(1)</script>';
const PLANTED_TITLE = 'Forum <b>&</b> <!-- march -->';

/** schema.org's context as the loader of a JSON-LD processor without network serves it. */
const documentLoader = async (url: string) => {
  if (!/^https?:\/\/schema\.org\/?$/.test(url)) throw new Error(`unexpected remote document ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: { '@context': { '@vocab': 'http://schema.org/' } } };
};
const S = 'http://schema.org/';
type Expanded = Record<string, Array<Record<string, unknown>>>;

describe('JSON-LD is safe to put as it is in <script type="application/ld+json">', () => {
  beforeAll(async () => {
    await createEvent(strapi, {
      slug: 'planted-summary',
      title: PLANTED_TITLE,
      summary: PLANTED,
      startsAt: '2025-06-02T07:00:00.000Z',
      endsAt: '2025-06-02T15:00:00.000Z',
    });
  });

  it('REST: no <, > or & in the body, and the same values for JSON.parse and a JSON-LD processor', async () => {
    for (const outcome of ['MISS', 'HIT']) {
      const res = await http(strapi).get('/api/calendar/events/planted-summary/jsonld?locale=en');
      expect(res.status).toBe(200);
      expect(res.headers['x-cache']).toBe(outcome);
      expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
      expect(res.text).not.toMatch(/[<>&]/);
      expect(res.text).toContain('\\u003c/script\\u003e\\u003cscript\\u003e');

      const document = JSON.parse(res.text);
      expect(document.description).toBe(PLANTED);
      expect(document.name).toBe(PLANTED_TITLE);
      const [event] = (await jsonld.expand(document, { documentLoader })) as Expanded[];
      expect(event[`${S}description`][0]['@value']).toBe(PLANTED);
      expect(event[`${S}name`][0]['@value']).toBe(PLANTED_TITLE);
    }
  });

  it('GraphQL: calendarEventJsonLd comes in a body with no <, > or &, holding the same values', async () => {
    const query = '{ calendarEventJsonLd(slug: "planted-summary", locale: "en") }';
    for (const outcome of ['MISS', 'HIT']) {
      const res = await http(strapi).post('/graphql').set('Content-Type', 'application/json').send({ query });
      expect(res.status).toBe(200);
      expect(res.headers['x-cache']).toBe(outcome);
      expect(res.text).not.toMatch(/[<>&]/);
      const document = JSON.parse(res.text).data.calendarEventJsonLd;
      expect(document.description).toBe(PLANTED);
      const [event] = (await jsonld.expand(document, { documentLoader })) as Expanded[];
      expect(event[`${S}description`][0]['@value']).toBe(PLANTED);
    }
  });

  it('GraphQL answers that are not cached (a client with a token) are just as safe', async () => {
    const res = await http(strapi)
      .post('/graphql')
      .set('Authorization', `Bearer ${token}`)
      .send({ query: '{ events(filters: { slug: { eq: "planted-summary" } }) { title summary } }' });
    expect(res.status).toBe(200);
    expect(res.headers['x-cache']).toBeUndefined();
    expect(res.text).not.toMatch(/[<>&]/);
    expect(JSON.parse(res.text).data.events).toEqual([{ title: PLANTED_TITLE, summary: PLANTED }]);
  });
});

/** Strapi's error shape, with the field named. */
const expectRefusal = (
  res: {
    status: number;
    body: { data?: unknown; error?: { status?: number; name?: string; message?: string; details?: { errors?: Array<{ path: string[] }> } } };
  },
  path: string[],
) => {
  expect(res.status).toBe(400);
  expect(res.body.data).toBeNull();
  expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
  expect(res.body.error?.message).toEqual(expect.any(String));
  expect(res.body.error?.details?.errors?.map((error) => error.path)).toContainEqual(path);
};

/** Values `new URL()` accepts (it strips, escapes or rewrites them) that must never be stored. */
const HOSTILE_URLS: Array<[string, string]> = [
  ['CR/LF', 'https://example.org/a\r\nSet-Cookie: x=1'],
  ['LF', 'https://example.org/\n'],
  ['TAB', 'https://exa\tmple.org/'],
  ['NUL', 'https://example.org/\u0000'],
  ['a space', 'https://example.org/a b'],
  ['a leading space', ' https://example.org/'],
  ['a no-break space', 'https://example.org/\u00a0'],
  ['a double quote', 'https://example.org/" onmouseover="alert(1)'],
  ['a single quote', "https://example.org/'"],
  ['a backtick', 'https://example.org/`'],
  ['angle brackets', 'https://example.org/<script>alert(1)</script>'],
  ['a backslash', 'https:\\\\example.org\\path'],
  ['a right-to-left override', 'https://example.org/\u202egnp.exe'],
  ['another scheme', 'javascript:alert(1)'],
  ['a relative URL', '/about'],
];

describe('URL fields', () => {
  const rest = (method: 'post' | 'put', path: string, data: Record<string, unknown>) =>
    http(strapi)[method](`/api/${path}`).set('Authorization', `Bearer ${token}`).send({ data });

  /** The field in every row of the document (draft and published), the latest written first. */
  const storedRows = async (uid: typeof ORGANISATION | typeof EVENT | typeof STORY, documentId: string, field: string) => {
    const rows = (await strapi.db
      .query(uid)
      .findMany({ where: { documentId }, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }], populate: field === 'source' ? ['source'] : [] })) as Array<
      Record<string, unknown>
    >;
    expect(rows.length).toBeGreaterThan(0);
    return rows.map((row) => (field === 'source' ? (row.source as { url: string | null } | null)?.url : row[field]));
  };
  /** The value last written. */
  const stored = async (uid: typeof ORGANISATION | typeof EVENT | typeof STORY, documentId: string, field: string) =>
    (await storedRows(uid, documentId, field))[0];
  /** The value of every row: nothing a refused request wrote. */
  const expectUnchanged = async (uid: typeof ORGANISATION | typeof EVENT | typeof STORY, documentId: string, field: string, original: string) => {
    for (const value of await storedRows(uid, documentId, field)) expect(value).toBe(original);
  };

  let organisation: string;
  let event: string;
  let story: string;

  beforeAll(async () => {
    organisation = (
      await rest('post', 'organisations', { name: 'URL Union', slug: 'url-union', kind: 'ngo', website: 'https://url-union.example/' }).expect(201)
    ).body.data.documentId;
    event = await createEvent(strapi, {
      slug: 'url-event',
      format: 'hybrid',
      onlineUrl: 'https://meet.example/room',
      startsAt: '2025-06-03T07:00:00.000Z',
      endsAt: '2025-06-03T15:00:00.000Z',
    });
    story = (
      await rest('post', 'stories', {
        title: 'URL story',
        slug: 'url-story',
        licence: 'CC-BY-4.0',
        canonicalUrl: 'https://news.example/a',
        source: { name: 'Partner', url: 'https://partner.example/1' },
      }).expect(201)
    ).body.data.documentId;
  });

  const fields: Array<
    [string, typeof ORGANISATION | typeof EVENT | typeof STORY, () => string, string, (value: string) => Record<string, unknown>, string[], string]
  > = [
    ['organisations', ORGANISATION, () => organisation, 'website', (value) => ({ website: value }), ['website'], 'https://url-union.example/'],
    ['events', EVENT, () => event, 'onlineUrl', (value) => ({ onlineUrl: value }), ['onlineUrl'], 'https://meet.example/room'],
    ['stories', STORY, () => story, 'canonicalUrl', (value) => ({ canonicalUrl: value }), ['canonicalUrl'], 'https://news.example/a'],
    ['stories', STORY, () => story, 'source', (value) => ({ source: { name: 'Partner', url: value } }), ['source', 'url'], 'https://partner.example/1'],
  ];

  describe.each(fields)('%s %s', (type, uid, documentId, field, data, path, original) => {
    it.each(HOSTILE_URLS)('REST update with %s: 400, nothing changed', async (_label, value) => {
      const res = await rest('put', `${type}/${documentId()}`, data(value));
      expectRefusal(res, path);
      await expectUnchanged(uid, documentId(), field, original);
    });

    it('REST stores the normalised href', async () => {
      const res = await rest('put', `${type}/${documentId()}`, data('HTTPS://Пример.EXAMPLE:443/a/../Путь?q=1#x'));
      expect(res.body.error).toBeUndefined();
      expect(res.status).toBe(200);
      expect(await stored(uid, documentId(), field)).toBe('https://xn--e1afmkfd.example/%D0%9F%D1%83%D1%82%D1%8C?q=1#x');
      await rest('put', `${type}/${documentId()}`, data(original)).expect(200);
      await expectUnchanged(uid, documentId(), field, original);
    });
  });

  it.each(HOSTILE_URLS)('REST create with %s: 400, nothing created', async (_label, value) => {
    const before = await strapi.db.query(ORGANISATION).count();
    expectRefusal(await rest('post', 'organisations', { name: 'Hostile Union', slug: 'hostile-union', kind: 'ngo', website: value }), ['website']);
    expectRefusal(await rest('post', 'stories', { title: 'Hostile', slug: 'hostile', licence: 'CC-BY-4.0', source: { url: value } }), ['source', 'url']);
    expect(await strapi.db.query(ORGANISATION).count()).toBe(before);
    expect(await strapi.db.query(STORY).count({ where: { slug: 'hostile' } })).toBe(0);
  });

  describe('in the admin panel (Content Manager)', () => {
    let jwt: string;
    beforeAll(async () => {
      jwt = await adminToken(strapi);
    });
    const contentManager = (method: 'post' | 'put', path: string, body: Record<string, unknown>) =>
      http(strapi)[method](`/content-manager/collection-types/${path}`).set('Authorization', `Bearer ${jwt}`).send(body);

    it.each(HOSTILE_URLS)('saving a website with %s is refused with the reason, nothing saved', async (_label, value) => {
      const created = await contentManager('post', `${ORGANISATION}?locale=en`, {
        name: 'Admin URL Union',
        slug: 'admin-url-union',
        kind: 'ngo',
        website: value,
      });
      expect(created.status).toBe(400);
      expect(created.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
      expect(await strapi.db.query(ORGANISATION).count({ where: { slug: 'admin-url-union' } })).toBe(0);

      const updated = await contentManager('put', `${EVENT}/${event}?locale=en`, { onlineUrl: value });
      expect(updated.status).toBe(400);
      expect(updated.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
      await expectUnchanged(EVENT, event, 'onlineUrl', 'https://meet.example/room');
    });

    it('saving stores the normalised href', async () => {
      const created = await contentManager('post', `${ORGANISATION}?locale=en`, {
        name: 'Admin URL Union',
        slug: 'admin-url-union',
        kind: 'ngo',
        website: 'HTTP://Admin.Example',
      });
      expect(created.status).toBe(201);
      expect(await stored(ORGANISATION, created.body.data.documentId, 'website')).toBe('http://admin.example/');
    });
  });
});
