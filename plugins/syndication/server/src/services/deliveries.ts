import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { STORY } from '../../../../../src/domain/uids';
import { DELIVERY, DELIVERY_ATTEMPT, PARTNER } from '../content-types';
import { getService } from '../utils/get-service';
import { serialise, storyData, type PushEvent, type UnpublishedDataV1 } from '../utils/payload';
import { newWebhookId } from '../utils/signing';

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** A delivery row as the dispatcher works with it. */
export interface DeliveryRow {
  id: number;
  webhookId: string;
  partnerId: number;
  event: PushEvent;
  storyDocumentId: string;
  locales: string[] | null;
  payload: string;
  status: DeliveryStatus;
  attemptCount: number;
  runAttempts: number;
  nextAttemptAt: number | string;
  leaseOwner: string | null;
  leaseUntil: number | string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  completedAt: string | Date | null;
  createdAt: string | Date;
}

export interface AttemptRow {
  id: number;
  deliveryId: number;
  number: number;
  startedAt: string | Date;
  durationMs: number | null;
  statusCode: number | null;
  error: string | null;
  responseBody: string | null;
  outcome: 'succeeded' | 'retrying' | 'failed';
  worker: string | null;
}

/** A published version of the story: its row id tells a republished version from the old one. */
export interface PublishedVersion {
  id: number;
  locale: string;
}

const iso = (value: string | Date | number | null | undefined): string | null => (value === null || value === undefined ? null : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value).toISOString());

