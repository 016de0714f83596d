import { createHmac } from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { WEBSUB_DELIVERY, WEBSUB_SUBSCRIPTION, WEBSUB_TOPIC } from '../content-types';
import { nextRetryDelay, parseRetryAfter } from '../utils/backoff';
import { claimDueRows, releaseLease, renewLease, tableOf } from '../utils/claim';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import { postOnce } from '../utils/push-http';
import { hubUrl, parseTopic } from '../utils/websub-topic';
import type { WorkerJobContext } from './dispatcher';
import { WEBSUB_USER_AGENT } from './websub-hub';

/** Extra lease time beyond the request timeout, for the database writes around a render or an attempt. */
const LEASE_MARGIN_MS = 5000;
/** Topics one run renders, and deliveries one run attempts. */
const TOPICS_PER_RUN = 10;
/**
 * Without a change in this process, the job looks at the database this often: for changes and
 * deliveries of other instances (each instance distributes its own changes at once), retries
 * and leases a dead process left, and topics due for a re-check. Polling on every worker tick
 * would add three queries a second to an idle server.
 */
const SWEEP_MS = 5000;
/** Expired subscriptions are deleted at least this often (and after every local change). */
const PRUNE_MS = 60_000;

interface TopicRow {
  id: number;
  url: string;
  etag: string | null;
  changeSeq: number | string;
  distributedSeq: number | string;
}

interface WebsubDeliveryRow {
  id: number;
  subscriptionId: number;
  topic: string;
  contentType: string;
  body: string;
  attemptCount: number;
  nextAttemptAt: number | string;
}

