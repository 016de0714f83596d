import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { locales, renderedCache, toOffsetDateTime } from '@union-comms/kit';
import { getService } from '../utils/get-service';
import { eventLinks, eventUrl, pluginConfig } from '../utils/urls';
import type { EventRecord, OrganisationRecord } from '../utils/records';
import type { FeedQuery, ListQuery, LocaleQuery } from '../validation/query';
import type { ParticipantsReport } from './participants';

/** A calendar ready to send, with its strong ETag (a hash of the bytes: the same on every instance). */
export type RenderedFeed = { body: string; etag: string };

const rendered = (body: string): RenderedFeed => ({ body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` });

type OrganisationSummary = { slug: string; name: string; acronym: string | null; kind: string | null; country: string | null; website: string | null };

export type EventSummary = {
  documentId: string;
  slug: string;
  locale: string;
  title: string;
  summary: string | null;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  /** Start and end on the event's own clock, with offset: 2025-03-24T09:00:00+01:00. */
  localStart: string;
  localEnd: string;
  format: EventRecord['format'];
  eventStatus: EventRecord['eventStatus'];
  venue: EventRecord['venue'];
  onlineUrl: string | null;
  url: string;
  organisers: OrganisationSummary[];
  partners: OrganisationSummary[];
  topics: Array<{ slug: string; name: string }>;
  guides: Array<{ slug: string; title: string }>;
  links: { ics: string; jsonld: string; participants: string };
};

export type EventPage = {
  data: EventSummary[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
};

const organisationSummary = ({ slug, name, acronym, kind, country, website }: OrganisationRecord): OrganisationSummary => ({
  slug,
  name,
  acronym,
  kind,
  country,
  website,
});

/**
 * The plugin's use cases, shared by the REST controllers and the GraphQL resolvers: each
 * validates its locale, reads through the events service and returns data; callers only
 * format the answer.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const summary = (event: EventRecord): EventSummary => ({
    documentId: event.documentId,
    slug: event.slug,
    locale: event.locale,
    title: event.title,
    summary: event.summary,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    timeZone: event.timeZone,
    localStart: toOffsetDateTime(event.startsAt, event.timeZone),
    localEnd: toOffsetDateTime(event.endsAt, event.timeZone),
    format: event.format,
    eventStatus: event.eventStatus,
    venue: event.venue,
    onlineUrl: event.onlineUrl,
    url: eventUrl(strapi, event.slug, event.locale),
    organisers: event.organisers.map(organisationSummary),
    partners: event.partners.map(organisationSummary),
    topics: event.topics,
    guides: event.guides.map(({ slug, title }) => ({ slug, title })),
    links: eventLinks(strapi, event.slug, event.locale),
  });

  const renderCalendar = async (events: EventRecord[], locale: string): Promise<string> => {
    const sequences = await getService(strapi, 'revisions').sequences(
      events.map((event) => event.documentId),
      locale,
    );
    return getService(strapi, 'ical').render(events, { locale, sequences });
  };

  return {
    /** GET /events.ics: every published event matching the filters, newest first beyond the cap. */
    async feed(query: FeedQuery): Promise<RenderedFeed> {
      const locale = await locales(strapi).resolve(query.locale);
      // Kept by the public-cache plugin (when installed) until something public changes.
      return renderedCache(strapi).get(
        `calendar:feed:${JSON.stringify([locale, query.filters])}`,
        async () => {
          const events = await getService(strapi, 'events').findMany({
            locale,
            filters: query.filters,
            detail: 'calendar',
            start: 0,
            limit: pluginConfig(strapi).maxFeedEvents,
            newestFirst: true,
          });
          return rendered(await renderCalendar(events, locale));
        },
        { size: (feed) => Buffer.byteLength(feed.body) },
      );
    },

    /** GET /events/:slug.ics: one event, for "add to calendar". */
    async entry(slug: string, query: LocaleQuery): Promise<RenderedFeed> {
      const locale = await locales(strapi).resolve(query.locale);
      // Looked up before the cache so that an unknown or unpublished slug is a 404 every time.
      const event = await getService(strapi, 'events').findOneBySlug(slug, locale, 'calendar');
      return renderedCache(strapi).get(`calendar:entry:${JSON.stringify([locale, slug])}`, async () => rendered(await renderCalendar([event], locale)), {
        size: (feed) => Buffer.byteLength(feed.body),
      });
    },

    /**
     * GET /events: a page of published events for websites, and when that page changes without
     * an edit (`when=upcoming` or `past`: at the next end of a matching event; else null).
     */
    async list(query: ListQuery): Promise<{ page: EventPage; expiresAt: number | null }> {
      const locale = await locales(strapi).resolve(query.locale);
      const events = getService(strapi, 'events');
      const now = new Date();
      const [records, total, expiresAt] = await Promise.all([
        events.findMany({
          locale,
          filters: query.filters,
          detail: 'full',
          start: (query.page - 1) * query.pageSize,
          limit: query.pageSize,
          // Past events read best from the most recent backwards.
          newestFirst: query.filters.when === 'past',
          now,
        }),
        events.count({ locale, filters: query.filters, now }),
        events.nextChange({ locale, filters: query.filters, now }),
      ]);
      const page: EventPage = {
        data: records.map(summary),
        meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } },
      };
      return { page, expiresAt };
    },

    /** GET /events/:slug/jsonld */
    async jsonLd(slug: string, query: LocaleQuery) {
      const locale = await locales(strapi).resolve(query.locale);
      const event = await getService(strapi, 'events').findOneBySlug(slug, locale, 'full');
      return getService(strapi, 'jsonLd').toEvent(event);
    },

    /** GET /events/:slug/participants */
    async participants(slug: string, query: LocaleQuery): Promise<ParticipantsReport> {
      const locale = await locales(strapi).resolve(query.locale);
      return getService(strapi, 'participants').forEvent(slug, locale);
    },
  };
};