const overlaps = (filter: string[], values: string[]): string[] => (filter.length === 0 ? values : values.filter((value) => filter.includes(value)));

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const meta = (uid: string) => {
    const model = strapi.db.metadata.get(uid);
    const column = (attribute: string): string => {
      const definition = model.attributes[attribute] as { columnName?: string } | undefined;
      return definition?.columnName ?? attribute;
    };
    return { table: model.tableName, column };
  };

  const publishedVersions = async (documentId: string): Promise<PublishedVersion[]> =>
    (await strapi.db.query(STORY).findMany({
      where: { documentId, publishedAt: { $notNull: true } },
      select: ['id', 'locale'],
    })) as PublishedVersion[];

  return {
    publishedVersions,

    /**
     * Records the deliveries a change of a story's published versions calls for, one per
     * matching partner. Runs inside the transaction of the change (middlewares/story-events),
     * so the change and its deliveries commit together or not at all.
     */
    async recordStoryChange(documentId: string, before: PublishedVersion[], after: PublishedVersion[]): Promise<number> {
      const beforeIds = new Set(before.map((version) => version.id));
      const afterLocales = after.map((version) => version.locale);
      const beforeLocales = before.map((version) => version.locale);
      const changed = after.filter((version) => !beforeIds.has(version.id)).map((version) => version.locale);
      const removed = beforeLocales.filter((locale) => !afterLocales.includes(locale));
      if (changed.length === 0 && removed.length === 0) return 0;

      const partners = await getService(strapi, 'partners').receiving();
      if (partners.length === 0) return 0;

      const versions = changed.length > 0 ? await getService(strapi, 'items').forDocument(documentId) : [];
      const settings = versions[0]?.row.syndication;
      const allowed = versions.length === 0 || settings?.allowed === true;
      const embargo = settings?.embargoUntil ? new Date(settings.embargoUntil).getTime() : 0;
      const storyTopics = versions[0]?.item.categories.map((topic) => topic.slug) ?? [];
      const now = new Date();
      let recorded = 0;

      const record = async (partnerId: number, event: PushEvent, locales: string[], payload: string, notBefore: number) => {
        await strapi.db.query(DELIVERY).create({
          data: {
            webhookId: newWebhookId(),
            partnerId,
            event,
            storyDocumentId: documentId,
            locales,
            payload,
            status: 'pending',
            attemptCount: 0,
            runAttempts: 0,
            nextAttemptAt: Math.max(notBefore, now.getTime()),
          },
        });
        recorded += 1;
      };

      for (const partner of partners) {
        const partnerChanged = overlaps(partner.locales, changed);
        const partnerRemoved = overlaps(partner.locales, removed);
        const topicMatch = partner.topics.length === 0 || storyTopics.some((slug) => partner.topics.includes(slug));
        if (partnerChanged.length > 0 && topicMatch && allowed) {
          const event: PushEvent = overlaps(partner.locales, beforeLocales).length === 0 ? 'story.published' : 'story.updated';
          const partnerVersions = versions.filter(({ row }) => partner.locales.length === 0 || partner.locales.includes(row.locale));
          // An embargoed story goes out when the embargo ends.
          await record(partner.id, event, partnerChanged, serialise(event, storyData(partnerVersions, documentId), now), embargo);
        } else if (partnerChanged.length > 0 && !allowed && overlaps(partner.locales, beforeLocales).length > 0) {
          // Syndication was turned off for a story partners may hold: they take it down.
          const data: UnpublishedDataV1 = { schemaVersion: 1, documentId, locales: overlaps(partner.locales, afterLocales), remainingLocales: [], reason: 'withdrawn' };
          await record(partner.id, 'story.unpublished', data.locales, serialise('story.unpublished', data, now), 0);
        }
        if (partnerRemoved.length > 0) {
          const data: UnpublishedDataV1 = {
            schemaVersion: 1,
            documentId,
            locales: partnerRemoved,
            remainingLocales: allowed ? overlaps(partner.locales, afterLocales) : [],
            reason: 'unpublished',
          };
          await record(partner.id, 'story.unpublished', partnerRemoved, serialise('story.unpublished', data, now), 0);
        }
      }
      return recorded;
    },

    /**
     * Claims up to `limit` due deliveries for `owner` in one statement: due, pending, not
     * leased (or the lease ran out: its worker died), partner active, and not for a partner
     * this process is already busy with. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets several
     * processes claim side by side without waiting or taking the same row; SQLite has one
     * writer at a time, so the statement is atomic there as it is.
     */
    async claimDue(owner: string, limit: number, leaseMs: number, busyPartners: number[]): Promise<number[]> {
      const knex = strapi.db.connection;
      const delivery = meta(DELIVERY);
      const partner = meta(PARTNER);
      const now = Date.now();
      const isPostgres = strapi.db.dialect.client === 'postgres';
      const busy = busyPartners.length > 0 ? `AND ?? NOT IN (${busyPartners.map(() => '?').join(', ')})` : '';
      const sql = `
        UPDATE ?? SET ?? = ?, ?? = ?
        WHERE ?? IN (
          SELECT ?? FROM ??
          WHERE ?? = 'pending' AND ?? <= ? AND (?? IS NULL OR ?? < ?)
            AND ?? IN (SELECT ?? FROM ?? WHERE ?? = 'active')
            ${busy}
          ORDER BY ??, ?? LIMIT ?
          ${isPostgres ? 'FOR UPDATE SKIP LOCKED' : ''}
        )
        RETURNING ??`;
      const bindings = [
        delivery.table, delivery.column('leaseOwner'), owner, delivery.column('leaseUntil'), now + leaseMs,
        'id',
        'id', delivery.table,
        delivery.column('status'), delivery.column('nextAttemptAt'), now, delivery.column('leaseUntil'), delivery.column('leaseUntil'), now,
        delivery.column('partnerId'), 'id', partner.table, partner.column('status'),
        ...(busyPartners.length > 0 ? [delivery.column('partnerId'), ...busyPartners] : []),
        delivery.column('nextAttemptAt'), 'id', limit,
        'id',
      ];
      const result = (await knex.raw(sql, bindings)) as { rows?: Array<{ id: number }> } | Array<{ id: number }>;
      const rows = Array.isArray(result) ? result : (result.rows ?? []);
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

    /** Gives a claimed delivery back without an attempt (its partner was paused meanwhile). */
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

    /** Logs an attempt and moves the delivery on, only if this worker still holds it. */
    async settle(
      delivery: DeliveryRow,
      owner: string,
      attempt: Omit<AttemptRow, 'id' | 'deliveryId' | 'number'>,
      next: { status: DeliveryStatus; nextAttemptAt: number | null }
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

    /** A partner's most recent deliveries, each with its attempts (newest first). */
    async listForPartner(partnerId: number, limit: number) {
      const partner = await strapi.db.query(PARTNER).findOne({ where: { id: partnerId }, select: ['id'] });
      if (!partner) throw new errors.NotFoundError('Partner not found');
      const rows = (await strapi.db.query(DELIVERY).findMany({
        where: { partnerId },
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
      const row = (await strapi.db.query(DELIVERY).findOne({ where: { id }, select: ['id', 'webhookId', 'status'] })) as Pick<DeliveryRow, 'id' | 'webhookId' | 'status'> | null;
      if (!row) throw new errors.NotFoundError('Delivery not found');
      const table = meta(DELIVERY);
      // A delivery being attempted right now keeps its lease; it is then simply due again.
      await strapi.db
        .connection(table.table)
        .where('id', id)
        .update({
          [table.column('status')]: 'pending',
          [table.column('runAttempts')]: 0,
          [table.column('nextAttemptAt')]: Date.now(),
          [table.column('completedAt')]: null,
        });
      getService(strapi, 'dispatcher').wake();
      return { id: row.id, webhookId: row.webhookId, status: 'pending' };
    },
  };
};
