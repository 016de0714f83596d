import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import { adminToken } from '../helpers/admin';
import { createFeedPartner, FEED_TEST_ENV, startFeedServer, type FeedServer } from '../helpers/feed-server';
import { bootStrapi, http } from '../helpers/strapi';
import { ADMIN } from '../helpers/syndication-push';
import { waitFor } from '../helpers/wait';
import { startTestHub, type TestHub } from '../helpers/websub-hub-server';

/**
 * A subscription's life against a real hub: renewed at 80 % of the lease, subscribed afresh
 * when the lease ran out unrenewed, polling slowed while it is active, and ended (unsubscribed,
 * verified) when the partner stops taking the feed. Time is the subscriber's injected clock
 * (`useClock`), moved forward instead of waited for.
 */
let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;
let feeds: FeedServer;
let hub: TestHub;
let offsetMs = 0;

interface LeaseRow {
  state: string;
  topic: string;
  callbackId: string;
  leaseSeconds: number | null;
  leaseEndsAt: string | number | null;
}

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi(FEED_TEST_ENV));
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  const appOrigin = `http://127.0.0.1:${(strapi.server.httpServer.address() as AddressInfo).port}`;
  token = await adminToken(strapi);
  feeds = await startFeedServer();
  hub = await startTestHub((callback) => callback.replace(/^http:\/\/cms\.test/, appOrigin));
  hub.grantSeconds = 1000;
  (strapi.plugin('syndication').service('websub-subscriber') as { useClock(now: () => number): void }).useClock(() => Date.now() + offsetMs);
});
afterAll(async () => {
  await hub.close();
  await teardown();
  await feeds.close();
});

const leaseOf = async (partnerId: number) => (await strapi.db.query('plugin::syndication.websub-lease').findOne({ where: { partnerId } })) as LeaseRow | null;
const feedStateOf = async (partnerId: number) =>
  (await strapi.db.query('plugin::syndication.feed-state').findOne({ where: { partnerId } })) as { nextPollAt: string | number; lastPolledAt: string } | null;

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Partner news</title><id>urn:partner:lease</id><updated>2025-01-06T10:00:00Z</updated></feed>`;

const subscribedPartner = async (name: string, path: string) => {
  const self = `${feeds.origin}${path}`;
  feeds.routes.set(path, {
    status: 200,
    headers: { 'content-type': 'application/atom+xml', link: `<${hub.origin}/hub>; rel="hub", <${self}>; rel="self"` },
    body: atom,
  });
  const partnerId = await createFeedPartner(strapi, token, name, self);
  const request = await hub.waitForRequest((seen) => seen.topic === self && seen.mode === 'subscribe', `${name}'s subscription`);
  const lease = await waitFor(`${name}'s active lease`, async () => {
    const row = await leaseOf(partnerId);
    return row?.state === 'active' ? row : undefined;
  });
  return { partnerId, self, request, lease };
};

const requestsFor = (topic: string, mode = 'subscribe') => hub.requests.filter((seen) => seen.topic === topic && seen.mode === mode);

it('renews at 80 % of the lease with the same callback, and the verified renewal extends the lease', async () => {
  const { partnerId, self, request, lease } = await subscribedPartner('Renewed', '/renewed.atom');
  expect(lease.leaseSeconds).toBe(1000);
  const firstEnd = Number(lease.leaseEndsAt);
  // At 79 %: nothing yet.
  offsetMs = 790_000;
  const polls = feeds.requestsFor('/renewed.atom').length;
  await waitFor('another poll', () => feeds.requestsFor('/renewed.atom').length > polls, 20_000);
  expect(requestsFor(self)).toHaveLength(1);
  // Past 80 %: the renewal goes out and is verified.
  offsetMs = 810_000;
  const renewal = await hub.waitForRequest((seen) => seen.topic === self && seen !== request, 'the renewal');
  expect(renewal.callback).toBe(request.callback);
  expect(renewal.secret).toBe(request.secret);
  const renewed = await waitFor('the renewed lease', async () => {
    const row = await leaseOf(partnerId);
    return row && Number(row.leaseEndsAt) > firstEnd ? row : undefined;
  });
  expect(renewed.state).toBe('active');
  expect(Number(renewed.leaseEndsAt)).toBeGreaterThanOrEqual(firstEnd + 800_000);
  offsetMs = 0;
});

