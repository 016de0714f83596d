import type { Core, UID } from '@strapi/strapi';

export const REVISION = 'plugin::calendar.event-revision';

type RevisionRow = { id: number; eventDocumentId: string; locale: string; sequence: number };

/**
 * iCalendar SEQUENCE per event and locale. A subscribed calendar app replaces its copy of
 * an event only when SEQUENCE grows, so the number must grow at every change the public
 * sees and never go backwards, in every process: it is a counter in the database, bumped
 * by a document-service middleware (register.ts) each time a locale of an event is
 * published (the only moment published content changes): 0 at the first publication,
 * +1 at each later one. Editing a draft changes nothing public and bumps nothing.
 *
 * Two editors publishing the same event at the same instant may bump it once instead of
 * twice; the value still grows, which is all clients need. Should a race create two rows
 * for one key, readers take the largest.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(REVISION as UID.Schema);

  return {
    async recordPublication(eventDocumentId: string, locale: string): Promise<void> {
      const existing = (await rows().findMany({
        where: { eventDocumentId, locale },
        orderBy: { sequence: 'desc' },
        limit: 1,
      })) as RevisionRow[];
      if (existing.length === 0) {
        await rows().create({ data: { eventDocumentId, locale, sequence: 0 } });
      } else {
        await rows().update({ where: { id: existing[0].id }, data: { sequence: existing[0].sequence + 1 } });
      }
    },

    /** Sequence per event documentId in `locale` (0 for an event published before the plugin). */
    async sequences(eventDocumentIds: string[], locale: string): Promise<Map<string, number>> {
      const result = new Map<string, number>();
      if (eventDocumentIds.length === 0) return result;
      const found = (await rows().findMany({
        select: ['eventDocumentId', 'sequence'],
        where: { eventDocumentId: { $in: eventDocumentIds }, locale },
      })) as RevisionRow[];
      for (const row of found) result.set(row.eventDocumentId, Math.max(result.get(row.eventDocumentId) ?? 0, row.sequence));
      return result;
    },
  };
};
