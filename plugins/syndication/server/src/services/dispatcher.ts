import { AsyncResource } from 'async_hooks';
import { hostname } from 'os';
import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { nextRetryDelay, parseRetryAfter } from '../utils/backoff';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import { postOnce, type PushResponse } from '../utils/push-http';
import { signHeaders } from '../utils/signing';
import { createSafeAgents, type SafeAgents } from '../utils/ssrf';
import type { DeliveryRow } from '../utils/types';

/** Extra lease time beyond the request timeout, for the database writes around an attempt. */
const LEASE_MARGIN_MS = 5000;

const USER_AGENT = 'union-comms-syndication/1 (+Standard Webhooks)';

/** What a worker job gets on each run (utils/inbound-types, "Worker hook"). */
export interface WorkerJobContext {
  /** This process's worker id: the lease owner to claim rows with (utils/claim). */
  owner: string;
  /** True once the worker is stopping: give claimed rows back and return. */
  stopping: () => boolean;
  /** The SSRF-safe agents of this worker (push.allowedAddresses). */
  agents: SafeAgents;
}

/** Extra work the worker runs on each poll (the inbox's received messages, the feed poller). */
export interface WorkerJob {
  name: string;
  run: (context: WorkerJobContext) => Promise<void>;
}

const isSuccess = (status: number | null): boolean => status !== null && status >= 200 && status < 300;

