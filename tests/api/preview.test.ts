import type { Core } from '@strapi/strapi';
import { adminToken } from '../helpers/admin';
import { NON_CONSENTING_NAME, PRIVATE_VALUES } from '../helpers/content';
import { DEMO_SLUG } from '../helpers/calendar-fixtures';
import { bootStrapi, http, responseCache } from '../helpers/strapi';
import { previewSecret } from '../../plugins/preview/server/src/utils/secret';
import { signPreviewToken, type PreviewClaims } from '../../plugins/preview/server/src/utils/token';

/**
 * Strapi's Preview without PREVIEW_URL (plugins/preview): the admin's preview URL is the built-in
 * page, which renders a draft as partners receive it, for whoever holds the short-lived token the
 * admin got, and for nobody else. (With PREVIEW_URL: preview-url.test.ts.)
 */

const STORY = 'api::story.story';
const EVENT = 'api::event.event';
const GUIDE = 'api::guide.guide';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let admin: string;
/** The key the app signs with: without PREVIEW_SECRET (as here), one derived from APP_KEYS. */
let secret: string;
let storyId: string;
let eventId: string;
let guideId: string;

const BODY = [
  '## Draft heading',
  '',
  'Text with a [relative link](/uploads/report.pdf) and <script>alert(1)</script> in it.',
  '',
  '<img src="x" onerror="alert(2)">',
].join('\n');

const previewUrl = (uid: string, query: Record<string, string>, token = admin) =>
  http(strapi).get(`/content-manager/preview/url/${uid}`).query(query).set('Authorization', `Bearer ${token}`);

/** The URL the admin gets for a version (asserts there is one). */
const urlOf = async (uid: string, documentId: string, locale = 'en', status = 'draft'): Promise<string> => {
  const res = await previewUrl(uid, { documentId, locale, status }).expect(200);
  expect(typeof res.body.data.url).toBe('string');
  return res.body.data.url as string;
};

beforeAll(async () => {
  // Both explicitly empty (another test file in this worker may have set them): the default setup.
  ({ strapi, teardown } = await bootStrapi({ PREVIEW_URL: '', PREVIEW_SECRET: '' }));
  secret = previewSecret(strapi);
  admin = await adminToken(strapi);
  const story = await strapi.documents(STORY).create({
    locale: 'en',
    data: {
      title: 'Draft <b>story</b> & more',
      slug: 'preview-draft-story',
      lead: 'A lead of the draft.',
      body: BODY,
      licence: 'CC-BY-4.0',
      syndication: { allowed: true },
    },
  } as never);
  storyId = story.documentId;
  const event = await strapi.documents(EVENT).findFirst({ locale: 'en', status: 'draft', filters: { slug: DEMO_SLUG }, fields: ['documentId'] });
  eventId = (event as { documentId: string }).documentId;
  const guide = await strapi.documents(GUIDE).create({
    locale: 'en',
    data: { title: 'Draft guide on organising', slug: 'preview-draft-guide', summary: 'What the guide says.', chapters: [{ number: 1, title: 'First steps' }] },
  } as never);
  guideId = guide.documentId;
});
afterAll(async () => teardown());

