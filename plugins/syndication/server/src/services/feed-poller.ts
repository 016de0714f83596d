import type { Core } from '@strapi/strapi';
import { locales as localesOf } from '@union-comms/kit';
import { FEED_STATE, PARTNER } from '../content-types';
import { withJitter, parseRetryAfter } from '../utils/backoff';
import { claimDueRows, releaseLease, renewLease, tableOf } from '../utils/claim';
import { fetchFeed, type FeedResponse } from '../utils/feed-http';
import { feedItems, pruneMemory, type FeedMemory } from '../utils/feed-items';
import { FeedParseError, parseFeedDocument } from '../utils/feed-parse';
import { discoverHub } from '../utils/websub-discovery';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import type { WorkerJobContext } from './dispatcher';
import { inboundOf, pollIntervalMs } from '../validation/inbound';

/** Extra lease time beyond the request timeout: the import of a feed's items after it arrived (renewed before each item). */
const LEASE_MARGIN_MS = 60_000;
/** Partners' inbound settings are compared with the feed states at most this often per process. */
const RECONCILE_EVERY_MS = 1000;

const USER_AGENT = 'union-comms-syndication/1 (feed poller)';

/** A feed state row (`syndication_feed_states`). */
export interface FeedStateRow {
  id: number;
  partnerId: number;
  feedUrl: string | null;
  nextPollAt: number | string;
  etag: string | null;
  lastModified: string | null;
  failureCount: number | null;
  lastError: string | null;
  lastPolledAt: string | Date | null;
  lastStatusCode: number | null;
  items: FeedMemory | null;
}

/** What one poll of one feed came to (logged, and kept on the feed state). */
export interface PollResult {
  statusCode: number | null;
  error: string | null;
  /** Stories handed to the importer. */
  received: number;
}