/** `X-Hub-Signature` (WebSub §8): the HMAC of the exact body bytes with the subscriber's secret. */
export const hubSignature = (secret: string, body: string): string => `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

/**
 * Content distribution of our hub: a story change marks every watched topic dirty in its own
 * transaction (`markChanged`); the worker job renders each dirty topic's feed as the public will
 * see it and, when its ETag moved, enqueues the full new body for every active subscriber in
 * the same transaction that clears the mark; deliveries are claimed, retried and logged like
 * partner pushes. Nothing is lost across a crash: marks and deliveries are rows.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const push = () => pluginConfig(strapi).push;
  const leaseMs = () => Math.max(push().timeoutMs, pluginConfig(strapi).websubHub.verifyTimeoutMs) + LEASE_MARGIN_MS;
  const hub = () => getService(strapi, 'websub-hub');
  /** A story change in this process marked topics: distribute at the next run, without waiting for a sweep. */
  let localChange = false;
  let nextSweepAt = 0;
  let lastPrune = 0;

  /** One watched topic: render, compare, enqueue, clear the mark; false when the lease was lost meanwhile. */
  const distributeTopic = async (row: TopicRow, owner: string): Promise<void> => {
    const startedSeq = Number(row.changeSeq);
    const topics = tableOf(strapi, WEBSUB_TOPIC);
    const subscribers = await hub().activeFor(row.url);
    if (subscribers.length === 0) {
      // Nobody listens any more: forget the topic (a new subscription watches it again).
      await strapi.db.query(WEBSUB_TOPIC).delete({ where: { id: row.id, leaseOwner: owner } });
      return;
    }
    let feed: Awaited<ReturnType<ReturnType<typeof getService<'feeds'>>['fresh']>> | null = null;
    try {
      const topic = await parseTopic(strapi, row.url);
      feed = await getService(strapi, 'feeds').fresh(topic.format, topic.query);
    } catch (error) {
      // The feed's filter no longer exists (a topic or organisation was deleted): nothing to send.
      if (!(error instanceof errors.ValidationError)) throw error;
    }
    const now = Date.now();
    const recheck = now + pluginConfig(strapi).websubHub.recheckIntervalMs;
    const nextCheckAt = feed?.expiresAt ? Math.min(feed.expiresAt, recheck) : recheck;
    let enqueued = 0;
    await strapi.db.transaction(async ({ trx }) => {
      const changed = feed !== null && feed.etag !== row.etag;
      const updated = await trx(topics.table)
        .where('id', row.id)
        .andWhere(topics.column('leaseOwner'), owner)
        .update({
          [topics.column('distributedSeq')]: startedSeq,
          [topics.column('nextCheckAt')]: nextCheckAt,
          ...(changed && { [topics.column('etag')]: feed?.etag }),
          [topics.column('leaseOwner')]: null,
          [topics.column('leaseUntil')]: null,
        });
      // Another worker took the topic over (our lease ran out): it distributes, we do nothing.
      if (Number(updated) !== 1 || !changed || !feed) return;
      const body = feed.body.toString('utf8');
      for (const subscription of subscribers) {
        // The full feed replaces any older one still waiting: the subscriber needs only the latest.
        // One being sent right now (leased) finishes; the new one waits for it (see the claim).
        await strapi.db.query(WEBSUB_DELIVERY).updateMany({
          where: { subscriptionId: subscription.id, status: 'pending', $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
          data: { status: 'superseded', completedAt: new Date() },
        });
        await strapi.db.query(WEBSUB_DELIVERY).create({
          data: {
            subscriptionId: subscription.id,
            topic: row.url,
            etag: feed.etag,
            contentType: feed.contentType,
            body,
            status: 'pending',
            attemptCount: 0,
            nextAttemptAt: now,
          },
        });
        enqueued += 1;
      }
    });
    if (enqueued > 0) strapi.log.debug(`syndication: WebSub ${row.url} changed; ${enqueued} deliveries enqueued`);
  };

  const settle = async (
    delivery: WebsubDeliveryRow,
    owner: string,
    next: { status: 'pending' | 'succeeded' | 'failed'; nextAttemptAt: number | null; statusCode: number | null; error: string | null },
  ): Promise<boolean> => {
    const table = tableOf(strapi, WEBSUB_DELIVERY);
    const updated = await strapi.db
      .connection(table.table)
      .where('id', delivery.id)
      .andWhere(table.column('leaseOwner'), owner)
      .andWhere(table.column('status'), 'pending')
      .update({
        [table.column('status')]: next.status,
        [table.column('attemptCount')]: Number(delivery.attemptCount) + 1,
        [table.column('nextAttemptAt')]: next.nextAttemptAt ?? Number(delivery.nextAttemptAt),
        [table.column('leaseOwner')]: null,
        [table.column('leaseUntil')]: null,
        [table.column('lastStatusCode')]: next.statusCode,
        [table.column('lastError')]: next.error ? next.error.slice(0, 2000) : null,
        [table.column('completedAt')]: next.status === 'pending' ? null : new Date(),
      });
    return Number(updated) === 1;
  };

  const attempt = async (delivery: WebsubDeliveryRow, context: WorkerJobContext): Promise<void> => {
    const subscription = await hub().findById(delivery.subscriptionId);
    if (!subscription || Number(subscription.expiresAt) <= hub().now()) {
      await settle(delivery, context.owner, {
        status: 'failed',
        nextAttemptAt: null,
        statusCode: null,
        error: 'the subscription ended (lease over or removed)',
      });
      return;
    }
    if (!(await renewLease(strapi, WEBSUB_DELIVERY, delivery.id, context.owner, leaseMs()))) return;
    const config = push();
    const secret = hub().openSecret(subscription.secret);
    const headers: Record<string, string> = {
      'content-type': delivery.contentType,
      'user-agent': WEBSUB_USER_AGENT,
      link: `<${hubUrl(strapi)}>; rel="hub", <${delivery.topic}>; rel="self"`,
      ...(secret !== null && { 'x-hub-signature': hubSignature(secret, delivery.body) }),
    };
    const response = await postOnce({
      url: subscription.callback,
      headers,
      body: delivery.body,
      timeoutMs: config.timeoutMs,
      keepBytes: 256,
      agents: context.agents,
    });
    const status = response.statusCode;
    const subscriptions = strapi.db.query(WEBSUB_SUBSCRIPTION);
    if (status !== null && status >= 200 && status < 300) {
      if (await settle(delivery, context.owner, { status: 'succeeded', nextAttemptAt: null, statusCode: status, error: null })) {
        await subscriptions.update({ where: { id: subscription.id }, data: { lastDeliveryAt: new Date(), lastDeliveryStatus: status, failureCount: 0 } });
      }
      return;
    }
    if (status === 410) {
      // The subscriber is gone for good (WebSub leaves this to the hub; the issue asks it).
      if (
        await settle(delivery, context.owner, {
          status: 'failed',
          nextAttemptAt: null,
          statusCode: 410,
          error: 'the callback answered 410 Gone: subscription removed',
        })
      ) {
        await hub().removeSubscription(subscription.id);
      }
      return;
    }
    const retryAfter = status === 429 || status === 503 ? parseRetryAfter(response.retryAfter, Date.now()) : null;
    const delay = nextRetryDelay(
      { schedule: config.retryScheduleMs, jitter: config.jitter, maxRetryAfterMs: config.maxRetryAfterMs },
      Number(delivery.attemptCount) + 1,
      retryAfter,
    );
    const error =
      response.error ?? (status !== null && status >= 300 && status < 400 ? `redirect (${status}) not followed` : `the callback answered ${status}`);
    const failed = delay === null;
    // The retry is due before the next sweep: look again then.
    if (!failed) nextSweepAt = Math.min(nextSweepAt, Date.now() + delay);
    const settled = await settle(delivery, context.owner, {
      status: failed ? 'failed' : 'pending',
      nextAttemptAt: failed ? null : Date.now() + delay,
      statusCode: status,
      error,
    });
    if (settled) {
      await subscriptions.update({
        where: { id: subscription.id },
        data: { lastDeliveryAt: new Date(), lastDeliveryStatus: status, failureCount: Number(subscription.failureCount ?? 0) + 1 },
      });
    }
  };

  return {
    hubSignature,

    /**
     * Marks every watched topic as changed, inside the caller's transaction (the story
     * change's): whether a topic's bytes really changed is decided by the job, from its ETag.
     */
    async markChanged(): Promise<number> {
      const topics = tableOf(strapi, WEBSUB_TOPIC);
      const marked = await strapi.db.transaction(async ({ trx }) => Number(await trx(topics.table).increment(topics.column('changeSeq'), 1)));
      // Also if the change rolls back: then the next run merely finds nothing to do.
      if (marked > 0) localChange = true;
      return marked;
    },

    /** The worker job: prune, distribute dirty (or due) topics, then push due deliveries. */
    async runJob(context: WorkerJobContext): Promise<void> {
      const now = Date.now();
      const changed = localChange;
      if (!changed && now < nextSweepAt) return;
      localChange = false;
      nextSweepAt = now + SWEEP_MS;
      try {
        await this.distribute(context, changed || now - lastPrune >= PRUNE_MS);
      } finally {
        // A change committed while this run was under way: the worker skipped the job meanwhile.
        if (localChange) getService(strapi, 'dispatcher').wake();
      }
    },

    /** One run: prune (when asked), distribute marked or due topics, then push due deliveries. */
    async distribute(context: WorkerJobContext, prune: boolean): Promise<void> {
      if (prune) {
        lastPrune = Date.now();
        // Expired subscriptions stop.
        await hub().pruneExpired();
      }
      const topicIds = await claimDueRows(strapi, {
        uid: WEBSUB_TOPIC,
        owner: context.owner,
        limit: TOPICS_PER_RUN,
        leaseMs: leaseMs(),
        due: (query, column, now) => {
          query.where((due) => {
            due.where(column('changeSeq'), '>', strapi.db.connection.ref(column('distributedSeq'))).orWhere(column('nextCheckAt'), '<=', now);
          });
        },
      });
      for (const id of topicIds) {
        if (context.stopping()) {
          await releaseLease(strapi, WEBSUB_TOPIC, id, context.owner);
          continue;
        }
        const row = (await strapi.db.query(WEBSUB_TOPIC).findOne({ where: { id } })) as TopicRow | null;
        if (row) await distributeTopic(row, context.owner);
      }

      const deliveryIds = await claimDueRows(strapi, {
        uid: WEBSUB_DELIVERY,
        owner: context.owner,
        limit: push().batchSize,
        leaseMs: leaseMs(),
        orderBy: ['nextAttemptAt'],
        due: (query, column, now) => {
          const { table } = tableOf(strapi, WEBSUB_DELIVERY);
          const ref = (name: string) => strapi.db.connection.ref(name);
          query
            .where(column('status'), 'pending')
            .andWhere(column('nextAttemptAt'), '<=', now)
            // One request at a time per subscription, in order: not while an older one is in flight.
            .whereNotExists((inFlight) => {
              inFlight
                .select('other.id')
                .from({ other: table })
                .where(`other.${column('subscriptionId')}`, ref(`${table}.${column('subscriptionId')}`))
                .andWhere(`other.${column('status')}`, 'pending')
                .andWhere(`other.${column('leaseUntil')}`, '>=', now)
                .andWhereNot('other.id', ref(`${table}.id`));
            });
        },
      });
      // A full batch of topics: there may be more marked right away.
      if (topicIds.length >= TOPICS_PER_RUN) localChange = true;
      if (deliveryIds.length === 0) return;
      const rows = (await strapi.db.query(WEBSUB_DELIVERY).findMany({ where: { id: { $in: deliveryIds } } })) as WebsubDeliveryRow[];
      // Subscribers side by side: a slow one delays no other.
      await Promise.all(
        rows.map(async (row) => {
          if (context.stopping()) return releaseLease(strapi, WEBSUB_DELIVERY, row.id, context.owner);
          try {
            await attempt(row, context);
          } catch (error) {
            strapi.log.error(`syndication: WebSub delivery ${row.id}: ${(error as Error).message}`);
          }
        }),
      );
      // A full batch: there may be more due right away.
      if (deliveryIds.length >= push().batchSize) localChange = true;
    },
  };
};
