import type { Core } from '@strapi/strapi';
import { adminToken } from '../helpers/admin';
import { bootStrapi, http } from '../helpers/strapi';
import { startWorker, stopWorker, type Worker } from '../helpers/syndication-processes';
import { partnerSecret, pathOf, push, receivedOf, storyMessage } from '../helpers/syndication-inbound';
import { ADMIN, PUSH_TEST_ENV } from '../helpers/syndication-push';
import { waitFor } from '../helpers/wait';

/**
 * The inbox answers before the work is done: an accepted push is a row of its queue, imported by
 * whichever process runs the worker, later, even when the process that answered is not one.
 */
let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;
const workers: Worker[] = [];
const MESSAGE = 'plugin::syndication.inbound-message';

beforeAll(async () => {
  // This process answers the inbox but runs no worker.
  ({ strapi, teardown } = await bootStrapi({ ...PUSH_TEST_ENV, SYNDICATION_PUSH_ENABLED: 'false' }));
  token = await adminToken(strapi);
});
afterAll(async () => {
  await Promise.all(workers.map(stopWorker));
  await teardown();
});

it('keeps an accepted push queued until a worker imports it, also one a dead worker had claimed', async () => {
  const created = await http(strapi)
    .post(`${ADMIN}/partners`)
    .set('Authorization', `Bearer ${token}`)
    .send({ name: 'Queued partner', inbound: { enabled: true, policy: 'publish' } });
  expect(created.status).toBe(201);
  const partner = created.body.data as { id: number; inboxUrl: string };
  const secret = partnerSecret();
  await http(strapi).put(`${ADMIN}/partners/${partner.id}/inbound-secret`).set('Authorization', `Bearer ${token}`).send({ secret });

  const first = await push(
    strapi,
    pathOf(partner.inboxUrl),
    secret,
    storyMessage('ext-queued', { en: { title: 'Queued', updatedAt: '2026-03-28T10:00:00.000Z' } }),
  );
  const second = await push(
    strapi,
    pathOf(partner.inboxUrl),
    secret,
    storyMessage('ext-orphan', { en: { title: 'Orphan', updatedAt: '2026-03-28T10:00:00.000Z' } }),
  );
  expect([first.status, second.status]).toEqual([202, 202]);
  // A worker that died while importing the second one left its lease behind, now run out.
  await strapi.db.query(MESSAGE).update({ where: { webhookId: second.body.data.webhookId }, data: { leaseOwner: 'dead-worker', leaseUntil: Date.now() - 1 } });
  await new Promise((resolve) => setTimeout(resolve, 700));
  expect(await receivedOf(strapi, token, partner.id)).toEqual([]);
  expect(await strapi.db.query(MESSAGE).count({ where: { partnerId: partner.id, status: 'pending' } })).toBe(2);

  workers.push(await startWorker({ SYNDICATION_PUSH_ENABLED: 'true' }));
  const entries = await waitFor(
    'both stories imported by the worker process',
    async () => {
      const log = await receivedOf(strapi, token, partner.id);
      return log.length >= 2 ? log : undefined;
    },
    30000,
  );
  expect(entries.map((entry) => [entry.externalId, entry.outcome]).sort()).toEqual([
    ['ext-orphan', 'created'],
    ['ext-queued', 'created'],
  ]);
  expect(await strapi.db.query(MESSAGE).count({ where: { partnerId: partner.id, status: 'done' } })).toBe(2);
});