describe('the admin preview URL endpoint', () => {
  it('gives the built-in page of each type, with a token', async () => {
    for (const [uid, id, type] of [
      [STORY, () => storyId, 'stories'],
      [EVENT, () => eventId, 'events'],
      [GUIDE, () => guideId, 'guides'],
    ] as const) {
      const url = new URL(await urlOf(uid, id()), 'http://cms.test');
      expect(url.pathname).toBe(`/api/preview/${type}/${id()}`);
      expect(url.searchParams.get('locale')).toBe('en');
      expect(url.searchParams.get('status')).toBe('draft');
      expect(url.searchParams.get('token')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    }
  });

  it('refuses without an admin token', async () => {
    const res = await http(strapi).get(`/content-manager/preview/url/${STORY}`).query({ documentId: storyId, locale: 'en', status: 'draft' });
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body)).not.toContain('token=');
  });

  it('offers no preview of a type the plugin does not preview, and refuses a made-up type', async () => {
    const organisation = await strapi.documents('api::organisation.organisation').findFirst({ locale: 'en', fields: ['documentId'] });
    const other = await previewUrl('api::organisation.organisation', { documentId: (organisation as { documentId: string }).documentId, locale: 'en' });
    // Strapi's "no preview" answer: the admin then hides the preview.
    expect(other.status).toBe(204);
    const madeUp = await previewUrl('api::nothing.nothing', { documentId: storyId, locale: 'en' });
    expect(madeUp.status).toBe(400);
    expect(madeUp.body.error.name).toBe('ValidationError');
  });

  it('offers no preview of a version that does not exist', async () => {
    expect((await previewUrl(STORY, { documentId: storyId, locale: 'en', status: 'published' })).status).toBe(204);
    expect((await previewUrl(STORY, { documentId: storyId, locale: 'ru', status: 'draft' })).status).toBe(204);
    expect((await previewUrl(STORY, { documentId: 'madeupdocumentid0000000', locale: 'en', status: 'draft' })).status).toBe(204);
  });

  it('gives no token to an administrator who may not read the type', async () => {
    const role = (await strapi.service('admin::role').create({ name: `No access ${Date.now()}`, description: 'reads nothing' })) as { code: string };
    const token = await adminToken(strapi, role.code);
    const res = await previewUrl(STORY, { documentId: storyId, locale: 'en', status: 'draft' }, token);
    expect(res.status).toBe(204);
    expect(res.body).toEqual({});
  });
});

describe('the built-in page', () => {
  it('renders the draft story as partners receive it: its title, lead and the feed HTML of its body', async () => {
    const res = await http(strapi)
      .get(await urlOf(STORY, storyId))
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.text).toContain('<h1>Draft &lt;b&gt;story&lt;/b&gt; &amp; more</h1>');
    expect(res.text).toContain('A lead of the draft.');
    expect(res.text).toContain('Preview of the draft');
    // The feeds' sanitized HTML: no script, no event handler, links absolute.
    expect(res.text).toContain('<h2>Draft heading</h2>');
    expect(res.text).toContain('href="http://cms.test/uploads/report.pdf"');
    expect(res.text).not.toMatch(/alert\(|onerror/);

    // Byte for byte what the feed item carries once the story is published.
    await strapi.documents(STORY).publish({ documentId: storyId, locale: 'en' });
    const feed = await http(strapi).get('/api/syndication/feeds/stories.json').expect(200);
    const item = (JSON.parse(feed.text) as { items: Array<{ content_html: string; _syndication?: { documentId?: string } }> }).items.find(
      (entry) => entry._syndication?.documentId === storyId,
    );
    expect(item?.content_html).toContain('<h2>Draft heading</h2>');
    expect(res.text).toContain(item?.content_html);
    const published = await http(strapi)
      .get(await urlOf(STORY, storyId, 'en', 'published'))
      .expect(200);
    expect(published.text).toContain(item?.content_html);
    expect(published.text).toContain('Preview of the published version');
  });

  it('renders an event without private fields or people who did not consent', async () => {
    const res = await http(strapi)
      .get(await urlOf(EVENT, eventId))
      .expect(200);
    expect(res.text).toContain('Takhmina Kubasheva');
    // Starts 08:00 UTC, shown as the wall time in Rome (UTC+1 in March).
    expect(res.text).toMatch(/\b0?9:00\b/);
    expect(res.text).toContain('Europe/Rome');
    for (const value of [...PRIVATE_VALUES, NON_CONSENTING_NAME, 'example.org']) expect(res.text).not.toContain(value);
  });

  it('renders a guide with its chapters', async () => {
    const res = await http(strapi)
      .get(await urlOf(GUIDE, guideId))
      .expect(200);
    expect(res.text).toContain('<h1>Draft guide on organising</h1>');
    expect(res.text).toContain('First steps');
  });

  it('is never stored or indexed, and may be framed by the admin only', async () => {
    const url = await urlOf(GUIDE, guideId);
    const before = responseCache(strapi)?.stats();
    for (let i = 0; i < 2; i += 1) {
      const res = await http(strapi).get(url).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-robots-tag']).toMatch(/noindex/);
      expect(res.headers['x-cache']).toBeUndefined();
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    }
    if (before) expect(responseCache(strapi)?.stats().stored).toBe(before.stored);
  });

  it('says nothing to anyone without the right token: every refusal is the same 404', async () => {
    const url = new URL(await urlOf(GUIDE, guideId), 'http://cms.test');
    const token = url.searchParams.get('token') as string;
    const [header, payload, signature] = token.split('.');
    const claims: PreviewClaims = { type: 'guides', documentId: guideId, locale: 'en', status: 'draft' };
    const path = `/api/preview/guides/${guideId}`;
    const wrong = [
      path,
      `${path}?locale=en&status=draft`,
      `${path}?locale=en&status=draft&token=`,
      `${path}?locale=en&status=draft&token=not-a-token`,
      // Signature of another payload, a tampered payload, another secret, expired.
      `${path}?locale=en&status=draft&token=${header}.${payload}.${signature.slice(0, -2)}AA`,
      `${path}?locale=en&status=draft&token=${header}.${Buffer.from(JSON.stringify({ ...claims, aud: 'union-comms-preview', exp: 9999999999 })).toString('base64url')}.${signature}`,
      `${path}?locale=en&status=draft&token=${signPreviewToken('another-secret-of-thirty-two-characters', claims, 600)}`,
      `${path}?locale=en&status=draft&token=${signPreviewToken(secret, claims, 600, Date.now() - 3600_000)}`,
      // The right token for another version or document.
      `${path}?locale=ru&status=draft&token=${token}`,
      `${path}?locale=en&status=published&token=${token}`,
      `/api/preview/guides/${storyId}?locale=en&status=draft&token=${token}`,
      `/api/preview/stories/${guideId}?locale=en&status=draft&token=${token}`,
      `/api/preview/organisations/${guideId}?locale=en&status=draft&token=${token}`,
      // A valid token for a draft that does not exist answers as a made-up one.
      `/api/preview/guides/madeupdocumentid0000000?locale=en&status=draft&token=${signPreviewToken(secret, { ...claims, documentId: 'madeupdocumentid0000000' }, 600)}`,
    ];
    // Control: a token signed with the app's key for this version opens it; the expired one above differs only in time.
    await http(strapi)
      .get(`${path}?locale=en&status=draft&token=${signPreviewToken(secret, claims, 600)}`)
      .expect(200);
    const answers = [];
    for (const target of wrong) {
      const res = await http(strapi).get(target);
      answers.push({ target, status: res.status, body: res.body, type: res.headers['content-type'] });
    }
    const first = answers[answers.length - 1];
    expect(first.status).toBe(404);
    expect(first.body).toEqual({ data: null, error: { status: 404, name: 'NotFoundError', message: expect.any(String), details: {} } });
    for (const answer of answers) expect({ ...answer, target: '' }).toEqual({ ...first, target: '' });
    for (const answer of answers) expect(JSON.stringify(answer.body)).not.toContain('organising');
  });

  it('refuses unknown query parameters with a 400', async () => {
    const res = await http(strapi)
      .get(`${await urlOf(GUIDE, guideId)}&populate=*`)
      .expect(400);
    expect(res.body.error.name).toBe('ValidationError');
  });
});

