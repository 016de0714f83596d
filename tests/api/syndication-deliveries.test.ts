import type { Core } from '@strapi/strapi';
import { STORY } from '../../src/domain/uids';
import { adminToken } from '../helpers/admin';
import { findLeaks } from '../helpers/content';
import { bootStrapi, http } from '../helpers/strapi';
import { createStory } from '../helpers/syndication-fixtures';
import { ADMIN, PUSH_TEST_ENV, createPartner, deliveriesOf, startReceiver, type DeliveryView, type Receiver } from '../helpers/syndication-push';
import { waitFor } from '../helpers/wait';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;
const receivers: Receiver[] = [];
const TURIN_SLUG = 'national-unions-discuss-modern-communication-in-turin';

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi(PUSH_TEST_ENV));
  token = await adminToken(strapi);
});
afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await teardown();
});

const receiver = async (...args: Parameters<typeof startReceiver>) => {
  const started = await startReceiver(...args);
  receivers.push(started);
  return started;
};

const turinId = async (): Promise<string> =>
  ((await strapi.db.query(STORY).findOne({ where: { slug: TURIN_SLUG }, select: ['documentId'] })) as { documentId: string }).documentId;

/** Partners created by other tests are paused so that each test sees its own deliveries only. */
const pauseOthers = async () => {
  await strapi.db.query('plugin::syndication.partner').updateMany({ where: { status: 'active' }, data: { status: 'paused' } });
};

const settled = (partnerId: number, count: number, status = 'succeeded') =>
  waitFor(`${count} ${status} deliveries of partner ${partnerId}`, async () => {
    const list = await deliveriesOf(strapi, token, partnerId);
    return list.length >= count && list.every((delivery) => delivery.status === status) ? list : undefined;
  });

