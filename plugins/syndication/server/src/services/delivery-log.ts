import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { toIso as iso } from '@union-comms/kit';
import { DELIVERY, DELIVERY_ATTEMPT, PARTNER } from '../content-types';
import { getService } from '../utils/get-service';
import type { AttemptRow, DeliveryRow, DeliveryStatus } from '../utils/types';

/** The deliveries and attempts the admin page shows, and redelivery. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** A partner's most recent deliveries (only those with `status`, when given), each with its attempts (newest first). */
  async listForPartner(partnerId: number, limit: number, status: DeliveryStatus | null = null) {
    const partner = await strapi.db.query(PARTNER).findOne({ where: { id: partnerId }, select: ['id'] });
    if (!partner) throw new errors.NotFoundError('Partner not found');
    const rows = (await strapi.db.query(DELIVERY).findMany({
      where: { partnerId, ...(status && { status }) },
      orderBy: { id: 'desc' },
      limit,
    })) as DeliveryRow[];
    const attempts =
      rows.length === 0
        ? []
        : ((await strapi.db.query(DELIVERY_ATTEMPT).findMany({
            where: { deliveryId: { $in: rows.map((row) => row.id) } },
            orderBy: { id: 'desc' },
          })) as AttemptRow[]);
    return rows.map((row) => ({
      id: row.id,
      webhookId: row.webhookId,
      event: row.event,
      storyDocumentId: row.storyDocumentId,
      locales: Array.isArray(row.locales) ? row.locales : [],
      status: row.status,
      attemptCount: Number(row.attemptCount),
      nextAttemptAt: row.status === 'pending' ? iso(row.nextAttemptAt) : null,
      lastStatusCode: row.lastStatusCode ?? null,
      lastError: row.lastError ?? null,
      createdAt: iso(row.createdAt),
      completedAt: iso(row.completedAt),
      attempts: attempts
        .filter((attempt) => attempt.deliveryId === row.id)
        .map((attempt) => ({
          number: attempt.number,
          startedAt: iso(attempt.startedAt),
          durationMs: attempt.durationMs,
          statusCode: attempt.statusCode ?? null,
          error: attempt.error ?? null,
          responseBody: attempt.responseBody ?? null,
          outcome: attempt.outcome,
        })),
    }));
  },

  /**
   * Queues a delivery again, now, with the same webhook-id and payload (partners de-duplicate
   * on the id). A fresh run of the retry schedule starts.
   */
  async redeliver(id: number): Promise<{ id: number; webhookId: string; status: DeliveryStatus }> {
    const row = (await strapi.db.query(DELIVERY).findOne({ where: { id }, select: ['id', 'webhookId', 'status'] })) as Pick<
      DeliveryRow,
      'id' | 'webhookId' | 'status'
    > | null;
    if (!row) throw new errors.NotFoundError('Delivery not found');
    await getService(strapi, 'delivery-queue').requeue(id);
    getService(strapi, 'dispatcher').wake();
    return { id: row.id, webhookId: row.webhookId, status: 'pending' };
  },
});
