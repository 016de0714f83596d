import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import { adminToken } from '../helpers/admin';
import { createFeedPartner, FEED_TEST_ENV, receivedLog, startFeedServer, type FeedServer } from '../helpers/feed-server';
import { bootStrapi, http } from '../helpers/strapi';
import { ADMIN } from '../helpers/syndication-push';
import { waitFor } from '../helpers/wait';
import { startTestHub, type HubRequest, type TestHub } from '../helpers/websub-hub-server';

/**
 * The WebSub subscriber against a real hub and real partner feeds on 127.0.0.1, test by test as
 * websub.rocks checks a subscriber: discovery (100, 102–104), topic and hub redirects (200–205),
 * signed content distribution (300–302), denial and forged verifications. 101 (discovery from
 * an HTML page) does not apply: a partner's feedUrl is a feed, and an HTML answer is not one.
 * The app listens on a loopback port; the hub reaches our callback (PUBLIC_URL http://cms.test)
 * there.
 */
let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;
let feeds: FeedServer;
let hub: TestHub;
let appOrigin: string;

const MAX_BYTES = 200_000;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi({ ...FEED_TEST_ENV, SYNDICATION_FEEDS_MAX_BYTES: String(MAX_BYTES) }));
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  appOrigin = `http://127.0.0.1:${(strapi.server.httpServer.address() as AddressInfo).port}`;
  token = await adminToken(strapi);
  feeds = await startFeedServer();
  hub = await startTestHub((callback) => callback.replace(/^http:\/\/cms\.test/, appOrigin));
});
afterAll(async () => {
  await hub.close();
  await teardown();
  await feeds.close();
});

interface LeaseRow {
  state: string;
  topic: string;
  hub: string;
  callbackId: string;
  leaseEndsAt: string | number | null;
  deniedReason: string | null;
}

const leaseOf = async (partnerId: number) => (await strapi.db.query('plugin::syndication.websub-lease').findOne({ where: { partnerId } })) as LeaseRow | null;

const activeLease = (partnerId: number) =>
  waitFor(`partner ${partnerId}'s active lease`, async () => {
    const lease = await leaseOf(partnerId);
    return lease?.state === 'active' ? lease : undefined;
  });

const LICENCE = '<link rel="license" href="https://creativecommons.org/licenses/by/4.0/"/>';

const atomEntry = (id: string, title: string) =>
  `<entry><id>${id}</id><title>${title}</title><link rel="alternate" href="https://partner.example/stories/${id.slice(-12)}"/>${LICENCE}
<updated>2025-01-06T10:00:00Z</updated><content type="html">&lt;p&gt;Body of ${title}&lt;/p&gt;</content></entry>`;

const atom = (links = '', entries: string[] = []) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Partner news</title><id>urn:partner:news</id>
<updated>2025-01-06T10:00:00Z</updated>${links}${entries.join('\n')}</feed>`;

const rss = (links: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Partner news</title><link>https://partner.example</link>
<description>News</description><language>en</language>${links}</channel></rss>`;

const linkHeader = (hubUrl: string, self?: string) => `<${hubUrl}>; rel="hub"${self ? `, <${self}>; rel="self"` : ''}`;

/** Serves `body` at `path` with the given Link header (none when undefined). */
const serve = (path: string, body: string, link?: string, contentType = 'application/atom+xml; charset=utf-8') =>
  feeds.routes.set(path, { status: 200, headers: { 'content-type': contentType, ...(link && { link }) }, body });

const subscribeRequest = (topic: string, what: string) => hub.waitForRequest((request) => request.mode === 'subscribe' && request.topic === topic, what);

const newPartner = (name: string, path: string) => createFeedPartner(strapi, token, name, `${feeds.origin}${path}`);

