import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { invalid } from '@union-comms/kit';
import { WEBSUB_DELIVERY, WEBSUB_SUBSCRIPTION, WEBSUB_TOPIC } from '../content-types';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import { getOnce } from '../utils/websub-http';
import { parseTopic, type Topic } from '../utils/websub-topic';
import type { HubRequest } from '../validation/websub';

export const WEBSUB_USER_AGENT = 'union-comms-websub-hub/1';

/** A stored subscription (the secret stays inside the services). */
export interface SubscriptionRow {
  id: number;
  topic: string;
  callback: string;
  secret: string | null;
  leaseSeconds: number;
  expiresAt: number | string;
  lastDeliveryAt: string | null;
  lastDeliveryStatus: number | null;
  failureCount: number | null;
  createdAt: string;
}

/** What the admin page shows of a subscription: no secret, the callback's host only. */
export interface SubscriptionView {
  id: number;
  callbackHost: string;
  leaseSeconds: number;
  expiresAt: string;
  lastDeliveryAt: string | null;
  lastDeliveryStatus: number | null;
  failureCount: number;
  hasSecret: boolean;
  createdAt: string;
}

interface Encryption {
  encrypt(value: string): string | null;
  decrypt(value: string): string | null;
}

/** Unencrypted secrets (no ENCRYPTION_KEY) are stored with this prefix, so they are never taken for ciphertext. */
const PLAIN = 'plain:';

/** Bytes of a verification answer read: the challenge is 32 characters. */
const CHALLENGE_ANSWER_BYTES = 1024;

const hostOf = (callback: string): string => {
  try {
    return new URL(callback).host;
  } catch {
    return '';
  }
};

