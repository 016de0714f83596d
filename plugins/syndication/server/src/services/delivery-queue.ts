import type { Core } from '@strapi/strapi';
import { DELIVERY, DELIVERY_ATTEMPT, PARTNER } from '../content-types';
import { newWebhookId } from '../utils/signing';
import type { AttemptRow, DeliveryRow, DeliveryStatus } from '../utils/types';

/** A delivery to enqueue: who gets which event of which story, the signed bytes, and when it is due. */
export interface NewDelivery {
  partnerId: number;
  event: DeliveryRow['event'];
  storyDocumentId: string;
  locales: string[];
  payload: string;
  /** Epoch ms. */
  dueAt: number;
}

/**
 * The delivery queue, in the plugin's own table: enqueue (inside the story change's
 * transaction), claim with a lease, renew, release, settle (attempt logged, next state), and
 * requeue. Times compared in SQL are epoch milliseconds on both databases.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const meta = (uid: string) => {
    const model = strapi.db.metadata.get(uid);
    const column = (attribute: string): string => {
      const definition = model.attributes[attribute] as { columnName?: string } | undefined;
      return definition?.columnName ?? attribute;
    };
    return { table: model.tableName, column };
  };

  return {
    /**
     * Inserts a pending delivery through the query engine, so it joins the transaction the
     * caller runs in (Strapi keeps it in AsyncLocalStorage): the change and its deliveries
     * commit together.
     */
    async enqueue(delivery: NewDelivery): Promise<void> {
      await strapi.db.query(DELIVERY).create({
        data: {
          webhookId: newWebhookId(),
          partnerId: delivery.partnerId,
          event: delivery.event,
          storyDocumentId: delivery.storyDocumentId,
          locales: delivery.locales,
          payload: delivery.payload,
          status: 'pending',
          attemptCount: 0,
          runAttempts: 0,
          nextAttemptAt: delivery.dueAt,
        },
      });
    },

    /**
     * Claims up to `limit` due deliveries for `owner` in one statement,
     * `UPDATE … WHERE id IN (SELECT … LIMIT n [FOR UPDATE SKIP LOCKED]) RETURNING id`: due,
     * pending, not leased (or the lease ran out: its worker died), partner active with an endpoint, and not for
     * a partner this process is already busy with. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets
     * several processes claim side by side without waiting or taking the same row; SQLite has
     * one writer at a time, so the statement is atomic there as it is.
     */
    async claimDue(owner: string, limit: number, leaseMs: number, busyPartners: number[]): Promise<number[]> {
      const knex = strapi.db.connection;
      const delivery = meta(DELIVERY);
      const partner = meta(PARTNER);
      const now = Date.now();
      const due = knex(delivery.table)
        .select('id')
        .where(delivery.column('status'), 'pending')
        .andWhere(delivery.column('nextAttemptAt'), '<=', now)
        .andWhere((lease) => {
          // Not leased, or the lease ran out. knex groups what is added to the builder it passes.
          lease.whereNull(delivery.column('leaseUntil')).orWhere(delivery.column('leaseUntil'), '<', now);
        })
        .whereIn(
          delivery.column('partnerId'),
          knex(partner.table).select('id').where(partner.column('status'), 'active').whereNotNull(partner.column('endpointUrl')),
        )
        .orderBy([{ column: delivery.column('nextAttemptAt') }, { column: 'id' }])
        .limit(limit);
      if (busyPartners.length > 0) due.whereNotIn(delivery.column('partnerId'), busyPartners);
      if (strapi.db.dialect.client === 'postgres') due.forUpdate().skipLocked();
      const rows = (await knex(delivery.table)
        .whereIn('id', due)
        .update({ [delivery.column('leaseOwner')]: owner, [delivery.column('leaseUntil')]: now + leaseMs }, ['id'])) as Array<{ id: number | string }>;
      return rows.map((row) => Number(row.id));
    },

    /** Extends this worker's lease right before an attempt; false when another worker took the delivery over. */
    async renewLease(id: number, owner: string, leaseMs: number): Promise<boolean> {
      const delivery = meta(DELIVERY);
      const count = await strapi.db
        .connection(delivery.table)
        .where('id', id)
        .andWhere(delivery.column('leaseOwner'), owner)
        .andWhere(delivery.column('status'), 'pending')
        .update({ [delivery.column('leaseUntil')]: Date.now() + leaseMs });
      return Number(count) === 1;
    },

    /** Gives a claimed delivery back without an attempt (its partner was paused meanwhile, or the worker stops). */
    async release(id: number, owner: string): Promise<void> {
      const delivery = meta(DELIVERY);
      await strapi.db
        .connection(delivery.table)
        .where('id', id)
        .andWhere(delivery.column('leaseOwner'), owner)
        .update({ [delivery.column('leaseOwner')]: null, [delivery.column('leaseUntil')]: null });
    },

    async load(ids: number[]): Promise<DeliveryRow[]> {
      if (ids.length === 0) return [];
      return (await strapi.db.query(DELIVERY).findMany({ where: { id: { $in: ids } }, orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }] })) as DeliveryRow[];
    },

    /**
     * Completes, fails or reschedules a delivery after an attempt and logs the attempt, only
     * if this worker still holds it.
     */
    async settle(
      delivery: DeliveryRow,
      owner: string,
      attempt: Omit<AttemptRow, 'id' | 'deliveryId' | 'number'>,
      next: { status: DeliveryStatus; nextAttemptAt: number | null },
    ): Promise<boolean> {
      const table = meta(DELIVERY);
      // The attempt log and the delivery's new state commit together.
      return strapi.db.transaction(async ({ trx }) => {
        const number = Number(delivery.attemptCount) + 1;
        const updated = await trx(table.table)
          .where('id', delivery.id)
          .andWhere(table.column('leaseOwner'), owner)
          .andWhere(table.column('status'), 'pending')
          .update({
            [table.column('status')]: next.status,
            [table.column('attemptCount')]: number,
            [table.column('runAttempts')]: Number(delivery.runAttempts) + 1,
            [table.column('nextAttemptAt')]: next.nextAttemptAt ?? Number(delivery.nextAttemptAt),
            [table.column('leaseOwner')]: null,
            [table.column('leaseUntil')]: null,
            [table.column('lastStatusCode')]: attempt.statusCode,
            [table.column('lastError')]: attempt.error,
            [table.column('completedAt')]: next.status === 'pending' ? null : new Date(),
          });
        if (Number(updated) !== 1) return false;
        await strapi.db.query(DELIVERY_ATTEMPT).create({
          data: { ...attempt, deliveryId: delivery.id, partnerId: delivery.partnerId, webhookId: delivery.webhookId, number },
        });
        return true;
      });
    },

    /**
     * Makes a delivery due now again, with a fresh run of the retry schedule (same webhook-id
     * and payload). A delivery being attempted right now keeps its lease; it is then simply
     * due again.
     */
    async requeue(id: number): Promise<void> {
      const table = meta(DELIVERY);
      await strapi.db
        .connection(table.table)
        .where('id', id)
        .update({
          [table.column('status')]: 'pending',
          [table.column('runAttempts')]: 0,
          [table.column('nextAttemptAt')]: Date.now(),
          [table.column('completedAt')]: null,
        });
    },
  };
};
