import type { Core } from '@strapi/strapi';
import { STORY } from '../../src/domain/uids';
import { adminToken } from '../helpers/admin';
import { bootStrapi, http } from '../helpers/strapi';
import { FEEDS, createStory } from '../helpers/syndication-fixtures';
import { PUSH_TEST_ENV } from '../helpers/syndication-push';
import { waitFor } from '../helpers/wait';
import { parseLinkHeader, startSubscriber, type Subscriber } from '../helpers/websub-subscriber-server';

/**
 * Our WebSub hub, as the websub.rocks hub tests (100-104) and its publisher discovery checks
 * see it, with real subscribers on 127.0.0.1: one that verifies, one that refuses, one that
 * answers 410.
 */
let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;
const subscribers: Subscriber[] = [];

const BASE = 'http://cms.test/api/syndication';
const HUB = `${BASE}/websub`;
const TOPIC_EN = `${BASE}/feeds/stories.json?locale=en`;
const DAY = 86_400;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi({ ...PUSH_TEST_ENV, SYNDICATION_WEBSUB_VERIFY_TIMEOUT: '2s' }));
  token = await adminToken(strapi);
});
afterAll(async () => {
  hub().setClock(null);
  await Promise.all(subscribers.map((subscriber) => subscriber.close()));
  await teardown();
});

const hub = () => strapi.plugin('syndication').service('websub-hub') as { setClock(clock: (() => number) | null): void };

const subscriber = async (...args: Parameters<typeof startSubscriber>) => {
  const started = await startSubscriber(...args);
  subscribers.push(started);
  return started;
};

const hubRequest = (fields: Record<string, string>) => http(strapi).post('/api/syndication/websub').type('form').send(new URLSearchParams(fields).toString());

interface SubscriptionView {
  id: number;
  callbackHost: string;
  leaseSeconds: number;
  expiresAt: string;
  lastDeliveryAt: string | null;
  lastDeliveryStatus: number | null;
  failureCount: number;
  hasSecret: boolean;
}

const listSubscriptions = async (): Promise<Array<{ topic: string; subscriptions: SubscriptionView[] }>> => {
  const res = await http(strapi).get('/syndication/websub/subscriptions').set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  return res.body.data;
};

const subscriptionsOf = async (topic: string, host: string): Promise<SubscriptionView[]> =>
  ((await listSubscriptions()).find((group) => group.topic === topic)?.subscriptions ?? []).filter((subscription) => subscription.callbackHost === host);