describe('discovery (websub.rocks 100, 102–104)', () => {
  let partner100: number;
  let request100: HubRequest;

  it('100: takes the hub and the topic from the HTTP Link header, with a random callback and secret, and echoes the challenge', async () => {
    const self = `${feeds.origin}/100.atom`;
    serve('/100.atom', atom(), linkHeader(`${hub.origin}/hub`, self));
    partner100 = await newPartner('WebSub 100', '/100.atom');
    request100 = await subscribeRequest(self, 'the subscription of 100');
    expect(request100.path).toBe('/hub');
    expect(request100.callback).toMatch(/^http:\/\/cms\.test\/api\/syndication\/websub\/callback\/[A-Za-z0-9_-]{32}$/);
    expect(request100.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(request100.leaseSeconds).toBe(10 * 86_400);
    const lease = await activeLease(partner100);
    // The hub saw its challenge echoed (WebSub 5.3), and the lease runs for what it granted.
    const confirmed = await waitFor('the hub’s confirmed subscription', () => hub.subscriptions.get(request100.callback));
    expect(confirmed.topic).toBe(self);
    expect(lease.callbackId).toBe(request100.callback.split('/').pop());
    expect(Number(lease.leaseEndsAt)).toBeGreaterThan(Date.now() + (hub.grantSeconds - 60) * 1000);
  });

  it('102: from an Atom feed’s <link rel="hub"> and <link rel="self">', async () => {
    const self = `${feeds.origin}/102-self.atom`;
    serve('/102.atom', atom(`<link rel="hub" href="${hub.origin}/hub"/><link rel="self" href="${self}"/>`));
    const partnerId = await newPartner('WebSub 102', '/102.atom');
    await subscribeRequest(self, 'the subscription of 102');
    await activeLease(partnerId);
  });

  it('103: from an RSS feed’s <atom:link rel="hub"> and <atom:link rel="self">', async () => {
    const self = `${feeds.origin}/103-self.rss`;
    serve(
      '/103.rss',
      rss(`<atom:link rel="hub" href="${hub.origin}/hub"/><atom:link rel="self" href="${self}" type="application/rss+xml"/>`),
      undefined,
      'application/rss+xml',
    );
    const partnerId = await newPartner('WebSub 103', '/103.rss');
    await subscribeRequest(self, 'the subscription of 103');
    await activeLease(partnerId);
  });

  it('104: the Link header wins over the feed’s own links', async () => {
    const headerSelf = `${feeds.origin}/104-header.atom`;
    serve(
      '/104.atom',
      atom(`<link rel="hub" href="${hub.origin}/wrong-hub"/><link rel="self" href="${feeds.origin}/104-body.atom"/>`),
      linkHeader(`${hub.origin}/hub`, headerSelf),
    );
    const partnerId = await newPartner('WebSub 104', '/104.atom');
    const request = await subscribeRequest(headerSelf, 'the subscription of 104');
    expect(request.path).toBe('/hub');
    await activeLease(partnerId);
    expect(hub.arrivals).not.toContain('/wrong-hub');
    expect(hub.requests.some((seen) => seen.topic === `${feeds.origin}/104-body.atom`)).toBe(false);
  });

  it('a feed that advertises no hub is only polled', async () => {
    serve('/no-hub.atom', atom());
    const partnerId = await newPartner('No hub', '/no-hub.atom');
    await waitFor('two polls', () => feeds.requestsFor('/no-hub.atom').length >= 2);
    expect(await leaseOf(partnerId)).toBeNull();
  });

  describe('the callback’s verification (205 and the requests we did not send)', () => {
    const verification = (callbackId: string, query: Record<string, string>) => http(strapi).get(`/api/syndication/websub/callback/${callbackId}`).query(query);

    it('205: a verification for another topic is refused with a 404, and the subscription stays', async () => {
      const result = await hub.verify(request100, { topic: `${feeds.origin}/some-other-topic.atom` });
      expect(result.status).toBe(404);
      expect(JSON.parse(result.body)).toMatchObject({ data: null, error: { status: 404, name: 'NotFoundError' } });
      expect((await leaseOf(partner100))?.state).toBe('active');
    });

    it('an unsubscription we did not ask for: 404, still subscribed', async () => {
      const result = await hub.verify(request100, { mode: 'unsubscribe' });
      expect(result.status).toBe(404);
      expect(result.body).not.toContain(result.challenge);
      expect((await leaseOf(partner100))?.state).toBe('active');
    });

    it('an unknown callback id: 404', async () => {
      const res = await verification('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', {
        'hub.mode': 'subscribe',
        'hub.topic': request100.topic,
        'hub.challenge': 'abc',
        'hub.lease_seconds': '60',
      });
      expect(res.status).toBe(404);
    });

    it('a malformed verification: 400 with the problem named, nothing changed', async () => {
      const callbackId = request100.callback.split('/').pop() as string;
      const res = await verification(callbackId, { 'hub.mode': 'subscribe', 'hub.topic': request100.topic, 'hub.lease_seconds': 'soon' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
      expect(JSON.stringify(res.body.error.details)).toContain('hub.challenge');
      expect(JSON.stringify(res.body.error.details)).toContain('hub.lease_seconds');
      expect((await leaseOf(partner100))?.state).toBe('active');
    });

    it('a denial (hub.mode=denied) is recorded, and the hub is not asked again', async () => {
      hub.autoVerify = false;
      try {
        const self = `${feeds.origin}/denied.atom`;
        serve('/denied.atom', atom(), linkHeader(`${hub.origin}/hub`, self));
        const partnerId = await newPartner('Denied', '/denied.atom');
        const request = await subscribeRequest(self, 'the subscription to be denied');
        expect(await hub.deny(request, 'This topic is not open to you')).toBe(200);
        const lease = await waitFor('the denial', async () => {
          const row = await leaseOf(partnerId);
          return row?.state === 'denied' ? row : undefined;
        });
        expect(lease.deniedReason).toBe('This topic is not open to you');
        // Polls go on (they rediscover the same hub and topic) without a new request.
        const polls = feeds.requestsFor('/denied.atom').length;
        await waitFor('two more polls', () => feeds.requestsFor('/denied.atom').length >= polls + 2);
        expect(hub.requests.filter((seen) => seen.topic === self)).toHaveLength(1);
      } finally {
        hub.autoVerify = true;
      }
    });
  });

  describe('content distribution (websub.rocks 300–302)', () => {
    let entry = 0;
    const nextEntry = () => {
      entry += 1;
      return { id: `urn:uuid:00000000-0000-4000-8000-${String(entry).padStart(12, '0')}`, title: `Pushed story ${entry}` };
    };
    const subscription = () => hub.subscriptions.get(request100.callback) as NonNullable<ReturnType<TestHub['subscriptions']['get']>>;
    const logOf = () => receivedLog(strapi, token, partner100);

    it.each(['sha256', 'sha1', 'sha384', 'sha512'])('300: a notification signed with %s is answered 2xx and imported as a polled item', async (algorithm) => {
      const story = nextEntry();
      const res = await hub.publish(subscription(), atom('', [atomEntry(story.id, story.title)]), { algorithm });
      expect(res.status).toBe(202);
      const [imported] = await waitFor(`the pushed ${algorithm} story`, async () => {
        const entries = (await logOf()).filter((logged) => logged.externalId === story.id);
        return entries.length > 0 ? entries : undefined;
      });
      expect(imported.outcome).toBe('created');
      expect(imported.title).toBe(story.title);
    });

    const ignored = async (signature: 'invalid' | 'none', reason: string, algorithm = 'sha256') => {
      const story = nextEntry();
      const before = (await logOf()).length;
      const res = await hub.publish(subscription(), atom('', [atomEntry(story.id, story.title)]), { signature, algorithm });
      // WebSub 8: the hub is not told; the answer is a 2xx all the same.
      expect(res.status).toBe(202);
      const [logged] = await waitFor('the logged refusal', async () => {
        const entries = await logOf();
        return entries.length > before ? entries : undefined;
      });
      expect(logged.outcome).toBe('rejected');
      expect(logged.reason).toContain(reason);
      // A correctly signed push after it is imported; the ignored one never is.
      const next = nextEntry();
      await hub.publish(subscription(), atom('', [atomEntry(next.id, next.title)]));
      await waitFor('the next push', async () => (await logOf()).some((seen) => seen.externalId === next.id));
      expect((await logOf()).some((seen) => seen.externalId === story.id)).toBe(false);
    };

    it('301: an invalid signature is ignored (2xx, logged, nothing imported)', () => ignored('invalid', 'invalid X-Hub-Signature (sha256)'));
    it('302: no signature although the subscription has a secret: ignored and logged', () => ignored('none', 'no X-Hub-Signature'));
    it('an algorithm WebSub does not allow (md5) is ignored too', () => ignored('invalid', 'unknown algorithm "md5"', 'md5'));

    it('a notification for a callback we do not hold: 410, so that the hub drops it', async () => {
      const res = await hub.publish(
        { ...subscription(), callback: 'http://cms.test/api/syndication/websub/callback/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' },
        atom(),
      );
      expect(res.status).toBe(410);
      expect(JSON.parse(res.body)).toMatchObject({ data: null, error: { status: 410, name: 'GoneError' } });
    });

    it('a notification larger than feeds.maxBytes: 413, nothing kept', async () => {
      const story = nextEntry();
      const big = atom('', [atomEntry(story.id, `${story.title} ${'x'.repeat(MAX_BYTES)}`)]);
      const res = await hub.publish(subscription(), big);
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ data: null, error: { status: 413, name: 'PayloadTooLargeError' } });
      const lease = (await strapi.db.query('plugin::syndication.websub-lease').findOne({ where: { partnerId: partner100 } })) as { pushedAt: unknown };
      expect(lease.pushedAt).toBeNull();
    });

    it('the secret is in no answer: admin API, Content Manager, GraphQL', async () => {
      const secret = request100.secret as string;
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      for (const path of [`/partners/${partner100}`, '/partners', `/partners/${partner100}/received?limit=100`]) {
        const res = await http(strapi).get(`${ADMIN}${path}`).set('Authorization', `Bearer ${token}`);
        expect(res.status).toBe(200);
        expect(JSON.stringify(res.body)).not.toContain(secret);
      }
      // Nor through the Content Manager's API, which reaches every content type by uid.
      const managed = await http(strapi).get('/content-manager/collection-types/plugin::syndication.websub-lease').set('Authorization', `Bearer ${token}`);
      expect(managed.status).toBe(200);
      expect(JSON.stringify(managed.body)).toContain(request100.topic);
      expect(JSON.stringify(managed.body)).not.toContain(secret);
      // GraphQL has no lease type at all (graphql/index.ts disables the plugin's internal types).
      const lease = (await leaseOf(partner100)) as LeaseRow;
      const graphql = await http(strapi).post('/graphql').send({ query: '{ syndicationWebsubLeases { callbackId topic } }' });
      expect(graphql.status).toBe(400);
      expect(JSON.stringify(graphql.body)).toContain('Cannot query field');
      expect(JSON.stringify(graphql.body)).not.toContain(lease.callbackId);
    });
  });
});

describe('redirects (websub.rocks 200–204)', () => {
  it('200: the feed names another rel=self: that is the topic', async () => {
    const self = `${feeds.origin}/200-canonical.atom`;
    serve('/200.atom', atom(), linkHeader(`${hub.origin}/hub`, self));
    const partnerId = await newPartner('WebSub 200', '/200.atom');
    await subscribeRequest(self, 'the subscription of 200');
    expect((await activeLease(partnerId)).topic).toBe(self);
  });

  it('201: a temporary redirect of the feed keeps the original URL as the topic', async () => {
    feeds.routes.set('/201.atom', { status: 302, headers: { location: '/201-today.atom' } });
    serve('/201-today.atom', atom(), linkHeader(`${hub.origin}/hub`));
    const partnerId = await newPartner('WebSub 201', '/201.atom');
    await subscribeRequest(`${feeds.origin}/201.atom`, 'the subscription of 201');
    expect((await activeLease(partnerId)).topic).toBe(`${feeds.origin}/201.atom`);
  });

  it('202: a permanent redirect of the feed makes the new URL the topic', async () => {
    feeds.routes.set('/202.atom', { status: 301, headers: { location: '/202-moved.atom' } });
    serve('/202-moved.atom', atom(), linkHeader(`${hub.origin}/hub`));
    const partnerId = await newPartner('WebSub 202', '/202.atom');
    await subscribeRequest(`${feeds.origin}/202-moved.atom`, 'the subscription of 202');
    expect((await activeLease(partnerId)).topic).toBe(`${feeds.origin}/202-moved.atom`);
  });

  it('203: the hub redirects temporarily: the request is repeated there, and the advertised hub kept', async () => {
    hub.redirects.set('/hub-203', { status: 302, location: '/hub' });
    const self = `${feeds.origin}/203.atom`;
    serve('/203.atom', atom(), linkHeader(`${hub.origin}/hub-203`, self));
    const partnerId = await newPartner('WebSub 203', '/203.atom');
    const request = await subscribeRequest(self, 'the subscription of 203');
    expect(request.path).toBe('/hub');
    expect(hub.arrivals).toContain('/hub-203');
    expect((await activeLease(partnerId)).hub).toBe(`${hub.origin}/hub-203`);
  });

  it('204: the hub redirects permanently: the request is repeated there, and later requests go there', async () => {
    hub.redirects.set('/hub-204', { status: 301, location: '/hub' });
    const self = `${feeds.origin}/204.atom`;
    serve('/204.atom', atom(), linkHeader(`${hub.origin}/hub-204`, self));
    const partnerId = await newPartner('WebSub 204', '/204.atom');
    const request = await subscribeRequest(self, 'the subscription of 204');
    expect(request.path).toBe('/hub');
    expect((await activeLease(partnerId)).hub).toBe(`${hub.origin}/hub`);
  });
});