/**
 * The feed poller: a job of the delivery worker (services/dispatcher `registerJob`), so it runs
 * in every process that sends deliveries. Each partner whose `inbound` is enabled with a
 * `feedUrl` has a feed state row; due rows are claimed with a lease like deliveries
 * (utils/claim), so one process polls a feed at a time across instances. A poll is one
 * conditional GET through the SSRF-safe agents, parsed all or nothing (utils/feed-parse), and
 * the new or changed stories handed to the importer (`inbound.receive`).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let reconciledAt = 0;
  const settings = () => pluginConfig(strapi).feeds;
  const leaseMs = () => settings().timeoutMs + LEASE_MARGIN_MS;

  /** One feed state per partner with an enabled feed; a state whose feed is gone keeps its memory but is not polled. */
  const reconcile = async (): Promise<void> => {
    const partners = (await strapi.db.query(PARTNER).findMany({ select: ['id', 'inbound'] })) as Array<{ id: number; inbound: unknown }>;
    const states = (await strapi.db.query(FEED_STATE).findMany({ select: ['id', 'partnerId', 'feedUrl'] })) as Array<
      Pick<FeedStateRow, 'id' | 'partnerId' | 'feedUrl'>
    >;
    const byPartner = new Map(states.map((state) => [state.partnerId, state]));
    for (const partner of partners) {
      const inbound = inboundOf(partner.inbound);
      const feedUrl = inbound.enabled && inbound.feedUrl ? inbound.feedUrl : null;
      const state = byPartner.get(partner.id);
      if (!state) {
        if (feedUrl === null) continue;
        try {
          await strapi.db.query(FEED_STATE).create({ data: { partnerId: partner.id, feedUrl, nextPollAt: Date.now(), failureCount: 0 } });
        } catch (error) {
          // Another process created it first (partnerId is unique).
          strapi.log.debug(`syndication: feed state of partner ${partner.id}: ${(error as Error).message}`);
        }
      } else if (state.feedUrl !== feedUrl) {
        // A new feed (or none): its validators and backoff start afresh, due now; the memory of items stays.
        await strapi.db.query(FEED_STATE).update({
          where: { id: state.id },
          data: { feedUrl, etag: null, lastModified: null, failureCount: 0, lastError: null, nextPollAt: Date.now() },
        });
      }
    }
    const known = new Set(partners.map((partner) => partner.id));
    const orphans = states.filter((state) => !known.has(state.partnerId)).map((state) => state.id);
    if (orphans.length > 0) await strapi.db.query(FEED_STATE).deleteMany({ where: { id: { $in: orphans } } });
  };

  /** A source locale code as one of ours: exactly (any case), else its language (`en-US` → `en`). */
  const localeResolver = async (): Promise<(code: string) => string> => {
    const enabled = [...(await localesOf(strapi).codes())];
    return (code: string) => {
      const lower = code.toLowerCase();
      const exact = enabled.find((candidate) => candidate.toLowerCase() === lower);
      if (exact) return exact;
      const language = enabled.find((candidate) => candidate.toLowerCase() === lower.split('-')[0]);
      return language ?? code;
    };
  };

  /** Delay before the next poll after `failures` failed polls in a row (0: it worked). */
  const nextDelay = (intervalMs: number, failures: number, response: FeedResponse | null): number => {
    const config = settings();
    let delay = intervalMs;
    if (failures > 0) {
      const step = config.retryScheduleMs[Math.min(failures, config.retryScheduleMs.length) - 1];
      delay = Math.max(intervalMs, withJitter(step, config.jitter));
    }
    // The feed says when to come back: never sooner (capped, so a typo cannot stop polling for a year).
    if (response?.maxAgeSeconds) delay = Math.max(delay, Math.min(response.maxAgeSeconds * 1000, config.maxDelayMs));
    const retryAfter = response && response.kind === 'failed' ? parseRetryAfter(response.retryAfter, Date.now()) : null;
    if (retryAfter !== null) delay = Math.max(delay, Math.min(retryAfter, config.maxDelayMs));
    return delay;
  };

  /** Writes the poll's outcome, only while this process still holds the row. */
  const settle = async (row: FeedStateRow, owner: string, data: Record<string, unknown>): Promise<boolean> => {
    const { table, column } = tableOf(strapi, FEED_STATE);
    // The lease given back and the new state commit together: no other process polls in between.
    return strapi.db.transaction(async ({ trx }) => {
      const held = await trx(table)
        .where('id', row.id)
        .andWhere(column('leaseOwner'), owner)
        .update({ [column('leaseOwner')]: null, [column('leaseUntil')]: null });
      if (Number(held) !== 1) return false;
      await strapi.db.query(FEED_STATE).update({ where: { id: row.id }, data });
      return true;
    });
  };

  const pollOne = async (row: FeedStateRow, context: WorkerJobContext): Promise<PollResult | null> => {
    const partner = await getService(strapi, 'partners').forImport(row.partnerId);
    const inbound = partner ? inboundOf(partner.inbound) : null;
    if (!partner || partner.status !== 'active' || !inbound?.enabled || !inbound.feedUrl || inbound.feedUrl !== row.feedUrl) {
      await releaseLease(strapi, FEED_STATE, row.id, context.owner);
      return null;
    }
    const config = settings();
    const push = pluginConfig(strapi).push;
    const subscriber = getService(strapi, 'websub-subscriber');
    // While a WebSub hub pushes the feed, polling is only the safety net for a missed push.
    const interval = pollIntervalMs(inbound) * ((await subscriber.slowsPolling(row.partnerId)) ? pluginConfig(strapi).websubSubscriber.pollFactor : 1);
    const startedAt = Date.now();
    // A signed push waiting (services/websub-subscriber) is imported instead of a GET, by the same
    // code below: the feed's validators stay those of the last GET.
    const pushed = await subscriber.pushedFor(row.partnerId, inbound.feedUrl);
    const response: FeedResponse = pushed
      ? {
          kind: 'ok',
          statusCode: 200,
          text: pushed.text,
          contentType: pushed.contentType,
          etag: row.etag,
          lastModified: row.lastModified,
          url: inbound.feedUrl,
          link: null,
          permanentUrl: inbound.feedUrl,
          retryAfter: undefined,
          maxAgeSeconds: null,
        }
      : await fetchFeed({
          url: inbound.feedUrl,
          etag: row.etag,
          lastModified: row.lastModified,
          timeoutMs: config.timeoutMs,
          maxBytes: config.maxBytes,
          maxRedirects: config.maxRedirects,
          allowHttp: push.allowHttp,
          agents: context.agents,
          userAgent: USER_AGENT,
        });
    if (!(await renewLease(strapi, FEED_STATE, row.id, context.owner, leaseMs()))) return null;

    const failures = Number(row.failureCount ?? 0);
    const failed = async (error: string, statusCode: number | null, keepValidators: boolean, extra: Record<string, unknown> = {}): Promise<PollResult> => {
      strapi.log.warn(`syndication: feed of partner ${row.partnerId} (${inbound.feedUrl}): ${error}`);
      await settle(row, context.owner, {
        failureCount: failures + 1,
        lastError: error.slice(0, 2000),
        lastStatusCode: statusCode,
        lastPolledAt: new Date(startedAt),
        nextPollAt: Date.now() + nextDelay(interval, failures + 1, response),
        ...(!keepValidators && { etag: null, lastModified: null }),
        ...extra,
      });
      return { statusCode, error, received: 0 };
    };

    if (response.kind === 'failed') return failed(response.error, response.statusCode, true);
    if (response.kind === 'not-modified') {
      await settle(row, context.owner, {
        failureCount: 0,
        lastError: null,
        lastStatusCode: 304,
        lastPolledAt: new Date(startedAt),
        nextPollAt: Date.now() + nextDelay(interval, 0, response),
      });
      return { statusCode: 304, error: null, received: 0 };
    }

    // All or nothing: a feed that does not parse whole imports nothing.
    let result: ReturnType<typeof feedItems>;
    try {
      const parsed = parseFeedDocument(response.text, response.contentType, { maxItems: config.maxItems });
      result = feedItems(parsed, { feedUrl: response.url, memory: row.items ?? {}, now: startedAt, resolveLocale: await localeResolver() });
    } catch (error) {
      if (!(error instanceof FeedParseError)) throw error;
      // A push that does not parse is dropped (the next GET or push brings the feed again).
      if (pushed) await subscriber.pushImported(row.partnerId, pushed.pushedAt);
      return failed(`${pushed ? 'pushed by the WebSub hub: ' : ''}${error.message}`, response.statusCode, pushed !== null);
    }
    if (!pushed) {
      // WebSub discovery (§4) on every successful GET: a hub that appears, moves or goes is followed.
      const found = discoverHub(
        { linkHeader: response.link, body: response.text, contentType: response.contentType, baseUrl: response.url },
        response.permanentUrl,
      );
      await subscriber.discovered(row.partnerId, inbound.feedUrl, found).catch((error: Error) => {
        strapi.log.warn(`syndication: WebSub discovery for partner ${row.partnerId}: ${error.message}`);
      });
    }
    for (const reason of result.skipped) strapi.log.warn(`syndication: feed of partner ${row.partnerId}: ${reason} (left out)`);

    const memory: FeedMemory = { ...(row.items ?? {}), ...result.unchanged };
    let received = 0;
    let importError: string | null = null;
    for (const { story, remember } of result.changed) {
      if (context.stopping() || !(await renewLease(strapi, FEED_STATE, row.id, context.owner, leaseMs()))) {
        importError = 'the worker stopped before every item was imported';
        break;
      }
      try {
        await getService(strapi, 'inbound').receive(row.partnerId, story);
        Object.assign(memory, remember);
        received += 1;
      } catch (error) {
        // A database failure: the items not taken are handed over again on the next poll.
        importError = `importing ${story.externalId} failed: ${(error as Error).message}`;
        break;
      }
    }
    if (importError !== null) {
      // Not the validators: the next poll must get the whole feed again to hand over what is missing.
      return failed(importError, response.statusCode, false, { items: pruneMemory(memory) });
    }
    if (pushed) await subscriber.pushImported(row.partnerId, pushed.pushedAt);
    await settle(row, context.owner, {
      items: pruneMemory(memory),
      etag: response.etag?.slice(0, 1000) ?? null,
      lastModified: response.lastModified?.slice(0, 100) ?? null,
      failureCount: 0,
      lastError: null,
      lastStatusCode: response.statusCode,
      lastPolledAt: new Date(startedAt),
      nextPollAt: Date.now() + nextDelay(interval, 0, response),
    });
    if (received > 0) strapi.log.info(`syndication: feed of partner ${row.partnerId}: ${received} item(s) handed to the importer`);
    return { statusCode: response.statusCode, error: null, received };
  };

  return {
    /** One run of the worker job: claim the due feeds (a few at a time) and poll them side by side. */
    async runJob(context: WorkerJobContext): Promise<void> {
      if (Date.now() - reconciledAt >= RECONCILE_EVERY_MS) {
        reconciledAt = Date.now();
        await reconcile();
      }
      if (context.stopping()) return;
      // Our WebSub subscriptions to these feeds go out from the same job (and its SSRF-safe agents).
      await getService(strapi, 'websub-subscriber')
        .runJob(context)
        .catch((error: Error) => strapi.log.error(`syndication: WebSub subscriber: ${error.message}`));
      if (context.stopping()) return;
      const { column: partnerColumn, table: partnerTable } = tableOf(strapi, PARTNER);
      const ids = await claimDueRows(strapi, {
        uid: FEED_STATE,
        owner: context.owner,
        limit: settings().concurrency,
        leaseMs: leaseMs(),
        orderBy: ['nextPollAt'],
        due: (query, column, now) => {
          query
            .whereNotNull(column('feedUrl'))
            .andWhere(column('nextPollAt'), '<=', now)
            .whereIn(column('partnerId'), strapi.db.connection(partnerTable).select('id').where(partnerColumn('status'), 'active'));
        },
      });
      if (ids.length === 0) return;
      const rows = (await strapi.db.query(FEED_STATE).findMany({ where: { id: { $in: ids } } })) as FeedStateRow[];
      await Promise.all(
        rows.map(async (row) => {
          if (context.stopping()) return releaseLease(strapi, FEED_STATE, row.id, context.owner);
          try {
            await pollOne(row, context);
          } catch (error) {
            strapi.log.error(`syndication: feed of partner ${row.partnerId}: ${(error as Error).message}`);
            await releaseLease(strapi, FEED_STATE, row.id, context.owner).catch(() => undefined);
          }
        }),
      );
    },

    /** The feed side of a partner, for its admin view: last poll, its answer and error, the next poll (epoch ms). */
    async statusOf(partnerId: number): Promise<{
      feedUrl: string | null;
      lastPolledAt: string | null;
      lastStatusCode: number | null;
      lastError: string | null;
      nextPollAt: number | null;
    } | null> {
      const row = (await strapi.db.query(FEED_STATE).findOne({ where: { partnerId } })) as FeedStateRow | null;
      if (!row) return null;
      return {
        feedUrl: row.feedUrl,
        lastPolledAt: row.lastPolledAt ? new Date(row.lastPolledAt).toISOString() : null,
        lastStatusCode: row.lastStatusCode,
        lastError: row.lastError,
        nextPollAt: row.feedUrl ? Number(row.nextPollAt) : null,
      };
    },

    /** Makes the partner's feed due now (its settings changed); picked up on the worker's next poll. */
    async pollSoon(partnerId: number): Promise<void> {
      reconciledAt = 0;
      await strapi.db.query(FEED_STATE).updateMany({ where: { partnerId }, data: { nextPollAt: Date.now() } });
    },
  };
};
