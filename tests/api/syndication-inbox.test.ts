import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import MarkdownIt from 'markdown-it';
import { adminToken } from '../helpers/admin';
import { bootStrapi, http } from '../helpers/strapi';
import { ADMIN, PUSH_TEST_ENV, startReceiver, type Receiver } from '../helpers/syndication-push';
import { partnerSecret, pathOf, push, receivedOf, storyMessage, unpublishedMessage, waitForReceived } from '../helpers/syndication-inbound';
import { waitFor } from '../helpers/wait';

/**
 * The inbox (POST /api/syndication/inbox/:inboxId) and the importer behind it, over real HTTP:
 * pushes signed with the Standard Webhooks reference library as a partner signs them.
 */
let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;
const receivers: Receiver[] = [];

const STORY = 'api::story.story';

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi(PUSH_TEST_ENV));
  // Listening once, so that requests sent side by side share one server (supertest would listen per request).
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  expect((strapi.server.httpServer.address() as AddressInfo).port).toBeGreaterThan(0);
  token = await adminToken(strapi);
});
afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await teardown();
});

const admin = () => ({
  get: (path: string) => http(strapi).get(`${ADMIN}${path}`).set('Authorization', `Bearer ${token}`),
  post: (path: string, body?: object) => http(strapi).post(`${ADMIN}${path}`).set('Authorization', `Bearer ${token}`).send(body),
  patch: (path: string, body: object) => http(strapi).patch(`${ADMIN}${path}`).set('Authorization', `Bearer ${token}`).send(body),
  put: (path: string, body: object) => http(strapi).put(`${ADMIN}${path}`).set('Authorization', `Bearer ${token}`).send(body),
});

interface PartnerView {
  id: number;
  inboxUrl: string;
  endpointUrl: string | null;
  inbound: Record<string, unknown>;
  inboundSecretSet: boolean;
  forwardReceived: boolean;
}