describe('the Turin story reaches a partner, signed', () => {
  it('pushes unpublish, publish and update events the partner verifies with the reference library', async () => {
    await pauseOthers();
    const partnerServer = await receiver();
    const { data: partner } = await createPartner(strapi, token, partnerServer);
    const documentId = await turinId();

    await strapi.documents(STORY).unpublish({ documentId, locale: '*' } as never);
    await waitFor('story.unpublished', () => partnerServer.received.length === 1);
    await strapi.documents(STORY).publish({ documentId, locale: 'en' } as never);
    await waitFor('story.published', () => partnerServer.received.length === 2);
    await strapi.documents(STORY).publish({ documentId, locale: 'ru' } as never);
    await waitFor('story.updated', () => partnerServer.received.length === 3);

    expect(partnerServer.received.every((request) => request.verified)).toBe(true);
    const [unpublished, published, updated] = partnerServer.received;
    for (const request of partnerServer.received) {
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['webhook-id']).toMatch(/^msg_[0-9a-f-]{36}$/);
      expect(request.headers['webhook-timestamp']).toMatch(/^\d{10}$/);
      expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(findLeaks(request.payload)).toEqual([]);
    }
    expect(unpublished.payload).toMatchObject({
      type: 'story.unpublished',
      data: { schemaVersion: 1, documentId, reason: 'unpublished', remainingLocales: [] },
    });
    expect((unpublished.payload?.data.locales as string[]).sort()).toEqual(['en', 'ru']);

    expect(published.payload).toMatchObject({
      type: 'story.published',
      data: {
        schemaVersion: 1,
        documentId,
        licence: { id: 'CC-BY-4.0', url: expect.stringContaining('creativecommons.org') },
        publisher: { slug: 'fprk' },
      },
    });
    const data = published.payload?.data as { locales: Record<string, Record<string, unknown>>; topics: Array<{ slug: string }> };
    expect(Object.keys(data.locales)).toEqual(['en']);
    expect(data.locales.en).toMatchObject({ slug: TURIN_SLUG, link: expect.stringMatching(/^https?:\/\//), bodyHtml: expect.any(String) });
    expect(data.topics.map((topic) => topic.slug)).toContain('advocacy');
    expect(published.body).not.toMatch(/"createdBy"|"updatedBy"|"participants"|"email"|"phone"/);

    expect(updated.payload?.type).toBe('story.updated');
    expect(Object.keys((updated.payload?.data as { locales: object }).locales).sort()).toEqual(['en', 'ru']);

    const deliveries = await settled(partner.id, 3);
    expect(deliveries.map((delivery) => delivery.event)).toEqual(['story.updated', 'story.published', 'story.unpublished']);
    expect(new Set(deliveries.map((delivery) => delivery.webhookId)).size).toBe(3);
    expect(deliveries[0].attempts).toEqual([expect.objectContaining({ number: 1, statusCode: 200, responseBody: 'ok', outcome: 'succeeded' })]);
  });

  it('sends only what a partner filters for: its locales and topics', async () => {
    await pauseOthers();
    const ruOnly = await receiver();
    const youthOnly = await receiver();
    const { data: ruPartner } = await createPartner(strapi, token, ruOnly, { locales: ['ru'] });
    const { data: youthPartner } = await createPartner(strapi, token, youthOnly, { topics: ['youth'] });

    await createStory(strapi, { title: 'English only story', slug: 'english-only-story', locale: 'en' });
    // Recorded in the publishing transaction: visible as soon as publish returns.
    expect(await deliveriesOf(strapi, token, ruPartner.id)).toEqual([]);
    expect(await deliveriesOf(strapi, token, youthPartner.id)).toEqual([]);

    const documentId = await turinId();
    await strapi.documents(STORY).publish({ documentId, locale: 'ru' } as never);
    const [delivery] = await settled(ruPartner.id, 1);
    expect(delivery.event).toBe('story.updated');
    expect(Object.keys((ruOnly.received[0].payload?.data as { locales: object }).locales)).toEqual(['ru']);
    expect(await deliveriesOf(strapi, token, youthPartner.id)).toEqual([]);
    expect(youthOnly.received).toEqual([]);
  });

  it('does not push a story whose syndication is not allowed, and holds an embargoed one', async () => {
    await pauseOthers();
    const server = await receiver();
    const { data: partner } = await createPartner(strapi, token, server);
    await createStory(strapi, { title: 'Not for partners', slug: 'not-for-partners', allowed: false });
    const embargo = new Date(Date.now() + 60 * 60 * 1000).toISOString();
    await createStory(strapi, { title: 'Embargoed story', slug: 'embargoed-story', embargoUntil: embargo });
    const list = await deliveriesOf(strapi, token, partner.id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ status: 'pending', event: 'story.published' });
    expect(new Date((list[0] as DeliveryView & { nextAttemptAt: string }).nextAttemptAt).toISOString()).toBe(embargo);
  });
});

describe('a delivery is recorded in the transaction of the change', () => {
  it('rolls the publication back when its delivery cannot be recorded', async () => {
    const documentId = await createStory(strapi, { title: 'Atomic story', slug: 'atomic-story', publish: false });
    const deliveries = strapi.plugin('syndication').service('deliveries') as { recordStoryChange: (...args: unknown[]) => Promise<number> };
    const original = deliveries.recordStoryChange;
    deliveries.recordStoryChange = async () => {
      throw new Error('the delivery insert failed');
    };
    try {
      await expect(strapi.documents(STORY).publish({ documentId, locale: 'en' } as never)).rejects.toThrow('the delivery insert failed');
    } finally {
      deliveries.recordStoryChange = original;
    }
    expect(await strapi.db.query(STORY).count({ where: { documentId, publishedAt: { $notNull: true } } })).toBe(0);
  });
});

describe('retries', () => {
  it('retries after a 500 and after a timeout, logging every attempt, with the same webhook-id', async () => {
    await pauseOthers();
    const server = await receiver((_request, index) =>
      index === 0 ? { status: 500, body: 'database down' } : index === 1 ? { status: 200, delayMs: 2000 } : { status: 204 },
    );
    const { data: partner } = await createPartner(strapi, token, server);
    await createStory(strapi, { title: 'Retried story', slug: 'retried-story' });
    const [delivery] = await settled(partner.id, 1);
    expect(server.received).toHaveLength(3);
    expect(new Set(server.received.map((request) => request.headers['webhook-id'])).size).toBe(1);
    expect(server.received.every((request) => request.verified)).toBe(true);
    const attempts = [...delivery.attempts].reverse();
    expect(attempts).toEqual([
      expect.objectContaining({ number: 1, statusCode: 500, responseBody: 'database down', outcome: 'retrying' }),
      expect.objectContaining({ number: 2, statusCode: null, error: expect.stringContaining('timeout'), outcome: 'retrying' }),
      expect.objectContaining({ number: 3, statusCode: 204, outcome: 'succeeded' }),
    ]);
    expect(attempts[1].durationMs).toBeGreaterThanOrEqual(600);
  });

  it('honours Retry-After on a 429', async () => {
    await pauseOthers();
    const server = await receiver((_request, index) => (index === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
    const { data: partner } = await createPartner(strapi, token, server);
    await createStory(strapi, { title: 'Rate limited story', slug: 'rate-limited-story' });
    await settled(partner.id, 1);
    const attempts = (await strapi.db
      .query('plugin::syndication.delivery-attempt')
      .findMany({ where: { partnerId: partner.id }, orderBy: { id: 'asc' } })) as Array<{
      startedAt: string;
      durationMs: number;
      statusCode: number;
    }>;
    expect(attempts.map((attempt) => attempt.statusCode)).toEqual([429, 200]);
    // The schedule says 50 ms; the partner asked for a second.
    const firstEnded = new Date(attempts[0].startedAt).getTime() + attempts[0].durationMs;
    expect(new Date(attempts[1].startedAt).getTime() - firstEnded).toBeGreaterThanOrEqual(900);
  });

  it('counts a redirect as a failure and never follows it; marks the delivery failed after the last attempt; redelivers it with the same id', async () => {
    await pauseOthers();
    const target = await receiver();
    let redirect = true;
    const server = await receiver(() => (redirect ? { status: 307, headers: { location: target.url } } : { status: 200 }));
    const { data: partner } = await createPartner(strapi, token, server);
    await createStory(strapi, { title: 'Redirected story', slug: 'redirected-story' });
    const [failed] = await settled(partner.id, 1, 'failed');
    // The first attempt and one per step of the schedule (3).
    expect(failed.attempts).toHaveLength(4);
    expect(failed.attempts.every((attempt) => attempt.statusCode === 307 && /redirect/.test(attempt.error ?? ''))).toBe(true);
    expect(failed.attempts[0].outcome).toBe('failed');
    expect(target.received).toEqual([]);

    redirect = false;
    const res = await http(strapi).post(`${ADMIN}/deliveries/${failed.id}/attempts`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(202);
    const [redelivered] = await settled(partner.id, 1);
    expect(redelivered.attempts).toHaveLength(5);
    expect(server.received).toHaveLength(5);
    expect(new Set(server.received.map((request) => request.headers['webhook-id']))).toEqual(new Set([failed.webhookId]));
    expect(server.received[4].verified).toBe(true);
    expect((await http(strapi).post(`${ADMIN}/deliveries/999999/attempts`).set('Authorization', `Bearer ${token}`)).status).toBe(404);
  });

  it('disables a partner that answers 410 Gone', async () => {
    await pauseOthers();
    const server = await receiver(() => ({ status: 410, body: 'gone' }));
    const { data: partner } = await createPartner(strapi, token, server);
    await createStory(strapi, { title: 'Gone story', slug: 'gone-story' });
    const [delivery] = await settled(partner.id, 1, 'failed');
    expect(delivery.attempts).toHaveLength(1);
    const view = (await http(strapi).get(`${ADMIN}/partners/${partner.id}`).set('Authorization', `Bearer ${token}`)).body.data;
    expect(view).toMatchObject({ status: 'disabled', disabledReason: expect.stringContaining('410') });
    await createStory(strapi, { title: 'After the partner left', slug: 'after-the-partner-left' });
    expect(await deliveriesOf(strapi, token, partner.id)).toHaveLength(1);
  });

  it('keeps deliveries of a paused partner until it is resumed', async () => {
    await pauseOthers();
    const server = await receiver();
    const { data: partner } = await createPartner(strapi, token, server, { status: 'paused' });
    await createStory(strapi, { title: 'Waiting story', slug: 'waiting-story' });
    // Recorded in the publishing transaction. That the worker claims only deliveries of active
    // partners is unit-tested on an explicit clock (tests/unit/delivery-dispatch.test.ts): here,
    // whether a poll has even run since depends on the machine.
    expect(await deliveriesOf(strapi, token, partner.id)).toHaveLength(1);
    const resumedAt = Date.now();
    await http(strapi).patch(`${ADMIN}/partners/${partner.id}`).set('Authorization', `Bearer ${token}`).send({ status: 'active' });
    const [delivery] = await settled(partner.id, 1);
    expect(server.received).toHaveLength(1);
    // Its one attempt came after the partner was resumed, however fast or slow the machine.
    expect(delivery.attempts).toHaveLength(1);
    expect(Date.parse((delivery.attempts[0] as DeliveryView['attempts'][number] & { startedAt: string }).startedAt)).toBeGreaterThanOrEqual(resumedAt);
  });
});

describe('isolation', () => {
  it('delivers to a fast partner and to a slow one that never answers in time', async () => {
    await pauseOthers();
    const slow = await receiver(() => ({ status: 200, delayMs: 5000 }));
    const fast = await receiver();
    const { data: slowPartner } = await createPartner(strapi, token, slow);
    const { data: fastPartner } = await createPartner(strapi, token, fast);
    await createStory(strapi, { title: 'Story for everyone', slug: 'story-for-everyone' });
    // That the fast partner does not wait for the slow one (partners side by side, one delivery
    // at a time each) is unit-tested with a partner that answers only when the test lets it
    // (tests/unit/delivery-dispatch.test.ts): here the slow one times out after 700 ms, a window
    // a slow machine can miss.
    const [delivered] = await settled(fastPartner.id, 1);
    expect(delivered.attempts).toEqual([expect.objectContaining({ number: 1, statusCode: 200, outcome: 'succeeded' })]);
    expect(fast.received).toHaveLength(1);
    const [timedOut] = await waitFor('the slow partner timing out', async () => {
      const list = await deliveriesOf(strapi, token, slowPartner.id);
      return list[0]?.attemptCount >= 1 ? list : undefined;
    });
    expect(timedOut.attempts[timedOut.attempts.length - 1]).toMatchObject({ number: 1, statusCode: null, error: expect.stringContaining('timeout') });
    expect(slow.received.length).toBeGreaterThanOrEqual(1);
  });
});
