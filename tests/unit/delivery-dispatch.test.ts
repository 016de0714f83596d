import http from 'http';
import type { AddressInfo } from 'net';
import knex, { type Knex } from 'knex';
import { PARTNER } from '../../plugins/syndication/server/src/content-types';
import deliveryQueueService from '../../plugins/syndication/server/src/services/delivery-queue';
import dispatcherService from '../../plugins/syndication/server/src/services/dispatcher';
import type { DeliveryRow } from '../../plugins/syndication/server/src/utils/types';
import { waitFor } from '../helpers/wait';

/**
 * Which deliveries are attempted when: the queue's claim (due, pending, not leased, partner
 * active, partner not busy here) on an explicit clock, and the dispatcher's order and next
 * attempt with partners that answer when the test lets them, never after a guessed wait. The
 * running app's outcomes (a paused partner's delivery goes out once it is resumed, a fast
 * partner gets its push while a slow one is waited for) are in tests/api/syndication-deliveries.test.ts.
 */

const NOW = Date.parse('2025-03-28T10:00:00.000Z');

describe('claiming due deliveries', () => {
  const PARTNERS = 'syndication_partners';
  const DELIVERIES = 'syndication_deliveries';
  const COLUMNS: Record<string, string> = {
    status: 'status',
    endpointUrl: 'endpoint_url',
    partnerId: 'partner_id',
    nextAttemptAt: 'next_attempt_at',
    leaseOwner: 'lease_owner',
    leaseUntil: 'lease_until',
  };
  let db: Knex;
  let clock = NOW;
  let queue: ReturnType<typeof deliveryQueueService>;

  beforeAll(async () => {
    db = knex({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await db.schema.createTable(PARTNERS, (table) => {
      table.increments('id');
      table.string('status');
      table.string('endpoint_url');
    });
    await db.schema.createTable(DELIVERIES, (table) => {
      table.increments('id');
      table.integer('partner_id');
      table.string('status');
      table.bigInteger('next_attempt_at');
      table.string('lease_owner');
      table.bigInteger('lease_until');
    });
    const attributes = Object.fromEntries(Object.entries(COLUMNS).map(([attribute, columnName]) => [attribute, { columnName }]));
    const strapi = {
      db: {
        connection: db,
        dialect: { client: 'sqlite' },
        metadata: { get: (uid: string) => ({ tableName: uid === PARTNER ? PARTNERS : DELIVERIES, attributes }) },
      },
    };
    queue = deliveryQueueService({ strapi: strapi as never });
  });
  afterAll(async () => db.destroy());

  beforeEach(async () => {
    await db(DELIVERIES).delete();
    await db(PARTNERS).delete();
    clock = NOW;
  });

  const partner = async (status: string, endpointUrl: string | null = 'https://partner.example/hook'): Promise<number> =>
    (await db(PARTNERS).insert({ status, endpoint_url: endpointUrl }, ['id']))[0].id;
  const delivery = async (partnerId: number, nextAttemptAt: number, extra: Record<string, unknown> = {}): Promise<number> =>
    (await db(DELIVERIES).insert({ partner_id: partnerId, status: 'pending', next_attempt_at: nextAttemptAt, ...extra }, ['id']))[0].id;
  /** A claim at `clock`: the queue reads the time with Date.now() (it takes no clock), set here for the call. */
  const claim = async (owner = 'worker-1', limit = 10, busy: number[] = []) => {
    const time = jest.spyOn(Date, 'now').mockImplementation(() => clock);
    try {
      return (await queue.claimDue(owner, limit, 30_000, busy)).sort((a, b) => a - b);
    } finally {
      time.mockRestore();
    }
  };

  it('claims a delivery from the instant it is due (an embargo end, a retry time), not a millisecond before', async () => {
    const id = await delivery(await partner('active'), NOW + 1000);
    clock = NOW + 999;
    expect(await claim()).toEqual([]);
    clock = NOW + 1000;
    expect(await claim()).toEqual([id]);
    expect(await db(DELIVERIES).where({ id }).first()).toMatchObject({ lease_owner: 'worker-1', lease_until: NOW + 1000 + 30_000 });
  });

  it('keeps the due deliveries of a paused or disabled partner, and claims them once the partner is active', async () => {
    const paused = await partner('paused');
    const disabled = await partner('disabled');
    const held = await delivery(paused, NOW - 60_000);
    await delivery(disabled, NOW - 60_000);
    expect(await claim()).toEqual([]);
    clock = NOW + 24 * 3_600_000;
    expect(await claim()).toEqual([]);
    await db(PARTNERS).where({ id: paused }).update({ status: 'active' });
    expect(await claim()).toEqual([held]);
  });

  it('leaves a delivery another worker holds until its lease has run out, then takes it over', async () => {
    const id = await delivery(await partner('active'), NOW - 1, { lease_owner: 'worker-2', lease_until: NOW + 5000 });
    expect(await claim()).toEqual([]);
    clock = NOW + 5000;
    expect(await claim()).toEqual([]);
    clock = NOW + 5001;
    expect(await claim()).toEqual([id]);
    expect(await db(DELIVERIES).where({ id }).first()).toMatchObject({ lease_owner: 'worker-1' });
  });

  it('claims nothing for a partner without an endpoint (one we only receive from)', async () => {
    await delivery(await partner('active', null), NOW);
    const pushed = await delivery(await partner('active'), NOW);
    expect(await claim()).toEqual([pushed]);
  });

  it('claims pending deliveries only', async () => {
    const active = await partner('active');
    await delivery(active, NOW - 1, { status: 'succeeded' });
    await delivery(active, NOW - 1, { status: 'failed' });
    expect(await claim()).toEqual([]);
  });

  it('skips partners this process is already busy with, and claims at most the batch, earliest due first', async () => {
    const first = await partner('active');
    const second = await partner('active');
    await delivery(first, NOW - 3000);
    const later = await delivery(second, NOW - 1000);
    const earlier = await delivery(second, NOW - 2000);
    expect(await claim('worker-1', 1, [first])).toEqual([earlier]);
    expect(await claim('worker-1', 10, [first])).toEqual([later]);
  });
});

/** A partner's endpoint on loopback that answers each request with `answer`, or keeps it waiting (null) until closed. */
const endpoint = async (answer: () => { status: number; headers?: Record<string, string> } | null) => {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      requests.push(String(request.headers['webhook-id']));
      const reply = answer();
      if (reply) response.writeHead(reply.status, reply.headers).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

type Settled = { id: number; statusCode: number | null; next: { status: string; nextAttemptAt: number | null } };

describe('the dispatcher', () => {
  const PUSH = {
    enabled: true,
    // Only the first poll and the wake-ups after each partner's chain: no timer in the test.
    pollIntervalMs: 3_600_000,
    // Longer than any test: a partner that does not answer is still being waited for at its end.
    timeoutMs: 60_000,
    retryScheduleMs: [50, 100],
    jitter: 0,
    maxRetryAfterMs: 600_000,
    batchSize: 10,
    responseBodyBytes: 100,
    allowedAddresses: ['127.0.0.1'],
    allowHttp: true,
  };

  const row = (id: number, partnerId: number): DeliveryRow => ({
    id,
    webhookId: `msg_${id}`,
    partnerId,
    event: 'story.published',
    storyDocumentId: 'doc1',
    locales: ['en'],
    payload: '{}',
    status: 'pending',
    attemptCount: 0,
    runAttempts: 0,
    nextAttemptAt: NOW,
    leaseOwner: null,
    leaseUntil: null,
    lastStatusCode: null,
    lastError: null,
    completedAt: null,
    createdAt: new Date(NOW),
  });

  /** A dispatcher over a queue of `rows` (each claimed once) and partners by id; what it settles and releases is kept. */
  const dispatcherFor = (rows: DeliveryRow[], partners: Record<number, { status: string; endpointUrl: string }>) => {
    const claimed = new Set<number>();
    const settled: Settled[] = [];
    const released: number[] = [];
    const queue = {
      claimDue: async (_owner: string, limit: number, _leaseMs: number, busy: number[]) => {
        const ids = rows.filter((candidate) => !claimed.has(candidate.id) && !busy.includes(candidate.partnerId)).map((candidate) => candidate.id);
        const taken = ids.slice(0, limit);
        taken.forEach((id) => claimed.add(id));
        return taken;
      },
      load: async (ids: number[]) => rows.filter((candidate) => ids.includes(candidate.id)),
      renewLease: async () => true,
      release: async (id: number) => {
        released.push(id);
      },
      settle: async (delivery: DeliveryRow, _owner: string, attempt: { statusCode: number | null }, next: Settled['next']) => {
        settled.push({ id: delivery.id, statusCode: attempt.statusCode, next });
        return true;
      },
    };
    const services: Record<string, unknown> = {
      'delivery-queue': queue,
      partners: {
        forDelivery: async (id: number) => ({ ...partners[id], secret: `whsec_${Buffer.alloc(32, 1).toString('base64')}` }),
        disable: async () => undefined,
      },
    };
    const errors: string[] = [];
    const strapi = {
      config: { get: (key: string) => (key === 'plugin::syndication' ? { push: PUSH } : undefined) },
      plugin: () => ({ service: (name: string) => services[name] }),
      log: { error: (message: string) => errors.push(message) },
    };
    return { dispatcher: dispatcherService({ strapi: strapi as never }), settled, released, errors };
  };

  const endpoints: Array<{ close: () => Promise<void> }> = [];
  const started: Array<{ stop: () => Promise<void> }> = [];
  const open = async (answer: Parameters<typeof endpoint>[0]) => {
    const opened = await endpoint(answer);
    endpoints.push(opened);
    return opened;
  };
  afterEach(async () => {
    await Promise.all(endpoints.splice(0).map((opened) => opened.close()));
    await Promise.all(started.splice(0).map((dispatcher) => dispatcher.stop()));
  });

  it('pushes to a fast partner while a slow one has not answered, and one delivery at a time to each partner', async () => {
    const slow = await open(() => null);
    const fast = await open(() => ({ status: 200 }));
    // Two deliveries to the slow partner, claimed first; one to the fast partner.
    const { dispatcher, settled, errors } = dispatcherFor([row(1, 1), row(2, 1), row(3, 2)], {
      1: { status: 'active', endpointUrl: slow.url },
      2: { status: 'active', endpointUrl: fast.url },
    });
    dispatcher.start();
    started.push(dispatcher);

    await waitFor('the fast partner’s delivery to be settled', () => settled.some((entry) => entry.id === 3));
    await waitFor('the slow partner’s first request', () => slow.requests.length === 1);
    // The slow partner has not answered (it never does while its server is up): its first
    // delivery is still under way, and its second waits behind it.
    expect(settled).toEqual([{ id: 3, statusCode: 200, next: { status: 'succeeded', nextAttemptAt: null } }]);
    expect(slow.requests).toEqual(['msg_1']);

    // The slow partner goes away: its first delivery fails, then its second is tried.
    await slow.close();
    await waitFor('every delivery to be settled', () => settled.length === 3);
    expect(settled.map((entry) => entry.id)).toEqual([3, 1, 2]);
    expect(slow.requests).toEqual(['msg_1']);
    expect(errors).toEqual([]);
  });

  it('gives back, unsent, a claimed delivery whose partner was paused meanwhile', async () => {
    const partner = await open(() => ({ status: 200 }));
    const { dispatcher, settled, released } = dispatcherFor([row(1, 1)], { 1: { status: 'paused', endpointUrl: partner.url } });
    dispatcher.start();
    started.push(dispatcher);
    await waitFor('the delivery to be released', () => released.includes(1));
    expect(partner.requests).toEqual([]);
    expect(settled).toEqual([]);
  });

  it('schedules the next attempt after Retry-After on a 429 or a 503 (up to the cap), after the schedule otherwise', async () => {
    const answers = [
      { status: 429, headers: { 'retry-after': '120' } },
      { status: 503, headers: { 'retry-after': '120' } },
      { status: 429, headers: { 'retry-after': '86400' } },
      { status: 500, headers: { 'retry-after': '120' } },
    ];
    const expectedDelays = [120_000, 120_000, PUSH.maxRetryAfterMs, PUSH.retryScheduleMs[0]];
    const partners: Record<number, { status: string; endpointUrl: string }> = {};
    for (const [index, answer] of answers.entries()) partners[index + 1] = { status: 'active', endpointUrl: (await open(() => answer)).url };
    const { dispatcher, settled } = dispatcherFor(
      answers.map((_answer, index) => row(index + 1, index + 1)),
      partners,
    );
    const before = Date.now();
    dispatcher.start();
    started.push(dispatcher);
    await waitFor('every first attempt to be settled', () => settled.length === answers.length);
    const after = Date.now();

    for (const [index, delay] of expectedDelays.entries()) {
      const { statusCode, next } = settled.find((entry) => entry.id === index + 1)!;
      expect(statusCode).toBe(answers[index].status);
      expect(next.status).toBe('pending');
      // Computed during the attempt, from the moment its answer came.
      expect(next.nextAttemptAt! - delay).toBeGreaterThanOrEqual(before);
      expect(next.nextAttemptAt! - delay).toBeLessThanOrEqual(after);
    }
  });
});
