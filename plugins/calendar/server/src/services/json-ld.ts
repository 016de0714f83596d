import type { Core } from '@strapi/strapi';
import { stringifyForScript, toOffsetDateTime } from '@union-comms/kit';
import { eventUrl } from '../utils/urls';
import type { EventRecord, GuideRecord, OrganisationRecord } from '../utils/records';

export type JsonLd = { [key: string]: JsonLdValue };
export type JsonLdValue = string | number | boolean | JsonLd | JsonLdValue[];

/**
 * The context is the string "https://schema.org", the form search engines and validators
 * document and recognise. Expanding it needs schema.org's context document (@vocab
 * http://schema.org/); a JSON-LD processor offline must be given that document by its
 * loader, as the tests do.
 */
export const SCHEMA_ORG_CONTEXT = 'https://schema.org';

const STATUS: Record<EventRecord['eventStatus'], string> = {
  scheduled: 'https://schema.org/EventScheduled',
  // Our "postponed" event carries its new dates: schema.org calls that rescheduled
  // (EventPostponed means "no new date yet").
  postponed: 'https://schema.org/EventRescheduled',
  cancelled: 'https://schema.org/EventCancelled',
};

const ATTENDANCE: Record<EventRecord['format'], string> = {
  in_person: 'https://schema.org/OfflineEventAttendanceMode',
  online: 'https://schema.org/OnlineEventAttendanceMode',
  hybrid: 'https://schema.org/MixedEventAttendanceMode',
};

/** Drops null/undefined/empty members so the document says only what is known. */
const compact = (input: Record<string, JsonLdValue | null | undefined>): JsonLd => {
  const output: JsonLd = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    output[key] = value;
  }
  return output;
};

const organisation = (record: OrganisationRecord, depth = 0): JsonLd =>
  compact({
    '@type': 'Organization',
    name: record.name,
    alternateName: record.acronym,
    url: record.website,
    address: record.country ? { '@type': 'PostalAddress', addressCountry: record.country } : null,
    // One level of parent (ITC-ILO → ILO) is loaded with the event.
    parentOrganization: record.parent && depth < 1 ? organisation(record.parent, depth + 1) : null,
  });

const guide = (record: GuideRecord): JsonLd =>
  compact({
    '@type': 'Book',
    name: record.title,
    abstract: record.summary,
    datePublished: record.publicationDate,
    isbn: record.isbn,
    publisher: record.publisher ? organisation(record.publisher) : null,
  });

const locations = (event: EventRecord): JsonLd[] => {
  const result: JsonLd[] = [];
  if (event.format !== 'online' && event.venue) {
    const { venue } = event;
    result.push(
      compact({
        '@type': 'Place',
        name: venue.name ?? venue.city,
        address: compact({
          '@type': 'PostalAddress',
          streetAddress: venue.street,
          postalCode: venue.postalCode,
          addressLocality: venue.city,
          addressCountry: venue.country,
        }),
      }),
    );
  }
  if (event.format !== 'in_person' && event.onlineUrl) result.push({ '@type': 'VirtualLocation', url: event.onlineUrl });
  return result;
};

/** schema.org Event for search engines and aggregators. Participants are never named here. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  toEvent(event: EventRecord): JsonLd {
    const place = locations(event);
    const url = eventUrl(strapi, event.slug, event.locale);
    return compact({
      '@context': SCHEMA_ORG_CONTEXT,
      '@type': 'Event',
      '@id': url,
      name: event.title,
      description: event.summary,
      startDate: toOffsetDateTime(event.startsAt, event.timeZone),
      endDate: toOffsetDateTime(event.endsAt, event.timeZone),
      eventStatus: STATUS[event.eventStatus],
      eventAttendanceMode: ATTENDANCE[event.format],
      location: place.length === 1 ? place[0] : place,
      organizer: event.organisers.map((record) => organisation(record)),
      contributor: event.partners.map((record) => organisation(record)),
      inLanguage: event.locale,
      url,
      keywords: event.topics.map((topic) => topic.name).join(', ') || null,
      workFeatured: event.guides.map(guide),
    });
  },

  /**
   * The document as JSON that a site may put as it is in `<script type="application/ld+json">`:
   * `<`, `>` and `&` in any string are written `\u003c`, `\u003e`, `\u0026` (so a summary
   * holding `</script>` cannot end the element); a JSON-LD processor reads the same values.
   */
  serialise(document: JsonLd): string {
    return stringifyForScript(document);
  },
});