it('polls every pollFactor (6) × pollInterval while the lease is active, and at the usual rate once it ran out', async () => {
  offsetMs = 0;
  hub.autoVerify = true;
  const { partnerId, self, lease } = await subscribedPartner('Slowed', '/slowed.atom');
  // The poll after the verification is scheduled 6 × 1 s ahead.
  const slowed = await waitFor('a poll scheduled at the slow rate', async () => {
    const state = await feedStateOf(partnerId);
    return state && Number(state.nextPollAt) - Date.parse(state.lastPolledAt) >= 5500 ? state : undefined;
  });
  expect(Number(slowed.nextPollAt) - Date.parse(slowed.lastPolledAt)).toBeLessThanOrEqual(6500);

  // The hub stops confirming; the clock passes the lease's end: the subscriber asks afresh.
  hub.autoVerify = false;
  try {
    const before = requestsFor(self).length;
    offsetMs = Number(lease.leaseEndsAt) - Date.now() + 1000;
    await waitFor('a new subscription request', () => requestsFor(self).length > before, 20_000);
    const lapsed = await waitFor('the lapsed lease', async () => {
      const row = await leaseOf(partnerId);
      return row?.state === 'requested' ? row : undefined;
    });
    expect(lapsed.callbackId).toBe(lease.callbackId);
    // Polling is back to every second (pollInterval) once the slowed poll is done.
    const usual = await waitFor(
      'a poll at the usual rate',
      async () => {
        const state = await feedStateOf(partnerId);
        return state && Number(state.nextPollAt) - Date.parse(state.lastPolledAt) <= 1500 ? state : undefined;
      },
      20_000,
    );
    expect(usual).toBeTruthy();
  } finally {
    hub.autoVerify = true;
    offsetMs = 0;
  }
});

it('unsubscribes when the partner is paused; the hub’s verification is echoed and the lease is gone', async () => {
  const { partnerId, self, request } = await subscribedPartner('Paused', '/paused.atom');
  const res = await http(strapi).patch(`${ADMIN}/partners/${partnerId}`).set('Authorization', `Bearer ${token}`).send({ status: 'paused' });
  expect(res.status).toBe(200);
  const unsubscribe = await hub.waitForRequest((seen) => seen.topic === self && seen.mode === 'unsubscribe', 'the unsubscription');
  expect(unsubscribe.callback).toBe(request.callback);
  await waitFor('the lease to end', async () => (await leaseOf(partnerId)) === null);
  await waitFor('the hub to drop it', () => !hub.subscriptions.has(request.callback));
  // A push to the ended subscription: 410, the hub drops it (WebSub 8).
  const pushed = await hub.publish({ topic: self, callback: request.callback, secret: request.secret }, atom);
  expect(pushed.status).toBe(410);
});

it('a new feedUrl ends the old subscription and subscribes to the new feed’s hub', async () => {
  const { partnerId, self, request } = await subscribedPartner('Moved', '/moved-old.atom');
  const newSelf = `${feeds.origin}/moved-new.atom`;
  feeds.routes.set('/moved-new.atom', {
    status: 200,
    headers: { 'content-type': 'application/atom+xml', link: `<${hub.origin}/hub>; rel="hub", <${newSelf}>; rel="self"` },
    body: atom,
  });
  const res = await http(strapi)
    .patch(`${ADMIN}/partners/${partnerId}`)
    .set('Authorization', `Bearer ${token}`)
    .send({ inbound: { enabled: true, feedUrl: newSelf, pollInterval: '1s' } });
  expect(res.status).toBe(200);
  const fresh = await hub.waitForRequest((seen) => seen.topic === newSelf && seen.mode === 'subscribe', 'the new subscription');
  expect(fresh.callback).not.toBe(request.callback);
  const lease = await waitFor('the new active lease', async () => {
    const row = await leaseOf(partnerId);
    return row?.state === 'active' && row.topic === newSelf ? row : undefined;
  });
  expect(lease.callbackId).toBe(fresh.callback.split('/').pop());
  // The old callback is no longer ours: its pushes are refused with a 410.
  expect((await hub.publish({ topic: self, callback: request.callback, secret: request.secret }, atom)).status).toBe(410);
});
