import { isKnownTimeZone } from '@union-comms/kit';

/**
 * Plain, typed shapes of what the plugin reads from the database. The document service
 * returns loosely typed objects; these readers take only the fields the plugin publishes,
 * so nothing else (a participant's email or phone) can leak by accident.
 */

type Raw = Record<string, unknown>;

const isRaw = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

export const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

const list = (value: unknown): Raw[] => (Array.isArray(value) ? value.filter(isRaw) : []);

const instant = (value: unknown): Date => {
  const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
  return date;
};

export type OrganisationRecord = {
  documentId: string;
  slug: string;
  name: string;
  acronym: string | null;
  kind: string | null;
  country: string | null;
  website: string | null;
  parent: OrganisationRecord | null;
};

export type TopicRecord = { slug: string; name: string };

export type GuideRecord = {
  documentId: string;
  slug: string;
  title: string;
  summary: string | null;
  publicationDate: string | null;
  isbn: string | null;
  publisher: OrganisationRecord | null;
};

export type VenueRecord = {
  name: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
};

export type EventFormat = 'in_person' | 'online' | 'hybrid';
export type EventStatus = 'scheduled' | 'postponed' | 'cancelled';

export type EventRecord = {
  documentId: string;
  locale: string;
  slug: string;
  title: string;
  summary: string | null;
  body: string | null;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  venue: VenueRecord | null;
  onlineUrl: string | null;
  format: EventFormat;
  eventStatus: EventStatus;
  updatedAt: Date;
  organisers: OrganisationRecord[];
  partners: OrganisationRecord[];
  topics: TopicRecord[];
  guides: GuideRecord[];
};

export const toOrganisation = (raw: unknown): OrganisationRecord | null => {
  if (!isRaw(raw)) return null;
  return {
    documentId: String(raw.documentId ?? ''),
    slug: String(raw.slug ?? ''),
    name: String(raw.name ?? ''),
    acronym: text(raw.acronym),
    kind: text(raw.kind),
    country: text(raw.country),
    website: text(raw.website),
    parent: toOrganisation(raw.parent),
  };
};

const organisations = (value: unknown): OrganisationRecord[] =>
  list(value)
    .map(toOrganisation)
    .filter((organisation): organisation is OrganisationRecord => organisation !== null);

const toGuide = (raw: Raw): GuideRecord => ({
  documentId: String(raw.documentId ?? ''),
  slug: String(raw.slug ?? ''),
  title: String(raw.title ?? ''),
  summary: text(raw.summary),
  publicationDate: text(raw.publicationDate),
  isbn: text(raw.isbn),
  publisher: toOrganisation(raw.publisher),
});

const FORMATS: EventFormat[] = ['in_person', 'online', 'hybrid'];
const STATUSES: EventStatus[] = ['scheduled', 'postponed', 'cancelled'];

export const toEvent = (raw: Raw): EventRecord => {
  const venue = isRaw(raw.venue) ? raw.venue : null;
  return {
    documentId: String(raw.documentId),
    locale: String(raw.locale ?? ''),
    slug: String(raw.slug),
    title: String(raw.title ?? ''),
    summary: text(raw.summary),
    body: text(raw.body),
    startsAt: instant(raw.startsAt),
    endsAt: instant(raw.endsAt),
    // The app validates zones on save; one the runtime does not know is read as UTC rather than failing.
    timeZone: ((zone) => (zone && isKnownTimeZone(zone) ? zone : 'UTC'))(text(raw.timeZone)),
    venue: venue
      ? { name: text(venue.name), street: text(venue.street), postalCode: text(venue.postalCode), city: text(venue.city), country: text(venue.country) }
      : null,
    onlineUrl: text(raw.onlineUrl),
    format: FORMATS.find((format) => format === raw.format) ?? 'in_person',
    eventStatus: STATUSES.find((status) => status === raw.eventStatus) ?? 'scheduled',
    updatedAt: instant(raw.updatedAt ?? raw.publishedAt),
    organisers: organisations(raw.organisers),
    partners: organisations(raw.partners),
    topics: list(raw.topics).map((topic) => ({ slug: String(topic.slug ?? ''), name: String(topic.name ?? '') })),
    guides: list(raw.guides).map(toGuide),
  };
};

export { isRaw };
export type { Raw };
