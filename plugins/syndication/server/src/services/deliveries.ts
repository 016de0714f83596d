import type { Core } from '@strapi/strapi';
import { PARTNER, RECEIVED_ITEM } from '../content-types';
import { allowsRedistribution } from '../utils/licences';
import { getService } from '../utils/get-service';
import { serialise, storyData, type UnpublishedDataV1 } from '../utils/payload';
import { contentTypeUid } from '../utils/plugin-config';
import {
  isNoChange,
  planDeliveries,
  publishedChange,
  receives,
  type PartnerStatus,
  type PlannedPartner,
  type PublishedVersion,
  type StoryFacts,
} from '../utils/plan-deliveries';

export type { PublishedVersion } from '../utils/plan-deliveries';

/**
 * Records the deliveries a story change calls for: reads what the planner
 * (utils/plan-deliveries) needs, builds each planned delivery's payload and enqueues it
 * (services/delivery-queue).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const publishedVersions = async (documentId: string): Promise<PublishedVersion[]> =>
    (await strapi.db.query(contentTypeUid(strapi, 'story')).findMany({
      where: { documentId, publishedAt: { $notNull: true } },
      select: ['id', 'locale'],
    })) as PublishedVersion[];

  /**
   * The partners a story's changes go to. Partners without an endpoint get nothing. No echo: a
   * story received from a partner never goes back to it, and goes to another partner only if
   * that one opted in (`forwardReceived`) and the story's licence allows redistribution; so an
   * A → B → A loop cannot start.
   */
  const partnersToPlan = async (documentId: string): Promise<PlannedPartner[]> => {
    const rows = (await strapi.db.query(PARTNER).findMany({
      where: { endpointUrl: { $notNull: true } },
      select: ['id', 'status', 'locales', 'topics', 'forwardReceived'],
    })) as Array<{
      id: number;
      status: PartnerStatus;
      locales: string[] | null;
      topics: string[] | null;
      forwardReceived: boolean | null;
    }>;
    const received = (await strapi.db.query(RECEIVED_ITEM).findMany({ where: { storyDocumentId: documentId }, select: ['partnerId', 'licence'] })) as Array<{
      partnerId: number;
      licence: string | null;
    }>;
    const origins = new Set(received.map((item) => item.partnerId));
    const forwardable = received.every((item) => allowsRedistribution(item.licence));
    const targets = received.length === 0 ? rows : rows.filter((row) => !origins.has(row.id) && row.forwardReceived === true && forwardable);
    return targets.map((row) => ({
      id: row.id,
      status: row.status,
      locales: Array.isArray(row.locales) ? row.locales : [],
      topics: Array.isArray(row.topics) ? row.topics : [],
    }));
  };

  return {
    publishedVersions,

    /**
     * Records the deliveries a change of a story's published versions calls for, one per
     * matching partner and event. Runs inside the transaction of the change
     * (middlewares/story-events), so the change and its deliveries commit together or not at all.
     */
    async recordStoryChange(documentId: string, before: PublishedVersion[], after: PublishedVersion[]): Promise<number> {
      const change = publishedChange(before, after);
      if (isNoChange(change)) return 0;
      const partners = await partnersToPlan(documentId);
      if (!partners.some(receives)) return 0;

      // The story is read only when a locale was (re)published: a take-down needs nothing of it.
      const versions = change.changed.length > 0 ? await getService(strapi, 'items').forDocument(documentId) : [];
      const [first] = versions;
      const story: StoryFacts | null = first
        ? {
            allowed: first.row.syndication?.allowed === true,
            embargoUntil: first.row.syndication?.embargoUntil ?? null,
            topics: first.item.categories.map((topic) => topic.slug),
          }
        : null;
      const now = new Date();
      const plan = planDeliveries({ before, after, partners, story, now });

      const queue = getService(strapi, 'delivery-queue');
      for (const planned of plan) {
        let payload: string;
        if (planned.event === 'story.unpublished') {
          const data: UnpublishedDataV1 = {
            schemaVersion: 1,
            documentId,
            locales: planned.locales,
            remainingLocales: planned.remainingLocales,
            reason: planned.reason,
          };
          payload = serialise(planned.event, data, now);
        } else {
          const partnerVersions = versions.filter(({ row }) => planned.payloadLocales.includes(row.locale));
          payload = serialise(planned.event, storyData(partnerVersions, documentId), now);
        }
        await queue.enqueue({
          partnerId: planned.partnerId,
          event: planned.event,
          storyDocumentId: documentId,
          locales: planned.locales,
          payload,
          dueAt: planned.dueAt,
        });
      }
      return plan.length;
    },
  };
};