/** Subscribes and waits until the hub has verified and stored the subscription. */
const subscribe = async (target: Subscriber, topic: string, extra: Record<string, string> = {}): Promise<SubscriptionView> => {
  const before = target.verifications.length;
  const res = await hubRequest({ 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.callback': target.callback, ...extra });
  expect(res.status).toBe(202);
  await waitFor('the verification of intent', () => target.verifications.length > before);
  return waitFor('the stored subscription', async () => (await subscriptionsOf(canonical(topic), target.host))[0]);
};

/** Every watched topic has been rendered since the last change (no mark left). */
const distributed = () =>
  waitFor('every topic distributed', async () => {
    const topics = (await strapi.db.query('plugin::syndication.websub-topic').findMany({})) as Array<{
      changeSeq: string | number;
      distributedSeq: string | number;
    }>;
    return topics.every((topic) => Number(topic.changeSeq) === Number(topic.distributedSeq));
  });

const canonical = (topic: string) => topic.replace('?locale=en&limit=50', '?locale=en');

describe('publisher discovery: every feed names its topic and our hub', () => {
  const cases = [
    { path: `${FEEDS.rss}`, self: `${BASE}/feeds/stories.rss` },
    { path: `${FEEDS.atom}?topic=advocacy&locale=en&limit=50`, self: `${BASE}/feeds/stories.atom?locale=en&topic=advocacy` },
    { path: `${FEEDS.json}?organisation=fprk&limit=10&locale=ru`, self: `${BASE}/feeds/stories.json?limit=10&locale=ru&organisation=fprk` },
  ];

  it.each(cases)('$path: one rel=self (canonical) and one rel=hub, in the body and the Link header', async ({ path, self }) => {
    const res = await http(strapi)
      .get(path)
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => done(null, text));
      });
    expect(res.status).toBe(200);
    const links = parseLinkHeader(res.headers.link);
    expect(links.filter((link) => link.rel === 'self')).toEqual([{ rel: 'self', url: self }]);
    expect(links.filter((link) => link.rel === 'hub')).toEqual([{ rel: 'hub', url: HUB }]);

    const text = res.body as string;
    if (path.startsWith(FEEDS.json)) {
      const feed = JSON.parse(text) as { feed_url: string; hubs: Array<{ type: string; url: string }> };
      expect(feed.feed_url).toBe(self);
      expect(feed.hubs).toEqual([{ type: 'WebSub', url: HUB }]);
    } else {
      const selfLinks = [...text.matchAll(/<(?:atom:)?link\b[^>]*\brel="self"[^>]*>/g)].map((match) => /href="([^"]*)"/.exec(match[0])?.[1]);
      const hubLinks = [...text.matchAll(/<(?:atom:)?link\b[^>]*\brel="hub"[^>]*>/g)].map((match) => /href="([^"]*)"/.exec(match[0])?.[1]);
      expect(selfLinks).toEqual([self.replace(/&/g, '&amp;')]);
      expect(hubLinks).toEqual([HUB]);
    }
  });

  it('sends the same Link header on a 304', async () => {
    const first = await http(strapi).get(`${FEEDS.rss}?locale=en`);
    const again = await http(strapi).get(`${FEEDS.rss}?locale=en`).set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    expect(parseLinkHeader(again.headers.link)).toEqual([
      { rel: 'self', url: `${BASE}/feeds/stories.rss?locale=en` },
      { rel: 'hub', url: HUB },
    ]);
  });
});

describe('hub requests that are refused (400 naming the parameter, 415), and nothing is verified', () => {
  it('refuses a body that is not form-encoded with 415', async () => {
    const target = await subscriber();
    const res = await http(strapi)
      .post('/api/syndication/websub')
      .send({ hub: { mode: 'subscribe', topic: TOPIC_EN, callback: target.callback } });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ data: null, error: { status: 415, name: 'UnsupportedMediaTypeError' } });
  });

  it.each([
    [{ 'hub.topic': TOPIC_EN }, ['hub.mode', 'hub.callback']],
    [{ 'hub.mode': 'follow', 'hub.topic': TOPIC_EN }, ['hub.mode']],
    [{ 'hub.mode': 'subscribe', 'hub.topic': 'https://elsewhere.example/feed.xml' }, ['hub.topic']],
    [{ 'hub.mode': 'subscribe', 'hub.topic': `${BASE}/inbox/abc` }, ['hub.topic']],
    [{ 'hub.mode': 'subscribe', 'hub.topic': `${BASE}/feeds/stories.json?colour=red` }, ['hub.topic']],
    [{ 'hub.mode': 'subscribe', 'hub.topic': `${BASE}/feeds/stories.json?locale=xx` }, ['hub.topic']],
    [{ 'hub.mode': 'subscribe', 'hub.topic': `${BASE}/feeds/stories.json?topic=no-such-topic` }, ['hub.topic']],
    [{ 'hub.mode': 'subscribe', 'hub.topic': TOPIC_EN, 'hub.lease_seconds': 'forever' }, ['hub.lease_seconds']],
    [{ 'hub.mode': 'subscribe', 'hub.topic': TOPIC_EN, 'hub.secret': 's'.repeat(200) }, ['hub.secret']],
  ])('%j → 400 naming %j', async (fields, paths) => {
    const target = await subscriber();
    const res = await hubRequest({ 'hub.callback': target.callback, ...fields, ...(paths.includes('hub.callback') && { 'hub.callback': '' }) });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeNull();
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.details.errors.map((error: { path: string[] }) => error.path[0]).sort()).toEqual([...paths].sort());
    // Nothing happens after a refusal: wait for a verification that must not come.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(target.verifications).toEqual([]);
  });

  it('refuses a callback that is not an http(s) URL', async () => {
    const res = await hubRequest({ 'hub.mode': 'subscribe', 'hub.topic': TOPIC_EN, 'hub.callback': 'ftp://127.0.0.1/x' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['hub.callback']);
  });
});