/**
 * The delivery worker: polls for due deliveries (and is woken when one is recorded), claims
 * them atomically, and pushes them, one at a time per partner and partners side by side, so a
 * slow or dead partner holds up no other. Every process may run it (claims and leases make
 * each attempt happen once); a process that dies leaves leases that run out, and whoever
 * polls next retries: at least once.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let stopping = false;
  let polling: Promise<void> | null = null;
  let pollAgain = false;
  let agents: SafeAgents | null = null;
  /** Partners with a chain of deliveries in flight in this process, and those chains. */
  const busy = new Map<number, Promise<void>>();
  /** Registered jobs, and those running now (one run at a time per job). */
  const jobs = new Map<string, WorkerJob>();
  const runningJobs = new Map<string, Promise<void>>();
  /** Work started outside a poll (a WebSub verification after its 202) that `stop` waits for. */
  const tracked = new Set<Promise<unknown>>();

  const settings = () => pluginConfig(strapi).push;
  const leaseMs = () => settings().timeoutMs + LEASE_MARGIN_MS;

  const attempt = async (delivery: DeliveryRow): Promise<void> => {
    const queue = getService(strapi, 'delivery-queue');
    const partner = await getService(strapi, 'partners').forDelivery(delivery.partnerId);
    if (!partner || partner.status !== 'active' || partner.endpointUrl === null) {
      await queue.release(delivery.id, owner);
      return;
    }
    if (!(await queue.renewLease(delivery.id, owner, leaseMs()))) return;

    const config = settings();
    const startedAt = new Date();
    const headers = {
      ...signHeaders(partner.secret, delivery.webhookId, delivery.payload, startedAt),
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
    };
    const endpointUrl = partner.endpointUrl;
    const response: PushResponse = await postOnce({
      url: endpointUrl,
      headers,
      body: delivery.payload,
      timeoutMs: config.timeoutMs,
      keepBytes: config.responseBodyBytes,
      agents: safeAgents(),
    });

    const runAttempts = Number(delivery.runAttempts) + 1;
    let status: 'pending' | 'succeeded' | 'failed';
    let nextAttemptAt: number | null = null;
    let error = response.error;
    if (isSuccess(response.statusCode)) status = 'succeeded';
    else if (response.statusCode === 410) {
      status = 'failed';
      error = 'the endpoint answered 410 Gone: partner disabled';
    } else {
      if (response.statusCode !== null && response.statusCode >= 300 && response.statusCode < 400) {
        error = `redirect (${response.statusCode}) not followed: a push must be answered by its endpoint`;
      }
      const retryAfter = response.statusCode === 429 || response.statusCode === 503 ? parseRetryAfter(response.retryAfter, Date.now()) : null;
      const delay = nextRetryDelay(
        { schedule: config.retryScheduleMs, jitter: config.jitter, maxRetryAfterMs: config.maxRetryAfterMs },
        runAttempts,
        retryAfter,
      );
      if (delay === null) status = 'failed';
      else {
        status = 'pending';
        nextAttemptAt = Date.now() + delay;
      }
    }

    const settled = await queue.settle(
      delivery,
      owner,
      {
        startedAt,
        durationMs: response.durationMs,
        statusCode: response.statusCode,
        error: error ? error.slice(0, 2000) : null,
        responseBody: response.bodyStart || null,
        outcome: status === 'pending' ? 'retrying' : status,
        worker: owner,
      },
      { status, nextAttemptAt },
    );
    if (settled && response.statusCode === 410) {
      await getService(strapi, 'partners').disable(delivery.partnerId, `The endpoint answered 410 Gone on ${startedAt.toISOString()}`);
    }
  };

  /** One partner's claimed deliveries, in order, one at a time. */
  const runChain = async (partnerId: number, chain: DeliveryRow[]): Promise<void> => {
    for (const delivery of chain) {
      if (stopping) {
        await getService(strapi, 'delivery-queue')
          .release(delivery.id, owner)
          .catch(() => undefined);
        continue;
      }
      try {
        await attempt(delivery);
      } catch (error) {
        strapi.log.error(`syndication: delivery ${delivery.id} to partner ${partnerId}: ${(error as Error).message}`);
      }
    }
  };

  const safeAgents = (): SafeAgents => (agents ??= createSafeAgents(settings().allowedAddresses));

  /** Starts each registered job that is not running already; they run beside the deliveries. */
  const runJobs = (): void => {
    for (const job of jobs.values()) {
      if (runningJobs.has(job.name)) continue;
      const run = job
        .run({ owner, stopping: () => stopping, agents: safeAgents() })
        .catch((error: unknown) => {
          if (!stopping) strapi.log.error(`syndication: worker job ${job.name} failed: ${(error as Error).message}`);
        })
        .finally(() => runningJobs.delete(job.name));
      runningJobs.set(job.name, run);
    }
  };

  const poll = async (): Promise<void> => {
    runJobs();
    const config = settings();
    const free = config.batchSize - busy.size;
    if (free <= 0) return;
    const ids = await getService(strapi, 'delivery-queue').claimDue(owner, free, leaseMs(), [...busy.keys()]);
    if (ids.length === 0) return;
    const rows = await getService(strapi, 'delivery-queue').load(ids);
    const byPartner = new Map<number, DeliveryRow[]>();
    for (const row of rows) byPartner.set(row.partnerId, [...(byPartner.get(row.partnerId) ?? []), row]);
    for (const [partnerId, chain] of byPartner) {
      const run = runChain(partnerId, chain).finally(() => {
        busy.delete(partnerId);
        // A partner became free: it may have more due.
        if (!stopping) wake();
      });
      busy.set(partnerId, run);
    }
    // A full batch: there may be more due right away.
    if (ids.length >= free) pollAgain = true;
  };

  const tick = (): void => {
    if (!running || stopping) return;
    if (polling) {
      pollAgain = true;
      return;
    }
    polling = poll()
      .catch((error: unknown) => {
        if (!stopping) strapi.log.error(`syndication: delivery poll failed: ${(error as Error).message}`);
      })
      .finally(() => {
        polling = null;
        if (pollAgain && !stopping) {
          pollAgain = false;
          setImmediate(detachedTick);
        }
      });
  };

  /**
   * `tick` in the context the worker was started in (bootstrap), whoever wakes it: a wake from
   * inside a request (a push to the inbox, a story published by an API token) must not carry
   * that request's context into the worker, whose reads would then be ruled as the public's.
   */
  let detachedTick: () => void = tick;
  let detachedRun = (work: () => Promise<unknown>): Promise<unknown> => work();

  function wake(): void {
    if (running && !stopping) setImmediate(detachedTick);
  }

  return {
    /** This process's worker id, as written in the attempt log. */
    workerId: owner,

    start(): void {
      if (running || !settings().enabled) return;
      running = true;
      stopping = false;
      detachedTick = AsyncResource.bind(tick);
      detachedRun = AsyncResource.bind((work: () => Promise<unknown>) => work());
      timer = setInterval(detachedTick, settings().pollIntervalMs);
      tick();
    },

    /** Nudges the worker (a delivery was recorded or requeued): no wait for the next poll. */
    wake,

    /**
     * Adds a job the worker runs on each of its polls (and on `wake`), at most one run at a time
     * per job in this process; `stop` waits for runs under way. Registering a name again replaces it.
     */
    registerJob(job: WorkerJob): void {
      jobs.set(job.name, job);
    },

    /**
     * Runs `work` in the worker's context (not the request's that started it) and lets `stop`
     * wait for it, so no write outlives the app.
     */
    track(work: () => Promise<unknown>): void {
      const run = detachedRun(work)
        .catch((error: unknown) => strapi.log.error(`syndication: ${(error as Error).message}`))
        .finally(() => tracked.delete(run));
      tracked.add(run);
    },

    /** The worker's SSRF-safe agents (push.allowedAddresses), for requests outside a job run. */
    agents: (): SafeAgents => safeAgents(),

    /** Stops polling and waits for the attempts under way (each ends within the timeout). */
    async stop(): Promise<void> {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = null;
      await polling;
      await Promise.allSettled([...busy.values(), ...runningJobs.values(), ...tracked]);
      running = false;
      agents?.http.destroy();
      agents?.https.destroy();
      agents = null;
    },
  };
};