describe('the draft stays private everywhere else', () => {
  it('through the content API, GraphQL and the cache', async () => {
    expect((await http(strapi).get(`/api/guides/${guideId}`)).status).toBe(404);
    expect((await http(strapi).get(`/api/guides?filters[slug][$eq]=preview-draft-guide`)).body.data).toEqual([]);
    expect((await http(strapi).get(`/api/guides?status=draft`)).status).toBe(400);
    const graphql = await http(strapi)
      .post('/graphql')
      .send({ query: `{ guide(documentId: "${guideId}") { title } guides(filters: { slug: { eq: "preview-draft-guide" } }) { title } }` });
    expect(graphql.body.data).toEqual({ guide: null, guides: [] });
    // Twice: the second answer (from the cache, if it keeps it) is the same.
    expect((await http(strapi).get(`/api/guides/${guideId}`)).status).toBe(404);
    expect(JSON.stringify((await http(strapi).get('/api/guides')).body)).not.toContain('organising');
  });

  it('the preview route is documented as public, and the admin may frame its own pages only', async () => {
    const doc = await http(strapi).get('/api/openapi.json').expect(200);
    expect(Object.keys(JSON.parse(doc.text).paths)).toContain('/api/preview/{type}/{documentId}');
    const res = await http(strapi).get('/_health');
    expect(res.headers['content-security-policy']).toMatch(/frame-src 'self'(;|$)/);
  });
});
