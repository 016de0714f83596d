import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { contentTypes } from '../utils/content-types';
import { documents as documentsOf } from '../utils/documents';
import { toEvent, type EventRecord } from '../utils/records';
import type { EventFilters } from '../validation/query';

const ORGANISATION_FIELDS = ['documentId', 'slug', 'name', 'acronym', 'kind', 'country', 'website'];
const organisationPopulate = { fields: ORGANISATION_FIELDS, populate: { parent: { fields: ORGANISATION_FIELDS } } };

/**
 * What each use needs, loaded with the events in one document query (no per-event
 * queries). `calendar` is the .ics feed; `full` adds partners and guides for JSON and JSON-LD.
 */
const POPULATE = {
  calendar: {
    venue: true,
    organisers: organisationPopulate,
    topics: { fields: ['slug', 'name'] },
  },
  full: {
    venue: true,
    organisers: organisationPopulate,
    partners: organisationPopulate,
    topics: { fields: ['slug', 'name'] },
    guides: {
      fields: ['documentId', 'slug', 'title', 'summary', 'publicationDate', 'isbn'],
      populate: { publisher: organisationPopulate },
    },
  },
} as const;

export type Detail = keyof typeof POPULATE;

const EVENT_FIELDS = [
  'documentId',
  'locale',
  'slug',
  'title',
  'summary',
  'body',
  'startsAt',
  'endsAt',
  'timeZone',
  'onlineUrl',
  'format',
  'eventStatus',
  'updatedAt',
  'publishedAt',
];

/** Document-service filters for the public query parameters. */
export const toDocumentFilters = (filters: EventFilters, now: Date = new Date()): Record<string, unknown> => {
  const and: Record<string, unknown>[] = [];
  if (filters.organisation) and.push({ organisers: { slug: { $eq: filters.organisation } } });
  if (filters.topic) and.push({ topics: { slug: { $eq: filters.topic } } });
  if (filters.country) and.push({ venue: { country: { $eq: filters.country } } });
  // An event is in [from, to] when it overlaps it: it ends after `from` and starts before `to`.
  if (filters.from) and.push({ endsAt: { $gte: filters.from.toISOString() } });
  if (filters.to) and.push({ startsAt: { $lte: filters.to.toISOString() } });
  // Upcoming: not over yet (a course under way is still upcoming for a website); past: over.
  if (filters.when === 'upcoming') and.push({ endsAt: { $gte: now.toISOString() } });
  if (filters.when === 'past') and.push({ endsAt: { $lt: now.toISOString() } });
  return and.length ? { $and: and } : {};
};

/** `now`: the instant `when` (upcoming, past) is judged at; the current time by default. */
type FindParams = { locale: string; filters: EventFilters; detail: Detail; start: number; limit: number; newestFirst?: boolean; now?: Date };

/** Reads published events (drafts are never public) through the document service. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  // The event type is configuration (utils/documents): rows are read field by field by toEvent.
  const documents = () => documentsOf(strapi, contentTypes(strapi).event);

  return {
    async findMany({ locale, filters, detail, start, limit, newestFirst, now }: FindParams): Promise<EventRecord[]> {
      const direction = newestFirst ? 'desc' : 'asc';
      const rows = await documents().findMany({
        status: 'published',
        locale,
        fields: EVENT_FIELDS,
        filters: toDocumentFilters(filters, now),
        populate: POPULATE[detail],
        sort: [{ startsAt: direction }, { documentId: 'asc' }],
        start,
        limit,
      });
      return rows.map(toEvent);
    },

    async count({ locale, filters, now }: { locale: string; filters: EventFilters; now?: Date }): Promise<number> {
      return documents().count({ status: 'published', locale, filters: toDocumentFilters(filters, now) });
    },

    /**
     * When the events matching `filters` change by the passing of time alone (ms since epoch),
     * or null if they do not: with `when`, an event leaves "upcoming" (and joins "past") the
     * millisecond after it ends, so the next change is the earliest end not yet passed.
     */
    async nextChange({ locale, filters, now }: { locale: string; filters: EventFilters; now: Date }): Promise<number | null> {
      if (!filters.when) return null;
      const timeless: EventFilters = { ...filters, when: undefined };
      const next = await documents().findFirst({
        status: 'published',
        locale,
        fields: ['endsAt'],
        filters: { $and: [toDocumentFilters(timeless, now), { endsAt: { $gte: now.toISOString() } }] },
        sort: [{ endsAt: 'asc' }],
      });
      const endsAt = next?.endsAt;
      return endsAt && (typeof endsAt === 'string' || typeof endsAt === 'number' || endsAt instanceof Date) ? new Date(endsAt).getTime() + 1 : null;
    },

    /** The published event with this slug in this locale, or a 404. */
    async findOneBySlug(slug: string, locale: string, detail: Detail): Promise<EventRecord> {
      const row = await documents().findFirst({
        status: 'published',
        locale,
        fields: EVENT_FIELDS,
        filters: { slug: { $eq: slug } },
        populate: POPULATE[detail],
      });
      if (!row) throw new errors.NotFoundError(`No published event "${slug}" in locale "${locale}"`);
      return toEvent(row);
    },
  };
};