describe('websub.rocks hub tests 100-104', () => {
  it('100: a typical subscription is verified with a challenge and then exists, with the default lease', async () => {
    const target = await subscriber();
    const res = await hubRequest({ 'hub.mode': 'subscribe', 'hub.topic': `${BASE}/feeds/stories.json?limit=50&locale=en`, 'hub.callback': target.callback });
    expect(res.status).toBe(202);
    await waitFor('verification', () => target.verifications.length === 1);
    const [verification] = target.verifications;
    expect(verification).toMatchObject({ mode: 'subscribe', topic: TOPIC_EN, leaseSeconds: String(10 * DAY), query: { reader: expect.any(String) } });
    expect(verification.challenge).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const [stored] = await waitFor(
      'subscription',
      async () => (await subscriptionsOf(TOPIC_EN, target.host)).length === 1 && subscriptionsOf(TOPIC_EN, target.host),
    );
    expect(stored).toMatchObject({ leaseSeconds: 10 * DAY, hasSecret: false, failureCount: 0, lastDeliveryAt: null });
    expect(Date.parse(stored.expiresAt) - Date.now()).toBeGreaterThan(10 * DAY * 1000 - 60_000);
  });

  it('101: with a secret, the distributed feed is signed with it (X-Hub-Signature: sha256), and the secret is never shown', async () => {
    const secret = 'a subscriber secret';
    const target = await subscriber({}, secret);
    const topic = `${BASE}/feeds/stories.atom?locale=en`;
    const stored = await subscribe(target, topic, { 'hub.secret': secret });
    expect(stored.hasSecret).toBe(true);
    const listed = await http(strapi).get('/syndication/websub/subscriptions').set('Authorization', `Bearer ${token}`);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    // Stored encrypted, and the Content Manager's API (which reaches every type by uid) shows no secret and writes nothing.
    const row = (await strapi.db.query('plugin::syndication.websub-subscription').findOne({ where: { id: stored.id } })) as { secret: string };
    expect(row.secret).not.toContain(secret);
    const managed = await http(strapi).get('/content-manager/collection-types/plugin::syndication.websub-subscription').set('Authorization', `Bearer ${token}`);
    expect(managed.status).toBe(200);
    const entries = managed.body.results as Array<Record<string, unknown>>;
    expect(entries.some((entry) => entry.id === stored.id)).toBe(true);
    expect(entries.filter((entry) => 'secret' in entry)).toEqual([]);
    const forged = await http(strapi)
      .post('/content-manager/collection-types/plugin::syndication.websub-subscription')
      .set('Authorization', `Bearer ${token}`)
      .send({ topic: `${BASE}/feeds/stories.rss`, callback: target.callback, leaseSeconds: 3600, expiresAt: '9999999999999' });
    expect(forged.status).toBe(403);

    await createStory(strapi, { title: 'Signed WebSub story', slug: 'signed-websub-story' });
    const [delivery] = await waitFor('the signed delivery', () => target.deliveries.length > 0 && target.deliveries);
    expect(delivery.headers['x-hub-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(delivery.signatureValid).toBe(true);
  });

  it('102: additional parameters are ignored', async () => {
    const target = await subscriber();
    const res = await hubRequest({
      'hub.mode': 'subscribe',
      'hub.topic': `${BASE}/feeds/stories.rss?locale=ru`,
      'hub.callback': target.callback,
      foo: 'bar',
      'hub.extra': 'ignored',
    });
    expect(res.status).toBe(202);
    await waitFor('subscription', async () => (await subscriptionsOf(`${BASE}/feeds/stories.rss?locale=ru`, target.host)).length === 1);
  });

  it('103: re-subscribing before the lease ends renews it, still one subscription', async () => {
    const target = await subscriber();
    const topic = `${BASE}/feeds/stories.rss?topic=advocacy`;
    const first = await subscribe(target, topic, { 'hub.lease_seconds': String(2 * DAY) });
    expect(first.leaseSeconds).toBe(2 * DAY);
    const res = await hubRequest({ 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.callback': target.callback, 'hub.lease_seconds': String(20 * DAY) });
    expect(res.status).toBe(202);
    const renewed = await waitFor('the renewed lease', async () => {
      const list = await subscriptionsOf(topic, target.host);
      return list.length === 1 && list[0].leaseSeconds === 20 * DAY && list;
    });
    expect(renewed).toHaveLength(1);
    expect(Date.parse(renewed[0].expiresAt)).toBeGreaterThan(Date.parse(first.expiresAt));
    expect(target.verifications.map((verification) => verification.leaseSeconds)).toEqual([String(2 * DAY), String(20 * DAY)]);
  });

  it('104: unsubscribing is verified with hub.mode=unsubscribe, and then the subscription is gone', async () => {
    const target = await subscriber();
    const topic = `${BASE}/feeds/stories.json?organisation=fprk`;
    await subscribe(target, topic);
    const res = await hubRequest({ 'hub.mode': 'unsubscribe', 'hub.topic': topic, 'hub.callback': target.callback });
    expect(res.status).toBe(202);
    await waitFor('the unsubscribe verification', () => target.verifications.length === 2);
    expect(target.verifications[1]).toMatchObject({ mode: 'unsubscribe', topic, leaseSeconds: null });
    await waitFor('the subscription removed', async () => (await subscriptionsOf(topic, target.host)).length === 0);
  });

  it.each(['wrong', 'refuse'] as const)('a failed verification (%s) leaves no subscription', async (verification) => {
    const target = await subscriber({ verification });
    const res = await hubRequest({ 'hub.mode': 'subscribe', 'hub.topic': TOPIC_EN, 'hub.callback': target.callback });
    expect(res.status).toBe(202);
    await waitFor('the verification', () => target.verifications.length === 1);
    // The verification was answered; give the hub time to (not) store anything.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await subscriptionsOf(TOPIC_EN, target.host)).toEqual([]);
  });

  it('a failed unsubscribe verification keeps the subscription', async () => {
    const target = await subscriber();
    const topic = `${BASE}/feeds/stories.atom?topic=youth`;
    await subscribe(target, topic);
    target.behaviour.verification = 'refuse';
    await hubRequest({ 'hub.mode': 'unsubscribe', 'hub.topic': topic, 'hub.callback': target.callback });
    await waitFor('the verification', () => target.verifications.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await subscriptionsOf(topic, target.host)).toHaveLength(1);
  });

  it('keeps leases within 1 hour and 30 days', async () => {
    const short = await subscriber();
    const long = await subscriber();
    expect((await subscribe(short, TOPIC_EN, { 'hub.lease_seconds': '60' })).leaseSeconds).toBe(3600);
    expect((await subscribe(long, TOPIC_EN, { 'hub.lease_seconds': '999999999' })).leaseSeconds).toBe(30 * DAY);
    expect(short.verifications[0].leaseSeconds).toBe('3600');
  });
});

describe('content distribution (websub.rocks delivery 100-101)', () => {
  it('pushes the full new feed with Link headers to the subscribers of the topics that changed, and nothing to the others', async () => {
    const en = await subscriber();
    const ru = await subscriber();
    await subscribe(en, `${BASE}/feeds/stories.rss?locale=en`);
    await subscribe(ru, `${BASE}/feeds/stories.rss?locale=ru`);
    await distributed();

    await createStory(strapi, { title: 'English WebSub story', slug: 'english-websub-story', locale: 'en' });
    const [delivery] = await waitFor('the English delivery', () => en.deliveries.length > 0 && en.deliveries);
    expect(delivery.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(parseLinkHeader(delivery.headers.link as string).sort((a, b) => a.rel.localeCompare(b.rel))).toEqual([
      { rel: 'hub', url: HUB },
      { rel: 'self', url: `${BASE}/feeds/stories.rss?locale=en` },
    ]);
    expect(delivery.headers['x-hub-signature']).toBeUndefined();
    // The full feed, as the public gets it.
    const feed = await http(strapi).get(`${FEEDS.rss}?locale=en`).buffer(true);
    expect(delivery.body).toBe(feed.text);
    expect(delivery.body).toContain('English WebSub story');

    await distributed();
    expect(ru.deliveries).toEqual([]);
    await waitFor('the delivery recorded', async () => (await subscriptionsOf(`${BASE}/feeds/stories.rss?locale=en`, en.host))[0].lastDeliveryStatus === 200);
  });

  it('sends nothing when a change leaves the feed bytes as they were', async () => {
    const target = await subscriber();
    await subscribe(target, `${BASE}/feeds/stories.json?topic=advocacy`);
    await distributed();
    // Not syndicated: no feed shows it, so no feed's ETag moves.
    await createStory(strapi, { title: 'Not for feeds', slug: 'not-for-feeds-websub', allowed: false, topics: [] });
    await distributed();
    expect(target.deliveries).toEqual([]);
  });

  it('removes a subscription whose callback answers 410 Gone', async () => {
    const target = await subscriber({ deliveryStatus: 410 });
    const topic = `${BASE}/feeds/stories.atom?locale=ru`;
    await subscribe(target, topic);
    const documentId = await createStory(strapi, { title: 'Русская история WebSub', slug: 'russian-websub-story', locale: 'ru' });
    await waitFor('the delivery', () => target.deliveries.length === 1);
    await waitFor('the subscription removed', async () => (await subscriptionsOf(topic, target.host)).length === 0);
    await strapi.documents(STORY).unpublish({ documentId, locale: 'ru' } as never);
    await distributed();
    expect(target.deliveries).toHaveLength(1);
  });

  it('retries a failing callback on the push schedule until it answers', async () => {
    // Two failures, then a success.
    const target = await subscriber({ deliveryStatus: (index) => (index < 2 ? 503 : 204) });
    const topic = `${BASE}/feeds/stories.json?limit=5&locale=en`;
    await subscribe(target, topic);
    await createStory(strapi, { title: 'Retried WebSub story', slug: 'retried-websub-story' });
    await waitFor('a delivered attempt', async () => (await subscriptionsOf(topic, target.host))[0]?.lastDeliveryStatus === 204);
    expect(target.deliveries).toHaveLength(3);
    const bodies = new Set(target.deliveries.map((delivery) => delivery.body));
    expect(bodies.size).toBe(1);
  });

  it('stops at the end of the lease (injected clock): no deliveries, and the subscription is pruned', async () => {
    const target = await subscriber();
    const topic = `${BASE}/feeds/stories.rss?limit=3`;
    await subscribe(target, topic, { 'hub.lease_seconds': '3600' });
    const now = Date.now();
    hub().setClock(() => now + 3601 * 1000);
    try {
      await createStory(strapi, { title: 'After the lease', slug: 'after-the-lease-websub' });
      await waitFor('the subscription pruned', async () => (await subscriptionsOf(topic, target.host)).length === 0);
      await distributed();
      expect(target.deliveries).toEqual([]);
    } finally {
      hub().setClock(null);
    }
  });
});

describe('admin: subscriptions per topic', () => {
  it('lists them (callback host, lease end, last delivery, failures) and removes one', async () => {
    const target = await subscriber();
    const topic = `${BASE}/feeds/stories.atom?organisation=fprk`;
    const stored = await subscribe(target, topic);
    const groups = await listSubscriptions();
    const group = groups.find((entry) => entry.topic === topic);
    expect(group?.subscriptions).toEqual([
      expect.objectContaining({ id: stored.id, callbackHost: target.host, expiresAt: expect.any(String), lastDeliveryAt: null, failureCount: 0 }),
    ]);
    expect(JSON.stringify(groups)).not.toContain('/websub/callback');

    const unauthenticated = await http(strapi).delete(`/syndication/websub/subscriptions/${stored.id}`);
    expect(unauthenticated.status).toBe(401);
    const removed = await http(strapi).delete(`/syndication/websub/subscriptions/${stored.id}`).set('Authorization', `Bearer ${token}`);
    expect(removed.status).toBe(204);
    expect(await subscriptionsOf(topic, target.host)).toEqual([]);
    const again = await http(strapi).delete(`/syndication/websub/subscriptions/${stored.id}`).set('Authorization', `Bearer ${token}`);
    expect(again.status).toBe(404);
    const bad = await http(strapi).delete('/syndication/websub/subscriptions/abc').set('Authorization', `Bearer ${token}`);
    expect(bad.status).toBe(400);
  });
});
