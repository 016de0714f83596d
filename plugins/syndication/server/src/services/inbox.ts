import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { validationError } from '@union-comms/kit';
import { Webhook } from 'standardwebhooks';
import { INBOUND_MESSAGE } from '../content-types';
import { nextRetryDelay } from '../utils/backoff';
import { claimDueRows, releaseLease, renewLease, tableOf } from '../utils/claim';
import { getService } from '../utils/get-service';
import { parseV1 } from '../utils/inbound-v1';
import { pluginConfig } from '../utils/plugin-config';
import type { WorkerJobContext } from './dispatcher';

/** Most bytes of a push body; larger ones are refused (413) before they are read further. */
export const INBOX_MAX_BYTES = 1024 * 1024;

/** One answer for an unknown inbox, a partner without an inbound secret, and a bad signature: inboxes cannot be enumerated. */
const UNAUTHORIZED = 'Missing or invalid webhook signature';

/** Longest an import of one message may hold its lease. */
const LEASE_MS = 60_000;
/** Messages one worker poll imports. */
const BATCH = 20;

interface MessageRow {
  id: number;
  partnerId: number;
  webhookId: string;
  payload: string;
  attemptCount: number | null;
}

/**
 * The inbox (`POST /api/syndication/inbox/:inboxId`): a signed push verified and queued before
 * the answer; imported by the worker after it (the job `inbox`, claimed like deliveries).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const headerOf = (headers: Record<string, string | string[] | undefined>, name: string): string | undefined => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };

  return {
    /**
     * Checks a push (its bytes as received) and queues it: 202 for a new or an already received
     * `webhook-id`. Throws the typed errors the middleware answers with.
     */
    async accept(inboxId: string, headers: Record<string, string | string[] | undefined>, body: Buffer): Promise<{ webhookId: string; duplicate: boolean }> {
      const partner = /^[A-Za-z0-9_-]{16,64}$/.test(inboxId) ? await getService(strapi, 'partners').forInbox(inboxId) : null;
      if (!partner || !partner.secret) throw new errors.UnauthorizedError(UNAUTHORIZED);
      const signed = {
        'webhook-id': headerOf(headers, 'webhook-id') ?? '',
        'webhook-timestamp': headerOf(headers, 'webhook-timestamp') ?? '',
        'webhook-signature': headerOf(headers, 'webhook-signature') ?? '',
      };
      try {
        // The reference library: the HMAC of `id.timestamp.body` and a timestamp within 5 minutes; no parsing yet.
        new Webhook(partner.secret).verify(body, signed, { jsonParse: false });
      } catch {
        throw new errors.UnauthorizedError(UNAUTHORIZED);
      }
      if (partner.status !== 'active' || !partner.inbound.enabled) {
        throw new errors.ForbiddenError(partner.status === 'active' ? 'Receiving from this partner is not enabled' : `This partner is ${partner.status}`);
      }
      const webhookId = signed['webhook-id'];
      if (webhookId.length > 180) throw validationError([{ path: ['webhook-id'], message: 'webhook-id is longer than 180 characters' }]);
      const parsed = parseV1(body.toString('utf8'));
      if (!parsed.ok) throw validationError(parsed.problems);

      const { table, column } = tableOf(strapi, INBOUND_MESSAGE);
      const now = new Date();
      // Unique per partner and webhook-id: a replay (or the same message twice at once) is accepted again and stored once.
      const inserted = (await strapi.db
        .connection(table)
        .insert(
          {
            [column('messageKey')]: `${partner.id}:${webhookId}`,
            [column('partnerId')]: partner.id,
            [column('webhookId')]: webhookId,
            [column('payload')]: body.toString('utf8'),
            [column('status')]: 'pending',
            [column('attemptCount')]: 0,
            [column('nextAttemptAt')]: Date.now(),
            [column('createdAt')]: now,
            [column('updatedAt')]: now,
          },
          ['id'],
        )
        .onConflict(column('messageKey'))
        .ignore()) as Array<{ id: number } | number>;
      const duplicate = inserted.length === 0;
      if (!duplicate) getService(strapi, 'dispatcher').wake();
      return { webhookId, duplicate };
    },

    /** The worker job: claims queued messages and imports them, oldest first, one at a time. */
    async runJob(context: WorkerJobContext): Promise<void> {
      const ids = await claimDueRows(strapi, {
        uid: INBOUND_MESSAGE,
        owner: context.owner,
        limit: BATCH,
        leaseMs: LEASE_MS,
        orderBy: ['nextAttemptAt'],
        due: (query, column, now) => {
          query.where(column('status'), 'pending').andWhere(column('nextAttemptAt'), '<=', now);
        },
      });
      if (ids.length === 0) return;
      const rows = (await strapi.db.query(INBOUND_MESSAGE).findMany({ where: { id: { $in: ids } }, orderBy: { id: 'asc' } })) as MessageRow[];
      for (const row of rows) {
        if (context.stopping()) {
          await releaseLease(strapi, INBOUND_MESSAGE, row.id, context.owner);
          continue;
        }
        if (!(await renewLease(strapi, INBOUND_MESSAGE, row.id, context.owner, LEASE_MS))) continue;
        const { table, column } = tableOf(strapi, INBOUND_MESSAGE);
        const attempts = Number(row.attemptCount ?? 0) + 1;
        try {
          const parsed = parseV1(row.payload);
          // Validated when it was accepted; a message that no longer parses is recorded as failed.
          if (!parsed.ok) throw new Error(parsed.problems.map((problem) => problem.message).join('; '));
          await getService(strapi, 'inbound').receive(row.partnerId, parsed.item);
          await strapi.db
            .connection(table)
            .where('id', row.id)
            .andWhere(column('leaseOwner'), context.owner)
            .update({
              [column('status')]: 'done',
              [column('attemptCount')]: attempts,
              [column('leaseOwner')]: null,
              [column('leaseUntil')]: null,
              [column('lastError')]: null,
            });
        } catch (error) {
          const push = pluginConfig(strapi).push;
          const delay = nextRetryDelay({ schedule: push.retryScheduleMs, jitter: push.jitter, maxRetryAfterMs: push.maxRetryAfterMs }, attempts, null);
          strapi.log.error(`syndication: inbound message ${row.id} from partner ${row.partnerId}: ${(error as Error).message}`);
          await strapi.db
            .connection(table)
            .where('id', row.id)
            .andWhere(column('leaseOwner'), context.owner)
            .update({
              [column('status')]: delay === null ? 'failed' : 'pending',
              [column('attemptCount')]: attempts,
              [column('nextAttemptAt')]: Date.now() + (delay ?? 0),
              [column('leaseOwner')]: null,
              [column('leaseUntil')]: null,
              [column('lastError')]: (error as Error).message.slice(0, 2000),
            });
        }
      }
    },
  };
};
