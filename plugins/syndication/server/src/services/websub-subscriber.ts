import { createHmac, randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { publicBaseUrl, restPrefix } from '@union-comms/kit';
import { RECEIVED_LOG, WEBSUB_LEASE } from '../content-types';
import { claimDueRows, releaseLease, tableOf } from '../utils/claim';
import { decode } from '../utils/feed-http';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import type { Discovered } from '../utils/websub-discovery';
import { postToHub } from '../utils/websub-request';
import { checkHubSignature } from '../utils/websub-signature';
import type { VerificationQuery } from '../validation/websub-callback';
import type { WorkerJobContext } from './dispatcher';
import { inboundOf } from '../validation/inbound';

const USER_AGENT = 'union-comms-syndication/1 (WebSub subscriber)';
/** Extra lease time beyond the hub request's timeout, for the writes around it. */
const LEASE_MARGIN_MS = 5000;
/** Leases compared with the partners' settings at most this often per process. */
const RECONCILE_EVERY_MS = 1000;
/** Leases one run of the job works on. */
const BATCH = 10;
/** Renewal at 80 % of the lease (the issue), so a slow or briefly down hub has a fifth of it to answer. */
const RENEW_AT = 0.8;

export type LeaseState = 'requested' | 'active' | 'denied' | 'unsubscribing';

/** A lease row (`syndication_websub_leases`). */
interface LeaseRow {
  id: number;
  partnerId: number;
  feedUrl: string;
  topic: string;
  advertisedHub: string;
  hub: string;
  callbackId: string;
  state: LeaseState;
  leaseSeconds: number | null;
  leaseEndsAt: number | string | null;
  nextActionAt: number | string | null;
  requestSentAt: number | string | null;
  verifiedAt: string | Date | null;
  lastNotificationAt: string | Date | null;
  failureCount: number | null;
  lastError: string | null;
  deniedReason: string | null;
  pushedBody: string | null;
  pushedContentType: string | null;
  pushedAt: number | string | null;
}

/** What the admin view shows of a partner's subscription (no secret, no callback id). */
export interface SubscriptionView {
  state: LeaseState;
  hub: string;
  topic: string;
  leaseEndsAt: string | null;
  lastNotificationAt: string | null;
  lastError: string | null;
  deniedReason: string | null;
}

/** A push the poller should import instead of fetching the feed. */
export interface PushedFeed {
  text: string;
  contentType: string | undefined;
  pushedAt: number;
}

export type NotificationOutcome = 'accepted' | 'ignored' | 'gone';

const toNumber = (value: number | string | null): number | null => (value === null ? null : Number(value));
const toIso = (value: string | Date | null): string | null => (value ? new Date(value).toISOString() : null);

/**
 * The WebSub subscriber (W3C WebSub §4–§8) for partners' feeds. The feed poller discovers a hub
 * after each successful poll (`discovered`); this service keeps one lease row per partner and, in
 * the poller's worker job (`runJob`), sends the hub our subscription requests through the
 * SSRF-safe agents: subscribe, renew at 80 % of the lease, unsubscribe when the partner stops
 * taking the feed. The callback (`/websub/callback/:id`, controllers/websub-callback) confirms
 * only what we asked for and hands a correctly signed push to the poller, which imports it the
 * way it imports a polled feed (one code path, under the feed state's lease).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let clock: () => number = () => Date.now();
  let reconciledAt = 0;
  const settings = () => pluginConfig(strapi).websubSubscriber;
  const leaseMs = () => pluginConfig(strapi).feeds.timeoutMs + LEASE_MARGIN_MS;
  const callbackUrl = (callbackId: string): string => `${publicBaseUrl(strapi)}${restPrefix(strapi)}/syndication/websub/callback/${callbackId}`;
  const leases = () => strapi.db.query(WEBSUB_LEASE);
  const byCallback = async (callbackId: string): Promise<LeaseRow | null> =>
    /^[A-Za-z0-9_-]{16,64}$/.test(callbackId) ? ((await leases().findOne({ where: { callbackId } })) as LeaseRow | null) : null;

  /** A new subscription's identity: an opaque random callback id. */
  const freshIdentity = () => ({ callbackId: randomBytes(24).toString('base64url') });

  /**
   * The secret the hub signs this subscription's pushes with (§5.1: under 200 bytes): an HMAC of
   * the random callback id under the app's first key (APP_KEYS), unique per subscription and
   * never stored, so that no row, log or answer holds it. Rotating APP_KEYS changes every
   * secret: pushes fail their check (logged) until each renewal hands the hub the new one.
   */
  const secretOf = (callbackId: string): string => {
    const keys = strapi.config.get('server.app.keys', []) as unknown;
    const key = Array.isArray(keys) && typeof keys[0] === 'string' && keys[0] !== '' ? keys[0] : null;
    if (key === null) throw new Error('syndication: the WebSub subscriber needs server.app.keys (APP_KEYS)');
    return createHmac('sha256', key).update(`syndication websub secret:${callbackId}`).digest('base64url');
  };

  /** Writes `data` and gives the claim back, only while `owner` still holds the row. */
  const settle = async (row: LeaseRow, owner: string, data: Record<string, unknown>): Promise<void> => {
    const { table, column } = tableOf(strapi, WEBSUB_LEASE);
    await strapi.db.transaction(async ({ trx }) => {
      const held = await trx(table)
        .where('id', row.id)
        .andWhere(column('leaseOwner'), owner)
        .update({ [column('leaseOwner')]: null, [column('leaseUntil')]: null });
      if (Number(held) === 1) await leases().update({ where: { id: row.id }, data });
    });
  };

  const retryDelay = (failures: number): number => {
    const schedule = settings().retryScheduleMs;
    return schedule[Math.min(failures, schedule.length) - 1];
  };

  /** A partner no longer taking this feed (paused, disabled, inbound off, another feedUrl, deleted). */
  const stillWanted = async (row: Pick<LeaseRow, 'partnerId' | 'feedUrl'>): Promise<boolean> => {
    if (!settings().enabled) return false;
    const partner = await getService(strapi, 'partners').forImport(row.partnerId);
    if (!partner || partner.status !== 'active') return false;
    const inbound = inboundOf(partner.inbound);
    return inbound.enabled && inbound.feedUrl === row.feedUrl;
  };

  /**
   * Ends a subscription: one the hub confirmed is unsubscribed (§5.1); one still waiting for its
   * verification, or denied, is forgotten: the hub's late verification then gets a 404, and a
   * push to the forgotten callback a 410, which tells the hub to drop it (§8).
   */
  const end = async (row: Pick<LeaseRow, 'id' | 'state'>): Promise<void> => {
    if (row.state === 'unsubscribing') return;
    if (row.state === 'active') {
      await leases().update({
        where: { id: row.id },
        data: { state: 'unsubscribing', nextActionAt: clock(), failureCount: 0, lastError: null, requestSentAt: null },
      });
    } else await leases().delete({ where: { id: row.id } });
  };

  const reconcile = async (): Promise<void> => {
    const rows = (await leases().findMany({ select: ['id', 'partnerId', 'feedUrl', 'state'] })) as Array<
      Pick<LeaseRow, 'id' | 'partnerId' | 'feedUrl' | 'state'>
    >;
    for (const row of rows) if (!(await stillWanted(row))) await end(row);
  };

  /** Logs a notification that was not taken, in the partner's received log, as the inbox logs its refusals. */
  const logIgnored = async (row: LeaseRow, reason: string): Promise<void> => {
    strapi.log.warn(`syndication: WebSub notification for partner ${row.partnerId} ignored: ${reason}`);
    await strapi.db.query(RECEIVED_LOG).create({
      data: {
        partnerId: row.partnerId,
        receivedItemId: null,
        externalId: row.topic.slice(0, 2048),
        title: null,
        via: 'feed',
        version: null,
        outcome: 'rejected',
        reason: `WebSub notification ignored: ${reason}`,
        storyDocumentId: null,
        locales: [],
        skippedLocales: [],
        unknownTopics: [],
        changes: null,
      },
    });
  };

  /** One request to the hub for a claimed lease, and what it leaves the row in. */
  const act = async (row: LeaseRow, context: WorkerJobContext): Promise<void> => {
    const now = clock();
    if (row.state === 'unsubscribing') {
      const leaseOver = row.leaseEndsAt !== null && Number(row.leaseEndsAt) <= now;
      // Accepted before but never verified, or the lease ran out anyway: nothing left to end.
      if (row.requestSentAt !== null || leaseOver) {
        await leases().delete({ where: { id: row.id } });
        return;
      }
    }
    if (row.state === 'active' && row.leaseEndsAt !== null && Number(row.leaseEndsAt) <= now) {
      // The hub let the lease run out without our renewal being verified: subscribe afresh.
      row.state = 'requested';
    }
    const mode = row.state === 'unsubscribing' ? 'unsubscribe' : 'subscribe';
    const form: Record<string, string> = { 'hub.mode': mode, 'hub.topic': row.topic, 'hub.callback': callbackUrl(row.callbackId) };
    if (mode === 'subscribe') {
      form['hub.secret'] = secretOf(row.callbackId);
      form['hub.lease_seconds'] = String(settings().leaseSeconds);
    }
    const answer = await postToHub({
      hub: row.hub,
      form,
      timeoutMs: pluginConfig(strapi).feeds.timeoutMs,
      maxRedirects: pluginConfig(strapi).feeds.maxRedirects,
      allowHttp: pluginConfig(strapi).push.allowHttp,
      agents: context.agents,
      userAgent: USER_AGENT,
    });
    const after = clock();
    if (answer.error === null) {
      const waitUntil = after + settings().verifyTimeoutMs;
      const leaseEnd = row.state === 'active' && row.leaseEndsAt !== null ? Number(row.leaseEndsAt) : Number.POSITIVE_INFINITY;
      await settle(row, context.owner, {
        state: row.state,
        hub: answer.permanentHub,
        failureCount: 0,
        lastError: null,
        requestSentAt: after,
        // Until the hub verifies (which sets the next renewal); a renewal never waits past the lease.
        nextActionAt: Math.min(waitUntil, leaseEnd),
      });
      return;
    }
    const failures = Number(row.failureCount ?? 0) + 1;
    const error = `${mode} at ${row.hub}: ${answer.error}${answer.bodyStart ? ` (${answer.bodyStart.slice(0, 200)})` : ''}`;
    strapi.log.warn(`syndication: WebSub ${error} (partner ${row.partnerId})`);
    if (mode === 'unsubscribe' && failures > settings().retryScheduleMs.length) {
      // The hub keeps refusing: the lease will run out, and pushes until then get a 410.
      await leases().delete({ where: { id: row.id } });
      return;
    }
    await settle(row, context.owner, {
      state: row.state,
      hub: answer.permanentHub,
      failureCount: failures,
      lastError: error.slice(0, 2000),
      nextActionAt: after + retryDelay(failures),
    });
  };

  return {
    /** Tests move time (lease expiry, renewal) with their own clock; epoch ms. */
    useClock(now: (() => number) | null): void {
      clock = now ?? (() => Date.now());
    },

    /**
     * What a successful poll found (utils/websub-discovery), for the partner's current feed: a
     * new or changed hub or topic starts a new subscription (a new callback id and secret: the old
     * one's pushes get a 410); no hub any more ends the subscription.
     */
    async discovered(partnerId: number, feedUrl: string, found: Discovered | null): Promise<void> {
      const row = (await leases().findOne({ where: { partnerId } })) as LeaseRow | null;
      if (!found || !settings().enabled) {
        if (row) await end(row);
        return;
      }
      const same = row && row.feedUrl === feedUrl && row.topic === found.topic && row.advertisedHub === found.hub && row.state !== 'unsubscribing';
      if (same) return;
      const data = {
        partnerId,
        feedUrl,
        topic: found.topic,
        advertisedHub: found.hub,
        hub: found.hub,
        ...freshIdentity(),
        state: 'requested',
        leaseSeconds: null,
        leaseEndsAt: null,
        nextActionAt: clock(),
        requestSentAt: null,
        verifiedAt: null,
        failureCount: 0,
        lastError: null,
        deniedReason: null,
        pushedBody: null,
        pushedContentType: null,
        pushedAt: null,
      };
      if (row) await leases().update({ where: { id: row.id }, data });
      else {
        try {
          await leases().create({ data });
        } catch (error) {
          // Another process discovered it first (partnerId is unique).
          strapi.log.debug(`syndication: WebSub lease of partner ${partnerId}: ${(error as Error).message}`);
        }
      }
      strapi.log.info(`syndication: partner ${partnerId}'s feed advertises the WebSub hub ${found.hub} (topic ${found.topic}): subscribing`);
    },

    /** A lease the hub confirmed and that has not run out: the poller then polls `pollFactor` times less often. */
    async slowsPolling(partnerId: number): Promise<boolean> {
      const row = (await leases().findOne({ where: { partnerId }, select: ['state', 'leaseEndsAt'] })) as Pick<LeaseRow, 'state' | 'leaseEndsAt'> | null;
      return row?.state === 'active' && row.leaseEndsAt !== null && Number(row.leaseEndsAt) > clock();
    },

    /** The latest signed push of the partner's feed not imported yet. */
    async pushedFor(partnerId: number, feedUrl: string): Promise<PushedFeed | null> {
      const row = (await leases().findOne({
        where: { partnerId, feedUrl, pushedAt: { $notNull: true } },
        select: ['pushedBody', 'pushedContentType', 'pushedAt'],
      })) as Pick<LeaseRow, 'pushedBody' | 'pushedContentType' | 'pushedAt'> | null;
      if (!row || row.pushedBody === null) return null;
      return { text: row.pushedBody, contentType: row.pushedContentType ?? undefined, pushedAt: Number(row.pushedAt) };
    },

    /** The push was imported (or refused whole): forgotten, unless a newer one arrived meanwhile. */
    async pushImported(partnerId: number, pushedAt: number): Promise<void> {
      await leases().updateMany({ where: { partnerId, pushedAt }, data: { pushedBody: null, pushedContentType: null, pushedAt: null } });
    },

    /**
     * The hub's verification of intent (§5.3): the challenge only for what we asked, with the
     * topic we asked for; null (404) for anything else. A denial (§5.2) is recorded.
     */
    async verify(callbackId: string, query: VerificationQuery): Promise<{ challenge: string } | null> {
      const row = await byCallback(callbackId);
      if (!row || row.topic !== query.topic) return null;
      const now = clock();
      if (query.mode === 'subscribe') {
        if (row.state !== 'requested' && row.state !== 'active') return null;
        if (!(await stillWanted(row))) return null;
        const leaseSeconds = query.leaseSeconds ?? settings().leaseSeconds;
        await leases().update({
          where: { id: row.id },
          data: {
            state: 'active',
            leaseSeconds,
            leaseEndsAt: now + leaseSeconds * 1000,
            nextActionAt: now + Math.floor(leaseSeconds * 1000 * RENEW_AT),
            verifiedAt: new Date(now),
            requestSentAt: null,
            failureCount: 0,
            lastError: null,
            deniedReason: null,
          },
        });
        strapi.log.info(`syndication: WebSub subscription of partner ${row.partnerId} to ${row.topic} verified for ${leaseSeconds} s`);
        return { challenge: query.challenge ?? '' };
      }
      if (query.mode === 'unsubscribe') {
        if (row.state !== 'unsubscribing') return null;
        await leases().delete({ where: { id: row.id } });
        return { challenge: query.challenge ?? '' };
      }
      // Denied: the hub refused (or ended) the subscription; not asked again until the feed advertises another hub or topic.
      if (row.state === 'unsubscribing') {
        await leases().delete({ where: { id: row.id } });
        return { challenge: '' };
      }
      await leases().update({
        where: { id: row.id },
        data: { state: 'denied', deniedReason: (query.reason ?? '').slice(0, 2000) || null, nextActionAt: null, leaseEndsAt: null },
      });
      strapi.log.warn(`syndication: the WebSub hub ${row.hub} denied partner ${row.partnerId}'s subscription: ${query.reason ?? '(no reason)'}`);
      return { challenge: '' };
    },

    /**
     * A push (§7, §8): verified with the subscription's secret over the bytes received. A good
     * one is kept for the poller and its feed made due now; a bad or missing signature is logged
     * and the body dropped ('ignored', still a 2xx as §8 asks). 'gone' (410): not a subscription
     * we hold (never was, replaced, or being ended).
     */
    async notify(callbackId: string, signature: string | undefined, body: Buffer, contentType: string | undefined): Promise<NotificationOutcome> {
      const row = await byCallback(callbackId);
      if (!row || (row.state !== 'active' && row.state !== 'requested')) return 'gone';
      const check = checkHubSignature(signature, secretOf(row.callbackId), body);
      if (!check.ok) {
        const reasons = {
          missing: 'no X-Hub-Signature although the subscription has a secret',
          malformed: 'a malformed X-Hub-Signature',
          'unknown-algorithm': `X-Hub-Signature with the unknown algorithm "${check.algorithm ?? ''}"`,
          mismatch: `an invalid X-Hub-Signature (${check.algorithm ?? ''})`,
        } as const;
        await logIgnored(row, reasons[check.problem]);
        return 'ignored';
      }
      let text: string;
      try {
        text = decode(body, contentType);
      } catch (error) {
        await logIgnored(row, (error as Error).message);
        return 'ignored';
      }
      await leases().update({
        where: { id: row.id },
        data: { pushedBody: text, pushedContentType: contentType?.slice(0, 200) ?? null, pushedAt: Date.now(), lastNotificationAt: new Date(clock()) },
      });
      await getService(strapi, 'feed-poller').pollSoon(row.partnerId);
      return 'accepted';
    },

    /** The partner's subscription, for its admin view; null when there is none. */
    async statusOf(partnerId: number): Promise<SubscriptionView | null> {
      const row = (await leases().findOne({ where: { partnerId } })) as LeaseRow | null;
      if (!row) return null;
      const leaseEndsAt = toNumber(row.leaseEndsAt);
      return {
        state: row.state,
        hub: row.hub,
        topic: row.topic,
        leaseEndsAt: leaseEndsAt === null ? null : new Date(leaseEndsAt).toISOString(),
        lastNotificationAt: toIso(row.lastNotificationAt),
        lastError: row.lastError,
        deniedReason: row.deniedReason,
      };
    },

    /** One run (in the feed poller's worker job): leases of partners that stopped are ended, due requests sent. */
    async runJob(context: WorkerJobContext): Promise<void> {
      if (Date.now() - reconciledAt >= RECONCILE_EVERY_MS) {
        reconciledAt = Date.now();
        await reconcile();
      }
      if (context.stopping()) return;
      const now = clock();
      const ids = await claimDueRows(strapi, {
        uid: WEBSUB_LEASE,
        owner: context.owner,
        limit: BATCH,
        leaseMs: leaseMs(),
        orderBy: ['nextActionAt'],
        // The subscriber's clock, not the claim's: tests move it to expire and renew leases.
        due: (query, column) => {
          query
            .whereNotNull(column('nextActionAt'))
            .andWhere(column('nextActionAt'), '<=', now)
            .whereIn(column('state'), ['requested', 'active', 'unsubscribing']);
        },
      });
      if (ids.length === 0) return;
      const rows = (await leases().findMany({ where: { id: { $in: ids } } })) as LeaseRow[];
      await Promise.all(
        rows.map(async (row) => {
          if (context.stopping()) return releaseLease(strapi, WEBSUB_LEASE, row.id, context.owner);
          try {
            await act(row, context);
          } catch (error) {
            strapi.log.error(`syndication: WebSub lease of partner ${row.partnerId}: ${(error as Error).message}`);
            await releaseLease(strapi, WEBSUB_LEASE, row.id, context.owner).catch(() => undefined);
          }
        }),
      );
    },
  };
};