/** An inbound partner (no endpoint) with its inbound secret stored. */
const inboundPartner = async (inbound: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => {
  const res = await admin().post('/partners', {
    name: `FPRK ${Math.random().toString(36).slice(2, 7)}`,
    inbound: { enabled: true, policy: 'publish', ...inbound },
    ...extra,
  });
  expect(res.status).toBe(201);
  const partner = res.body.data as PartnerView;
  const secret = partnerSecret();
  expect((await admin().put(`/partners/${partner.id}/inbound-secret`, { secret })).status).toBe(204);
  return { partner, secret, inbox: pathOf(partner.inboxUrl) };
};

const storyRows = (documentId: string) =>
  strapi.db.query(STORY).findMany({ where: { documentId }, populate: { source: true, topics: true }, orderBy: { id: 'asc' } }) as Promise<
    Array<{
      locale: string;
      title: string;
      body: string;
      lead: string | null;
      canonicalUrl: string | null;
      licence: string;
      publishedAt: string | null;
      source: { name: string; url: string; externalId: string; receivedAt: string } | null;
      topics: Array<{ slug: string }>;
    }>
  >;

const at = (iso: string) => iso;

describe('partner inbound settings', () => {
  it('gives every partner a random inboxUrl, default inbound settings, and accepts a partner without endpoint', async () => {
    const res = await admin().post('/partners', { name: 'Inbound only' });
    expect(res.status).toBe(201);
    const partner = res.body.data as PartnerView;
    expect(partner.endpointUrl).toBeNull();
    expect(partner.inboxUrl).toMatch(/^http:\/\/cms\.test\/api\/syndication\/inbox\/[A-Za-z0-9_-]{32}$/);
    expect(partner.inboxUrl).not.toContain(`/${partner.id}`);
    expect(partner.inbound).toEqual({ enabled: false, policy: 'draft', updates: 'held', feedUrl: null, pollInterval: '15m', locales: [], topicMap: {} });
    expect(partner.forwardReceived).toBe(false);
    expect(partner.inboundSecretSet).toBe(false);
    const other = (await admin().post('/partners', { name: 'Another' })).body.data as PartnerView;
    expect(other.inboxUrl).not.toBe(partner.inboxUrl);
  });

  it('validates inbound settings on create and PATCH, naming the field, and merges a PATCH', async () => {
    const bad = await admin().post('/partners', { name: 'x', inbound: { policy: 'sometimes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['inbound', 'policy']);
    const unknown = await admin().post('/partners', { name: 'x', inbound: { enabled: true, colour: 'red' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/colour/);
    const locale = await admin().post('/partners', { name: 'x', inbound: { locales: ['de'] } });
    expect(locale.status).toBe(400);
    expect(locale.body.error.details.errors[0].path).toEqual(['inbound', 'locales']);
    const topic = await admin().post('/partners', { name: 'x', inbound: { topicMap: { organising: 'no-such-topic' } } });
    expect(topic.status).toBe(400);
    expect(topic.body.error.details.errors[0].path).toEqual(['inbound', 'topicMap']);
    const interval = await admin().post('/partners', { name: 'x', inbound: { pollInterval: 'often' } });
    expect(interval.status).toBe(400);
    expect(interval.body.error.details.errors[0].path).toEqual(['inbound', 'pollInterval']);

    const created = (await admin().post('/partners', { name: 'Merge', inbound: { enabled: true, locales: ['en'] } })).body.data as PartnerView;
    const patched = await admin().patch(`/partners/${created.id}`, {
      inbound: { policy: 'publish', topicMap: { organising: 'advocacy' } },
      forwardReceived: true,
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data.inbound).toMatchObject({ enabled: true, locales: ['en'], policy: 'publish', topicMap: { organising: 'advocacy' } });
    expect(patched.body.data.forwardReceived).toBe(true);
  });

  it('stores the inbound secret encrypted and never shows it', async () => {
    const created = (await admin().post('/partners', { name: 'Secretive' })).body.data as PartnerView;
    const secret = partnerSecret();
    const res = await admin().put(`/partners/${created.id}/inbound-secret`, { secret });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const one = await admin().get(`/partners/${created.id}`);
    expect(one.body.data.inboundSecretSet).toBe(true);
    expect(JSON.stringify(one.body)).not.toContain(secret.slice(6));
    expect(JSON.stringify((await admin().get('/partners')).body)).not.toContain(secret.slice(6));
    const stored = (await strapi.db.query('plugin::syndication.partner').findOne({ where: { id: created.id }, select: ['inboundSecret'] })) as {
      inboundSecret: string;
    };
    expect(stored.inboundSecret).not.toContain(secret.slice(6));
    expect((await admin().put(`/partners/${created.id}/inbound-secret`, { secret: 'not-a-secret' })).status).toBe(400);
    expect((await admin().put(`/partners/${created.id}/inbound-secret`, { secret, extra: 1 })).status).toBe(400);
    // Not without the permission.
    const editor = await adminToken(strapi, 'strapi-editor');
    expect((await http(strapi).put(`${ADMIN}/partners/${created.id}/inbound-secret`).set('Authorization', `Bearer ${editor}`).send({ secret })).status).toBe(
      403,
    );
    expect((await http(strapi).get(`${ADMIN}/partners/${created.id}/received`).set('Authorization', `Bearer ${editor}`)).status).toBe(403);
  });
});

describe('a signed push', () => {
  it('is accepted (202), then imported as one document with its languages, attributed, canonical, licensed', async () => {
    const { partner, secret, inbox } = await inboundPartner();
    const message = storyMessage(
      'ext-turin-1',
      {
        en: { title: 'Turin course on advocacy', lead: 'Ten countries', bodyMarkdown: 'The **course** began.', updatedAt: '2026-03-28T10:00:00.000Z' },
        ru: { title: 'Курс в Турине', lead: 'Десять стран', bodyMarkdown: 'Курс **начался**.', updatedAt: '2026-03-28T10:05:00.000Z' },
      },
      {
        topics: [
          { slug: 'advocacy', name: 'Advocacy' },
          { slug: 'organising', name: 'Organising' },
        ],
      },
    );
    const res = await push(strapi, inbox, secret, message);
    expect(res.status).toBe(202);
    expect(res.body.data.status).toBe('accepted');
    const [entry] = await waitForReceived(strapi, token, partner.id, 'ext-turin-1');
    expect(entry).toMatchObject({ outcome: 'created', title: 'Turin course on advocacy', unknownTopics: ['organising'] });
    expect(entry.locales.sort()).toEqual(['en', 'ru']);
    const rows = await storyRows(entry.storyDocumentId as string);
    const published = rows.filter((row) => row.publishedAt !== null);
    expect(published.map((row) => row.locale).sort()).toEqual(['en', 'ru']);
    const en = published.find((row) => row.locale === 'en');
    expect(en).toMatchObject({
      title: 'Turin course on advocacy',
      lead: 'Ten countries',
      canonicalUrl: 'https://partner.example.org/en/stories/ext-turin-1',
      licence: 'CC-BY-4.0',
    });
    expect(en?.body).toContain('**course**');
    expect(en?.source).toMatchObject({ url: 'https://partner.example.org/en/stories/ext-turin-1', externalId: 'ext-turin-1' });
    expect(en?.topics.map((topic) => topic.slug)).toEqual(['advocacy']);

    // The source is public: the REST API shows it.
    const api = await http(strapi).get(`/api/stories/${entry.storyDocumentId}?locale=ru&populate=source`);
    expect(api.status).toBe(200);
    expect(api.body.data.source).toMatchObject({ externalId: 'ext-turin-1' });
    expect(api.body.data.canonicalUrl).toBe('https://partner.example.org/ru/stories/ext-turin-1');
  });

  it('answers 401 alike for a bad signature, a stale timestamp, missing headers and an unknown inbox', async () => {
    const { secret, inbox } = await inboundPartner();
    const message = storyMessage('ext-auth', { en: { title: 'Auth', updatedAt: '2026-03-28T10:00:00.000Z' } });
    const wrongKey = await push(strapi, inbox, partnerSecret(), message);
    const stale = await push(strapi, inbox, secret, message, { at: new Date(Date.now() - 10 * 60 * 1000) });
    const future = await push(strapi, inbox, secret, message, { at: new Date(Date.now() + 10 * 60 * 1000) });
    const unknown = await push(strapi, '/api/syndication/inbox/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', secret, message);
    const bare = await http(strapi).post(inbox).set('content-type', 'application/json').send(JSON.stringify(message));
    // Signed for another body: the bytes, not the JSON, are what is signed.
    const tampered = await push(strapi, inbox, secret, message, { headers: {} }).then(() =>
      http(strapi)
        .post(inbox)
        .set('content-type', 'application/json')
        .set('webhook-id', 'msg_x')
        .set('webhook-timestamp', String(Math.floor(Date.now() / 1000)))
        .set('webhook-signature', 'v1,AAAA')
        .send(JSON.stringify(message)),
    );
    for (const res of [wrongKey, stale, future, unknown, bare, tampered]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual(unknown.body);
    }
    expect(unknown.body.error).toMatchObject({ status: 401, name: 'UnauthorizedError' });
    // The challenge of a 401: the push's signature, not a user or a token.
    expect(unknown.headers['www-authenticate']).toBe('StandardWebhooks realm="syndication inbox"');
  });

  it('is imported once when its webhook-id is replayed (202 again, nothing done twice)', async () => {
    const { partner, secret, inbox } = await inboundPartner();
    const body = JSON.stringify(storyMessage('ext-replay', { en: { title: 'Replay', updatedAt: '2026-03-28T10:00:00.000Z' } }));
    const first = await push(strapi, inbox, secret, body, { webhookId: 'msg_replayed' });
    expect(first.status).toBe(202);
    await waitForReceived(strapi, token, partner.id, 'ext-replay');
    const again = await push(strapi, inbox, secret, body, { webhookId: 'msg_replayed' });
    expect(again.status).toBe(202);
    expect(again.body.data.status).toBe('already-received');
    // A later import would have logged a second entry.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await receivedOf(strapi, token, partner.id)).filter((entry) => entry.externalId === 'ext-replay')).toHaveLength(1);
    expect(await strapi.db.query('plugin::syndication.inbound-message').count({ where: { partnerId: partner.id } })).toBe(1);
  });

  it('refuses a body over 1 MiB (413) and another content type (415) before reading a story', async () => {
    const { partner, secret, inbox } = await inboundPartner();
    const big = storyMessage('ext-big', { en: { title: 'Big', bodyMarkdown: 'x'.repeat(2 * 1024 * 1024), updatedAt: '2026-03-28T10:00:00.000Z' } });
    const tooLarge = await push(strapi, inbox, secret, big);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.name).toBe('PayloadTooLargeError');
    const text = await push(strapi, inbox, secret, JSON.stringify(storyMessage('ext-text', { en: { title: 'Text', updatedAt: '2026-03-28T10:00:00.000Z' } })), {
      contentType: 'text/plain',
    });
    expect(text.status).toBe(415);
    const form = await push(strapi, inbox, secret, 'a=1', { contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(await strapi.db.query('plugin::syndication.inbound-message').count({ where: { partnerId: partner.id } })).toBe(0);
  });

  it('answers a well-signed invalid payload with 400 naming the field, and queues nothing', async () => {
    const { partner, secret, inbox } = await inboundPartner();
    const noTitle = storyMessage('ext-invalid', { en: { title: '', updatedAt: '2026-03-28T10:00:00.000Z' } });
    const res = await push(strapi, inbox, secret, noTitle);
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['data', 'locales', 'en', 'title']);
    const badType = await push(strapi, inbox, secret, { ...noTitle, type: 'story.deleted' });
    expect(badType.status).toBe(400);
    expect(badType.body.error.details.errors[0].path).toEqual(['type']);
    const notJson = await push(strapi, inbox, secret, '{"type":');
    expect(notJson.status).toBe(400);
    expect(await strapi.db.query('plugin::syndication.inbound-message').count({ where: { partnerId: partner.id } })).toBe(0);
  });

  it('answers 403 for a paused partner or one not receiving, once the signature is good', async () => {
    const { partner, secret, inbox } = await inboundPartner();
    const message = storyMessage('ext-paused', { en: { title: 'Paused', updatedAt: '2026-03-28T10:00:00.000Z' } });
    await admin().patch(`/partners/${partner.id}`, { status: 'paused' });
    expect((await push(strapi, inbox, secret, message)).status).toBe(403);
    // A bad signature stays a 401: nothing about the partner is told to whoever cannot sign.
    expect((await push(strapi, inbox, partnerSecret(), message)).status).toBe(401);
    await admin().patch(`/partners/${partner.id}`, { status: 'active', inbound: { enabled: false } });
    expect((await push(strapi, inbox, secret, message)).status).toBe(403);
    await admin().patch(`/partners/${partner.id}`, { inbound: { enabled: true } });
    expect((await push(strapi, inbox, secret, message)).status).toBe(202);
  });

  it('leaves a script and a javascript: link inert', async () => {
    const { partner, secret, inbox } = await inboundPartner();
    const message = storyMessage('ext-xss', {
      en: {
        title: 'XSS <script>alert(1)</script>',
        bodyMarkdown:
          'Hello <script>alert("x")</script> [click](javascript:alert(1)) <img src=x onerror="alert(2)"> <a href="javascript:alert(3)">a</a> [ok](https://ok.example.org)',
        updatedAt: '2026-03-28T10:00:00.000Z',
      },
    });
    expect((await push(strapi, inbox, secret, message)).status).toBe(202);
    const [entry] = await waitForReceived(strapi, token, partner.id, 'ext-xss');
    expect(entry.outcome).toBe('created');
    const [row] = await storyRows(entry.storyDocumentId as string);
    // Inert for a website that renders our Markdown even with raw HTML on: no script, no handler, no javascript: link.
    const rendered = new MarkdownIt({ html: true }).render(row.body);
    expect(rendered).not.toMatch(/<script|onerror|href="javascript:|src="javascript:/i);
    expect(row.body).not.toMatch(/<script|<img|<a /i);
    expect(rendered).toContain('href="https://ok.example.org/"');
    // The feed shows it (published, licensed) and nothing in it runs either.
    const feed = await http(strapi).get('/api/syndication/feeds/stories.json');
    const item = (feed.body.items as Array<{ title: string; content_html: string }>).find((candidate) => candidate.title.startsWith('XSS'));
    expect(item).toBeDefined();
    expect(item?.content_html).not.toMatch(/<script|onerror|href="javascript:|src="javascript:/i);
    expect(item?.content_html).toContain('href="https://ok.example.org/"');
  });
});

describe('the import rules', () => {
  it('makes 20 concurrent deliveries of one story one document (and 20 parallel imports too)', async () => {
    const { partner, secret, inbox } = await inboundPartner();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        push(
          strapi,
          inbox,
          secret,
          storyMessage('ext-concurrent', { en: { title: `Concurrent ${n}`, updatedAt: new Date(Date.UTC(2026, 2, 28, 10, n)).toISOString() } }),
        ),
      ),
    );
    expect(answers.map((res) => res.status)).toEqual(Array(20).fill(202));
    await waitForReceived(strapi, token, partner.id, 'ext-concurrent', 20);
    const documents = (await strapi.db.query(STORY).findMany({ where: { source: { externalId: 'ext-concurrent' } }, select: ['documentId'] })) as Array<{
      documentId: string;
    }>;
    expect(new Set(documents.map((row) => row.documentId)).size).toBe(1);

    // The importer itself, called 20 times at once (as several workers or a feed and a push would).
    const inbound = strapi.plugin('syndication').service('inbound') as {
      receive(partnerId: number, item: object): Promise<{ outcome: string; documentId: string | null }>;
    };
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        inbound.receive(partner.id, {
          externalId: 'ext-parallel',
          version: new Date(Date.UTC(2026, 2, 28, 11, n)).toISOString(),
          via: 'feed',
          licence: 'CC-BY-4.0',
          topics: [],
          withdrawn: false,
          translations: [
            { locale: 'en', title: `Parallel ${n}`, lead: null, body: 'Body', url: 'https://partner.example.org/parallel', slug: null, publishedAt: null },
          ],
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.outcome === 'created')).toHaveLength(1);
    expect(new Set(outcomes.map((outcome) => outcome.documentId).filter(Boolean)).size).toBe(1);
  });

  it('applies newer versions, ignores older ones, holds an update of an edited copy until accepted, and unpublishes', async () => {
    const { partner, secret, inbox } = await inboundPartner();
    const v1 = storyMessage('ext-versions', {
      en: { title: 'Version one', updatedAt: '2026-03-28T10:00:00.000Z' },
      ru: { title: 'Версия один', updatedAt: '2026-03-28T10:00:00.000Z' },
    });
    await push(strapi, inbox, secret, v1);
    const [created] = await waitForReceived(strapi, token, partner.id, 'ext-versions');
    const documentId = created.storyDocumentId as string;

    await push(
      strapi,
      inbox,
      secret,
      storyMessage(
        'ext-versions',
        { en: { title: 'Version three', updatedAt: '2026-03-28T12:00:00.000Z' }, ru: { title: 'Версия три', updatedAt: '2026-03-28T12:00:00.000Z' } },
        { type: 'story.updated' },
      ),
    );
    const [updated] = await waitForReceived(strapi, token, partner.id, 'ext-versions', 2);
    expect(updated.outcome).toBe('updated');
    // Version two arrives late: it changes nothing.
    await push(
      strapi,
      inbox,
      secret,
      storyMessage('ext-versions', { en: { title: 'Version two', updatedAt: '2026-03-28T11:00:00.000Z' } }, { type: 'story.updated' }),
    );
    const [late] = await waitForReceived(strapi, token, partner.id, 'ext-versions', 3);
    expect(late.outcome).toBe('rejected');
    expect(late.reason).toMatch(/older/);
    expect((await storyRows(documentId)).filter((row) => row.locale === 'en').every((row) => row.title === 'Version three')).toBe(true);

    // An editor changes the local copy; the next update is held.
    const edit = await http(strapi)
      .put(`/content-manager/collection-types/${STORY}/${documentId}?locale=en`)
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'Edited here' });
    expect(edit.status).toBe(200);
    await push(
      strapi,
      inbox,
      secret,
      storyMessage('ext-versions', { en: { title: 'Version four', updatedAt: '2026-03-28T13:00:00.000Z' } }, { type: 'story.updated' }),
    );
    const [held] = await waitForReceived(strapi, token, partner.id, 'ext-versions', 4);
    expect(held).toMatchObject({ outcome: 'pending', acceptable: true });
    expect(held.changes).toContain('en.title');
    const draft = (await storyRows(documentId)).find((row) => row.locale === 'en' && row.publishedAt === null);
    expect(draft?.title).toBe('Edited here');
    expect((await receivedOf(strapi, token, partner.id, 'outcome=pending')).map((entry) => entry.id)).toContain(held.id);

    const accepted = await admin().post(`/received/${held.id}/acceptance`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.data.outcome).toBe('updated');
    const rows = await storyRows(documentId);
    expect(rows.filter((row) => row.locale === 'en').map((row) => row.title)).toEqual(['Version four', 'Version four']);
    expect((await admin().post(`/received/${held.id}/acceptance`)).status).toBe(400);
    expect((await admin().post('/received/999999/acceptance')).status).toBe(404);

    // Unpublished at the source: unpublished here (it was published by this import), not deleted.
    await push(strapi, inbox, secret, unpublishedMessage('ext-versions', ['en', 'ru']));
    const [unpublished] = await waitForReceived(strapi, token, partner.id, 'ext-versions', 6);
    expect(unpublished).toMatchObject({ outcome: 'unpublished', title: 'Version four' });
    const after = await storyRows(documentId);
    expect(after.filter((row) => row.publishedAt !== null)).toHaveLength(0);
    expect(after.map((row) => row.locale).sort()).toEqual(['en', 'ru']);
    // The same story from a stale copy is not imported again.
    await push(strapi, inbox, secret, storyMessage('ext-versions', { en: { title: 'Version four', updatedAt: '2026-03-28T13:00:00.000Z' } }));
    const [stale] = await waitForReceived(strapi, token, partner.id, 'ext-versions', 7);
    expect(stale.outcome).toBe('rejected');
  });

  it('keeps a story without licence as a draft, and leaves out locales not taken', async () => {
    const { partner, secret, inbox } = await inboundPartner({ locales: ['en', 'ru'] });
    await push(
      strapi,
      inbox,
      secret,
      storyMessage(
        'ext-nolicence',
        {
          en: { title: 'No licence', updatedAt: at('2026-03-28T10:00:00.000Z') },
          kk: { title: 'Лицензиясыз', updatedAt: at('2026-03-28T10:00:00.000Z') },
          de: { title: 'Ohne', updatedAt: at('2026-03-28T10:00:00.000Z') },
        },
        { licence: null },
      ),
    );
    const [entry] = await waitForReceived(strapi, token, partner.id, 'ext-nolicence');
    expect(entry).toMatchObject({ outcome: 'created', locales: ['en'] });
    expect(entry.skippedLocales.sort()).toEqual(['de', 'kk']);
    expect(entry.reason).toMatch(/licence/);
    const rows = await storyRows(entry.storyDocumentId as string);
    expect(rows.every((row) => row.publishedAt === null)).toBe(true);
    expect(rows[0].licence).toBe('LicenseRef-all-rights-reserved');
  });

  it('maps topics through topicMap, and drafts under policy draft; frozen partners get no updates', async () => {
    const { partner, secret, inbox } = await inboundPartner({ policy: 'draft', updates: 'frozen', topicMap: { organising: 'youth' } });
    await push(
      strapi,
      inbox,
      secret,
      storyMessage(
        'ext-frozen',
        { en: { title: 'Frozen one', updatedAt: '2026-03-28T10:00:00.000Z' } },
        { topics: [{ slug: 'organising', name: 'Organising' }] },
      ),
    );
    const [entry] = await waitForReceived(strapi, token, partner.id, 'ext-frozen');
    expect(entry.outcome).toBe('created');
    expect(entry.unknownTopics).toEqual([]);
    const rows = await storyRows(entry.storyDocumentId as string);
    expect(rows.every((row) => row.publishedAt === null)).toBe(true);
    expect(rows[0].topics.map((topic) => topic.slug)).toEqual(['youth']);
    await push(strapi, inbox, secret, storyMessage('ext-frozen', { en: { title: 'Frozen two', updatedAt: '2026-03-28T11:00:00.000Z' } }));
    const [second] = await waitForReceived(strapi, token, partner.id, 'ext-frozen', 2);
    expect(second.outcome).toBe('rejected');
    expect(second.reason).toMatch(/frozen/);
    expect((await storyRows(entry.storyDocumentId as string))[0].title).toBe('Frozen one');
  });

  it('never pushes a received story back to its partner, and to others only when they opted in', async () => {
    const origin = await startReceiver();
    const other = await startReceiver();
    const forwarding = await startReceiver();
    receivers.push(origin, other, forwarding);
    // The origin is inbound and outbound: it has an endpoint too.
    const { partner, secret, inbox } = await inboundPartner({}, { endpointUrl: origin.url });
    await admin().post('/partners', { name: 'Other', endpointUrl: other.url });
    await admin().post('/partners', { name: 'Forwarding', endpointUrl: forwarding.url, forwardReceived: true });
    await push(strapi, inbox, secret, storyMessage('ext-echo', { en: { title: 'Echo test', updatedAt: '2026-03-28T10:00:00.000Z' } }));
    const [entry] = await waitForReceived(strapi, token, partner.id, 'ext-echo');
    expect(entry.outcome).toBe('created');
    await waitFor('the forwarding partner to get the story', () => forwarding.received.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(origin.received).toHaveLength(0);
    expect(other.received).toHaveLength(0);
  });

  it('shows nothing of the inbound tables over GraphQL', async () => {
    const res = await http(strapi).post('/graphql').send({ query: '{ __schema { types { name } queryType { fields { name } } } }' });
    const names = [...res.body.data.__schema.types, ...res.body.data.__schema.queryType.fields].map((item: { name: string }) => item.name);
    expect(names.filter((name: string) => /received|inbound|feedstate/i.test(name))).toEqual([]);
  });
});
