import type { Core } from '@strapi/strapi';
import { adminToken } from '../helpers/admin';
import { createFeedPartner, FEED_TEST_ENV, fixture, receivedLog, startFeedServer, type FeedServer } from '../helpers/feed-server';
import { bootStrapi, http } from '../helpers/strapi';
import { ADMIN } from '../helpers/syndication-push';
import { startWorker, stopWorker, type Worker } from '../helpers/syndication-processes';
import { waitFor } from '../helpers/wait';

/**
 * Feeds are claimed like deliveries: one process polls a feed at a time, and a lease left by a
 * process that died runs out before another polls the feed.
 */
let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;
let server: FeedServer;
const workers: Worker[] = [];
const FEED_STATE = 'plugin::syndication.feed-state';

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi(FEED_TEST_ENV));
  token = await adminToken(strapi);
  server = await startFeedServer();
});
afterAll(async () => {
  await Promise.all(workers.map(stopWorker));
  await teardown();
  await server.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('does not poll a feed another process holds until that lease runs out', async () => {
  const path = '/held.json';
  server.routes.set(path, { body: fixture('union-comms.json'), contentType: 'application/feed+json' });
  // Disabled first, so that the state can be taken by a "process" that then dies.
  const partnerId = await createFeedPartner(strapi, token, 'Held by a dead process', `${server.origin}${path}`, { enabled: false });
  // The lease's end as stored: the poll may come from then on, however long the requests below take.
  const leaseEnds = Date.now() + 2500;
  await strapi.db.query(FEED_STATE).create({
    data: {
      partnerId,
      feedUrl: `${server.origin}${path}`,
      nextPollAt: Date.now(),
      failureCount: 0,
      leaseOwner: 'dead-host:1:0000',
      leaseUntil: leaseEnds,
    },
  });
  const enabled = await http(strapi)
    .patch(`${ADMIN}/partners/${partnerId}`)
    .set('Authorization', `Bearer ${token}`)
    .send({ inbound: { enabled: true } });
  expect(enabled.status).toBe(200);
  await pause(1500);
  expect(server.requestsFor(path)).toEqual([]);
  const first = await waitFor('the poll after the lease ran out', () => server.requestsFor(path)[0]);
  expect(first.at).toBeGreaterThanOrEqual(leaseEnds - 100);
  await waitFor('the import', async () => ((await receivedLog(strapi, token, partnerId)).length >= 2 ? true : undefined));
});

const declareOnPostgres = (declare: () => void) => {
  if (process.env.DATABASE_CLIENT === 'postgres') declare();
};

declareOnPostgres(() =>
  describe('three server processes (this one and two children) on one PostgreSQL database', () => {
    it('poll each feed one at a time and import each story once', async () => {
      const slow = 300;
      const paths = [1, 2, 3, 4, 5, 6].map((n) => `/slow-${n}.atom`);
      // A slow server: a request takes `slow` ms, so two processes polling one feed at once would overlap.
      const atom = fixture('atom-translations.xml');
      for (const path of paths) server.routes.set(path, { body: atom, contentType: 'application/atom+xml', delayMs: slow });
      await Promise.all([
        startWorker({ ...FEED_TEST_ENV, SYNDICATION_PUSH_ENABLED: 'true' }),
        startWorker({ ...FEED_TEST_ENV, SYNDICATION_PUSH_ENABLED: 'true' }),
      ]).then((started) => workers.push(...started));
      const partners: number[] = [];
      for (const path of paths) partners.push(await createFeedPartner(strapi, token, `Slow ${path}`, `${server.origin}${path}`));

      // Every feed imported, then several more polls of each.
      for (const partnerId of partners) {
        await waitFor(`the import of partner ${partnerId}`, async () => ((await receivedLog(strapi, token, partnerId)).length >= 3 ? true : undefined), 30_000);
      }
      await waitFor('four polls of every feed', () => paths.every((path) => server.requestsFor(path).length >= 4), 30_000);

      for (const path of paths) {
        const requests = server.requestsFor(path).sort((a, b) => a.at - b.at);
        for (let index = 1; index < requests.length; index += 1) {
          expect(requests[index].at).toBeGreaterThanOrEqual(requests[index - 1].at + slow);
        }
      }
      for (const partnerId of partners) {
        const log = await receivedLog(strapi, token, partnerId);
        expect(log.map((entry) => entry.outcome).sort()).toEqual(['created', 'created', 'unpublished']);
      }
    });
  }),
);