/**
 * The WebSub hub's subscriptions (W3C WebSub §5): a request is checked (the topic must be one
 * of our feeds), answered 202, and its intent verified afterwards by a GET to the callback
 * with `hub.challenge`; only an echoed challenge with a 2xx creates, renews or removes the
 * subscription. "Now" comes from `clock`, which tests replace (lease expiry).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let clock: () => number = () => Date.now();
  const encryption = (): Encryption => strapi.service('admin::encryption') as Encryption;
  const settings = () => pluginConfig(strapi).websubHub;

  const sealSecret = (secret: string): string => {
    const sealed = encryption().encrypt(secret);
    if (sealed === null) {
      strapi.log.warn('syndication: ENCRYPTION_KEY is not set; WebSub secrets are stored unencrypted');
      return `${PLAIN}${secret}`;
    }
    return sealed;
  };

  /** The lease granted: the asked one moved into the configured bounds (never perpetual). */
  const leaseFor = (asked: number | undefined): number => {
    const { defaultLeaseSeconds, minLeaseSeconds, maxLeaseSeconds } = settings();
    if (asked === undefined || asked === 0) return defaultLeaseSeconds;
    return Math.min(maxLeaseSeconds, Math.max(minLeaseSeconds, asked));
  };

  /** The topic checked: ours, canonical, and its feed renders (its locale, topic and organisation exist). */
  const checkTopic = async (value: string): Promise<Topic & { etag: string }> => {
    const topic = await parseTopic(strapi, value);
    try {
      const feed = await getService(strapi, 'feeds').fresh(topic.format, topic.query);
      return { ...topic, etag: feed.etag };
    } catch (error) {
      if (error instanceof errors.ValidationError) return invalid(`hub.topic: ${error.message}`, ['hub.topic']);
      throw error;
    }
  };

  const verify = async (request: HubRequest, topic: Topic & { etag: string }, leaseSeconds: number): Promise<boolean> => {
    const challenge = randomBytes(24).toString('base64url');
    const url = new URL(request.callback);
    // The callback keeps its own query parameters (WebSub §5.3).
    url.searchParams.append('hub.mode', request.mode);
    url.searchParams.append('hub.topic', topic.url);
    url.searchParams.append('hub.challenge', challenge);
    if (request.mode === 'subscribe') url.searchParams.append('hub.lease_seconds', String(leaseSeconds));
    const answer = await getOnce(url.href, {
      agents: getService(strapi, 'dispatcher').agents(),
      timeoutMs: settings().verifyTimeoutMs,
      maxBytes: CHALLENGE_ANSWER_BYTES,
      userAgent: WEBSUB_USER_AGENT,
    });
    const verified = answer.statusCode !== null && answer.statusCode >= 200 && answer.statusCode < 300 && answer.body === challenge;
    if (!verified) {
      const why =
        answer.error ??
        (answer.statusCode !== null && (answer.statusCode < 200 || answer.statusCode >= 300) ? `status ${answer.statusCode}` : 'challenge not echoed');
      strapi.log.info(`syndication: WebSub ${request.mode} of ${hostOf(request.callback)} to ${topic.url} not verified (${why})`);
    }
    return verified;
  };

  const findSubscription = async (topic: string, callback: string): Promise<SubscriptionRow | null> =>
    (await strapi.db.query(WEBSUB_SUBSCRIPTION).findOne({ where: { topic, callback } })) as SubscriptionRow | null;

  /** Creates or renews the subscription (one per topic and callback) and makes sure its topic is watched. */
  const store = async (request: HubRequest, topic: Topic & { etag: string }, leaseSeconds: number): Promise<void> => {
    const now = clock();
    await strapi.db.transaction(async () => {
      const data = {
        leaseSeconds,
        expiresAt: now + leaseSeconds * 1000,
        // A renewal without a secret drops the old one: the subscriber asked for unsigned deliveries.
        secret: request.secret === undefined ? null : sealSecret(request.secret),
      };
      const existing = await findSubscription(topic.url, request.callback);
      if (existing) await strapi.db.query(WEBSUB_SUBSCRIPTION).update({ where: { id: existing.id }, data });
      else await strapi.db.query(WEBSUB_SUBSCRIPTION).create({ data: { ...data, topic: topic.url, callback: request.callback, failureCount: 0 } });
      const watched = await strapi.db.query(WEBSUB_TOPIC).findOne({ where: { url: topic.url }, select: ['id'] });
      // The ETag at subscription time: the first change after it is distributed.
      if (!watched) {
        await strapi.db.query(WEBSUB_TOPIC).create({
          data: { url: topic.url, etag: topic.etag, changeSeq: 0, distributedSeq: 0, nextCheckAt: Date.now() + settings().recheckIntervalMs },
        });
      }
    });
  };

  const removeSubscription = async (id: number): Promise<void> => {
    await strapi.db.transaction(async () => {
      await strapi.db
        .query(WEBSUB_DELIVERY)
        .updateMany({ where: { subscriptionId: id, status: 'pending' }, data: { status: 'superseded', completedAt: new Date() } });
      await strapi.db.query(WEBSUB_SUBSCRIPTION).delete({ where: { id } });
    });
  };

  const view = (row: SubscriptionRow): SubscriptionView => ({
    id: row.id,
    callbackHost: hostOf(row.callback),
    leaseSeconds: row.leaseSeconds,
    expiresAt: new Date(Number(row.expiresAt)).toISOString(),
    lastDeliveryAt: row.lastDeliveryAt,
    lastDeliveryStatus: row.lastDeliveryStatus,
    failureCount: Number(row.failureCount ?? 0),
    hasSecret: row.secret !== null && row.secret !== '',
    createdAt: row.createdAt,
  });

  return {
    /** "Now" in epoch ms (leases); tests set their own clock. */
    now: (): number => clock(),

    /** Replaces the clock (tests); null restores the real one. */
    setClock(next: (() => number) | null): void {
      clock = next ?? (() => Date.now());
    },

    /**
     * Checks a subscribe or unsubscribe request and starts its verification of intent, which
     * runs after the answer (202). A bad topic is a 400 here; a failed verification leaves
     * everything as it was.
     */
    async request(request: HubRequest): Promise<void> {
      const topic = await checkTopic(request.topic);
      const leaseSeconds = leaseFor(request.leaseSeconds);
      getService(strapi, 'dispatcher').track(async () => {
        if (!(await verify(request, topic, leaseSeconds))) return;
        if (request.mode === 'subscribe') await store(request, topic, leaseSeconds);
        else {
          const existing = await findSubscription(topic.url, request.callback);
          if (existing) await removeSubscription(existing.id);
        }
      });
    },

    /** The secret of a subscription, as given (null: deliveries are not signed). */
    openSecret(stored: string | null): string | null {
      if (stored === null || stored === '') return null;
      if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
      const secret = encryption().decrypt(stored);
      if (secret === null) throw new Error('WebSub secret cannot be decrypted (was ENCRYPTION_KEY changed?)');
      return secret;
    },

    /** Active subscriptions of a topic (lease not over). */
    async activeFor(topic: string): Promise<SubscriptionRow[]> {
      return (await strapi.db
        .query(WEBSUB_SUBSCRIPTION)
        .findMany({ where: { topic, expiresAt: { $gt: clock() } }, orderBy: { id: 'asc' } })) as SubscriptionRow[];
    },

    async findById(id: number): Promise<SubscriptionRow | null> {
      return (await strapi.db.query(WEBSUB_SUBSCRIPTION).findOne({ where: { id } })) as SubscriptionRow | null;
    },

    /** Subscriptions whose lease ran out stop: deleted with their pending deliveries. */
    async pruneExpired(): Promise<number> {
      const expired = (await strapi.db.query(WEBSUB_SUBSCRIPTION).findMany({ where: { expiresAt: { $lte: clock() } }, select: ['id'] })) as Array<{
        id: number;
      }>;
      for (const { id } of expired) await removeSubscription(id);
      return expired.length;
    },

    /** For the admin page: subscriptions grouped by topic, topics sorted, soonest lease end first. */
    async listByTopic(): Promise<Array<{ topic: string; subscriptions: SubscriptionView[] }>> {
      const rows = (await strapi.db
        .query(WEBSUB_SUBSCRIPTION)
        .findMany({ orderBy: [{ topic: 'asc' }, { expiresAt: 'asc' }, { id: 'asc' }] })) as SubscriptionRow[];
      const groups = new Map<string, SubscriptionView[]>();
      for (const row of rows) groups.set(row.topic, [...(groups.get(row.topic) ?? []), view(row)]);
      return [...groups].map(([topic, subscriptions]) => ({ topic, subscriptions }));
    },

    /** Removes a subscription (admin); false when there is none with this id. */
    async remove(id: number): Promise<boolean> {
      const existing = await this.findById(id);
      if (!existing) return false;
      await removeSubscription(id);
      return true;
    },

    removeSubscription,
  };
};
