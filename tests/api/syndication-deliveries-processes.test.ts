import type { Core } from '@strapi/strapi';
import { adminToken } from '../helpers/admin';
import { bootStrapi } from '../helpers/strapi';
import { createStory } from '../helpers/syndication-fixtures';
import { startWorker, stopWorker, type Worker } from '../helpers/syndication-processes';
import { PUSH_TEST_ENV, createPartner, startReceiver, type Receiver } from '../helpers/syndication-push';
import { waitFor } from '../helpers/wait';

/**
 * The delivery worker across processes: this test process records deliveries (its own worker is
 * off) and child processes on the same database deliver them.
 */
let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;
const receivers: Receiver[] = [];
const workers: Worker[] = [];

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi({ ...PUSH_TEST_ENV, SYNDICATION_PUSH_ENABLED: 'false' }));
  token = await adminToken(strapi);
});
afterAll(async () => {
  await Promise.all(workers.map(stopWorker));
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await teardown();
});

const DELIVERY = 'plugin::syndication.delivery';
const ATTEMPT = 'plugin::syndication.delivery-attempt';
const worker = async (env: Record<string, string> = {}) => {
  const started = await startWorker({ SYNDICATION_PUSH_ENABLED: 'true', ...env });
  workers.push(started);
  return started;
};
const pauseOthers = () => strapi.db.query('plugin::syndication.partner').updateMany({ where: { status: 'active' }, data: { status: 'paused' } });

describe('a crash loses nothing', () => {
  it('delivers every pending delivery after the server is killed with SIGKILL mid-delivery and restarted', async () => {
    await pauseOthers();
    let hang = true;
    // While `hang`, the partner's server accepts the request and never answers in time.
    const server = await startReceiver(() => (hang ? { status: 200, delayMs: 60000 } : { status: 200 }));
    receivers.push(server);
    const { data: partner } = await createPartner(strapi, token, server);
    for (let n = 1; n <= 5; n += 1) await createStory(strapi, { title: `Crash story ${n}`, slug: `crash-story-${n}` });
    const recorded = (await strapi.db.query(DELIVERY).findMany({ where: { partnerId: partner.id }, select: ['webhookId'] })) as Array<{ webhookId: string }>;
    expect(recorded).toHaveLength(5);

    const first = await worker({ SYNDICATION_PUSH_TIMEOUT: '3s' });
    await waitFor('the first request to arrive', () => server.received.length >= 1, 30000);
    first.child.kill('SIGKILL');
    await first.exited;
    // Killed mid-request: no attempt was logged and nothing was marked done.
    expect(await strapi.db.query(ATTEMPT).count({ where: { partnerId: partner.id } })).toBe(0);
    expect(await strapi.db.query(DELIVERY).count({ where: { partnerId: partner.id, status: 'pending' } })).toBe(5);

    hang = false;
    await worker();
    await waitFor(
      'every delivery to succeed after the restart',
      async () => (await strapi.db.query(DELIVERY).count({ where: { partnerId: partner.id, status: 'succeeded' } })) === 5,
      60000,
    );
    const receivedIds = new Set(server.received.filter((request) => request.verified).map((request) => String(request.headers['webhook-id'])));
    for (const { webhookId } of recorded) expect(receivedIds.has(webhookId)).toBe(true);
  });
});

// Several server processes share a PostgreSQL database in production. A SQLite file belongs to
// one server process in our deployment model (it is not shared between servers), so there is
// nothing to test there: the suite is only declared on PostgreSQL.
const declareOnPostgres = (declare: () => void) => {
  if (process.env.DATABASE_CLIENT === 'postgres') declare();
};

declareOnPostgres(() =>
  describe('two server processes on one PostgreSQL database', () => {
    it('deliver 100 deliveries, each attempted exactly once', async () => {
      await pauseOthers();
      const servers = await Promise.all([1, 2, 3, 4, 5].map(() => startReceiver()));
      receivers.push(...servers);
      const partners = [];
      for (const server of servers) partners.push((await createPartner(strapi, token, server)).data.id);
      await Promise.all([worker({ SYNDICATION_PUSH_BATCH_SIZE: '4' }), worker({ SYNDICATION_PUSH_BATCH_SIZE: '4' })]);

      for (let n = 1; n <= 20; n += 1) await createStory(strapi, { title: `Shared story ${n}`, slug: `shared-story-${n}` });
      const where = { partnerId: { $in: partners } };
      expect(await strapi.db.query(DELIVERY).count({ where })).toBe(100);
      await waitFor(
        '100 deliveries to succeed',
        async () => (await strapi.db.query(DELIVERY).count({ where: { ...where, status: 'succeeded' } })) === 100,
        90000,
      );

      const received = servers.flatMap((server) => server.received);
      expect(received.every((request) => request.verified)).toBe(true);
      const ids = received.map((request) => String(request.headers['webhook-id']));
      expect(ids).toHaveLength(100);
      expect(new Set(ids).size).toBe(100);
      expect(await strapi.db.query(ATTEMPT).count({ where })).toBe(100);
    });
  }),
);
