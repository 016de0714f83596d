import type { Core } from '@strapi/strapi';
import ical, { ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { isKnownTimeZone } from '@union-comms/kit';
import { eventUrl, feedUrl, pluginConfig, uidDomain } from '../utils/urls';
import { zonedInstant } from '../utils/zoned-time';
import type { EventRecord, OrganisationRecord, VenueRecord } from '../utils/records';

const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu']);

/**
 * The VTIMEZONE block for a zone, from timezones-ical-library (generated from the IANA
 * database). Only a block whose TZID is exactly the zone asked for is used: a TZID in
 * DTSTART must match a VTIMEZONE of the same calendar.
 */
const vtimezone = (timeZone: string): string | null => {
  const block = tzlib_get_ical_block(timeZone);
  const text = Array.isArray(block) ? block[0] : block;
  return typeof text === 'string' && text.includes(`\nTZID:${timeZone}\r`) ? text : null;
};

const vtimezoneCache = new Map<string, string | null>();
const cachedVtimezone = (timeZone: string): string | null => {
  if (!vtimezoneCache.has(timeZone)) vtimezoneCache.set(timeZone, vtimezone(timeZone));
  return vtimezoneCache.get(timeZone) ?? null;
};

/** The zone DTSTART/DTEND are written in, or null for UTC (…Z) when no VTIMEZONE can go with it. */
export const calendarZone = (timeZone: string): string | null => {
  if (UTC_ZONES.has(timeZone) || !isKnownTimeZone(timeZone)) return null;
  return cachedVtimezone(timeZone) ? timeZone : null;
};

const countryName = (code: string, locale: string): string => {
  try {
    return new Intl.DisplayNames([locale, 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/** "International Training Centre of the ILO, Viale Maestri del Lavoro 10, 10127 Turin, Italy" */
export const venueText = (venue: VenueRecord | null, locale: string): string | null => {
  if (!venue) return null;
  const cityLine = [venue.postalCode, venue.city].filter(Boolean).join(' ');
  const parts = [venue.name, venue.street, cityLine, venue.country ? countryName(venue.country, locale) : null].filter((part): part is string => Boolean(part));
  return parts.length ? parts.join(', ') : null;
};

const organisationLabel = (organisation: OrganisationRecord): string =>
  organisation.acronym && organisation.acronym !== organisation.name ? `${organisation.name} (${organisation.acronym})` : organisation.name;

/** STATUS: a postponed event keeps its (new) dates and stays confirmed; only cancelled differs. */
const STATUS: Record<EventRecord['eventStatus'], ICalEventStatus> = {
  scheduled: ICalEventStatus.CONFIRMED,
  postponed: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
};

export type RenderOptions = { locale: string; sequences: Map<string, number>; single?: boolean };

/** Builds RFC 5545 calendars with ical-generator: never by concatenating strings. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  render(events: EventRecord[], { locale, sequences }: RenderOptions): string {
    const config = pluginConfig(strapi);
    const domain = uidDomain(strapi);
    const calendar: ICalCalendar = ical({
      name: config.calendarName,
      prodId: { company: 'union-comms', product: 'calendar', language: locale.toUpperCase() },
      url: feedUrl(strapi, locale),
      ttl: config.refreshInterval,
      // name null: no calendar-wide zone; the generator adds one VTIMEZONE per zone the events use.
      timezone: { name: null, generator: cachedVtimezone },
    });

    for (const event of events) {
      const zone = calendarZone(event.timeZone);
      const location = event.format === 'online' ? event.onlineUrl : (venueText(event.venue, locale) ?? event.onlineUrl);
      const description = [event.summary, event.body, event.format !== 'in_person' ? event.onlineUrl : null]
        .filter((part): part is string => Boolean(part))
        .join('\n\n');
      const organiser = event.organisers[0];

      calendar.createEvent({
        // Stable across edits and locales: the document's id never changes, the slug might.
        id: `event-${event.documentId}@${domain}`,
        sequence: sequences.get(event.documentId) ?? 0,
        // DTSTAMP: when this published version was last revised in the store (RFC 5545 3.8.7.2 without METHOD).
        stamp: event.updatedAt,
        lastModified: event.updatedAt,
        start: zone ? zonedInstant(event.startsAt, zone) : event.startsAt,
        end: zone ? zonedInstant(event.endsAt, zone) : event.endsAt,
        timezone: zone,
        status: STATUS[event.eventStatus],
        summary: event.title,
        description: description || null,
        location: location || null,
        url: eventUrl(strapi, event.slug, locale),
        organizer: organiser && config.organizerEmail ? { name: organisationLabel(organiser), email: config.organizerEmail } : null,
        categories: event.topics.map((topic) => ({ name: topic.name })),
      });
    }
    return calendar.toString();
  },
});
