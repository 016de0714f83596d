import type { Core } from '@strapi/strapi';
import { bootStrapi, http } from '../helpers/strapi';
import { createStory } from '../helpers/syndication-fixtures';
import { startWorker, stopWorker, type Worker } from '../helpers/syndication-processes';
import { PUSH_TEST_ENV } from '../helpers/syndication-push';
import { waitFor } from '../helpers/wait';
import { startSubscriber, type Subscriber } from '../helpers/websub-subscriber-server';

/**
 * WebSub distribution across processes: this test process takes hub requests and story changes
 * (its own worker is off, so it distributes nothing) and child processes on the same database
 * distribute: after a SIGKILL, and two at once on PostgreSQL.
 */
let strapi: Core.Strapi;
let teardown: () => Promise<void>;
const subscribers: Subscriber[] = [];
const workers: Worker[] = [];

const BASE = 'http://cms.test/api/syndication';
const SUBSCRIPTION = 'plugin::syndication.websub-subscription';
const DELIVERY = 'plugin::syndication.websub-delivery';

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi({ ...PUSH_TEST_ENV, SYNDICATION_PUSH_ENABLED: 'false' }));
});
afterAll(async () => {
  await Promise.all(workers.map(stopWorker));
  await Promise.all(subscribers.map((subscriber) => subscriber.close()));
  await teardown();
});

const worker = async (env: Record<string, string> = {}) => {
  // Booting the app takes long on a busy 2-core machine.
  const started = await startWorker({ SYNDICATION_PUSH_ENABLED: 'true', ...env }, 180_000);
  workers.push(started);
  return started;
};

/** Subscribes through the hub of this process and waits for the verified subscription; returns its id. */
const subscribe = async (target: Subscriber, topic: string): Promise<number> => {
  const res = await http(strapi)
    .post('/api/syndication/websub')
    .type('form')
    .send(new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.callback': target.callback }).toString());
  expect(res.status).toBe(202);
  const row = await waitFor(
    'the subscription',
    async () => ((await strapi.db.query(SUBSCRIPTION).findOne({ where: { topic, callback: target.callback } })) as { id: number } | null) ?? undefined,
  );
  return row.id;
};

const started = async (...args: Parameters<typeof startSubscriber>) => {
  const subscriber = await startSubscriber(...args);
  subscribers.push(subscriber);
  return subscriber;
};

describe('a crash loses nothing', () => {
  it('distributes a change made while no worker ran, and redelivers after a SIGKILL mid-delivery', async () => {
    const target = await started({ hold: true });
    const subscriptionId = await subscribe(target, `${BASE}/feeds/stories.rss?locale=en`);

    // No worker runs: the change is only a mark on the topic, in the database.
    await createStory(strapi, { title: 'Story before the crash', slug: 'story-before-the-crash' });
    expect(await strapi.db.query(DELIVERY).count({ where: { subscriptionId } })).toBe(0);

    const first = await worker({ SYNDICATION_PUSH_TIMEOUT: '3s' });
    await waitFor('the delivery to arrive', () => target.deliveries.length >= 1, 30000);
    first.child.kill('SIGKILL');
    await first.exited;
    // Killed while the subscriber held the request: still pending, to be sent again.
    expect(await strapi.db.query(DELIVERY).count({ where: { subscriptionId, status: 'pending' } })).toBe(1);

    target.behaviour.hold = false;
    await worker();
    await waitFor(
      'the delivery to succeed after the restart',
      async () => (await strapi.db.query(DELIVERY).count({ where: { subscriptionId, status: 'succeeded' } })) === 1,
      60000,
    );
    expect(target.deliveries.length).toBeGreaterThanOrEqual(2);
    expect(new Set(target.deliveries.map((delivery) => delivery.body)).size).toBe(1);
    expect(target.deliveries[0].body).toContain('Story before the crash');
    await Promise.all(workers.splice(0).map(stopWorker));
  }, 600_000);
});

// Several server processes share a PostgreSQL database in production; a SQLite file belongs to
// one server process (see syndication-deliveries-processes), so this runs on PostgreSQL only.
const declareOnPostgres = (declare: () => void) => {
  if (process.env.DATABASE_CLIENT === 'postgres') declare();
};

declareOnPostgres(() =>
  describe('two server processes on one PostgreSQL database', () => {
    it('distribute each change to each subscriber once', async () => {
      const topics = [
        `${BASE}/feeds/stories.json?locale=en`,
        `${BASE}/feeds/stories.atom?locale=en`,
        `${BASE}/feeds/stories.rss?limit=5&locale=en`,
        `${BASE}/feeds/stories.json?limit=10&locale=en`,
      ];
      const targets = await Promise.all(topics.map(() => started()));
      const ids: Awaited<ReturnType<typeof subscribe>>[] = [];
      for (const [index, topic] of topics.entries()) ids.push(await subscribe(targets[index], topic));
      // One after the other: two boots at once on two cores can take minutes.
      await worker({ SYNDICATION_PUSH_BATCH_SIZE: '2' });
      await worker({ SYNDICATION_PUSH_BATCH_SIZE: '2' });

      for (let n = 1; n <= 8; n += 1) {
        await createStory(strapi, { title: `Shared WebSub story ${n}`, slug: `shared-websub-story-${n}` });
        // Let some changes be distributed before the next (others are superseded while pending).
        if (n % 2 === 0)
          await waitFor(
            `a delivery of change ${n}`,
            () => targets.every((target) => target.deliveries.some((delivery) => delivery.body.includes(`Shared WebSub story ${n}`))),
            30000,
          );
      }
      const settled = async () => {
        const pending = await strapi.db.query(DELIVERY).count({ where: { subscriptionId: { $in: ids }, status: 'pending' } });
        return pending === 0 && targets.every((target) => target.deliveries.some((delivery) => delivery.body.includes('Shared WebSub story 8')));
      };
      await waitFor('every subscriber to have the last change', settled, 60000);

      for (const [index, target] of targets.entries()) {
        const rows = (await strapi.db.query(DELIVERY).findMany({ where: { subscriptionId: ids[index], status: 'succeeded' } })) as Array<{
          attemptCount: number;
        }>;
        // Each new feed body arrived once: as many requests as succeeded deliveries, each attempted once, no body twice.
        expect(target.deliveries).toHaveLength(rows.length);
        expect(rows.every((row) => Number(row.attemptCount) === 1)).toBe(true);
        expect(new Set(target.deliveries.map((delivery) => delivery.body)).size).toBe(target.deliveries.length);
        const current = await http(strapi)
          .get(new URL(topics[index]).pathname + new URL(topics[index]).search)
          .buffer(true);
        expect(target.deliveries[target.deliveries.length - 1].body).toBe(current.text);
      }
    }, 600_000);
  }),
);
