/**
 * Plain, typed shapes of what the plugin reads from the database. The document service
 * returns loosely typed objects; these readers take only the fields the plugin publishes,
 * so nothing else (a private attribute, an editor's name) can reach an answer by accident.
 */

type Raw = Record<string, unknown>;

export const isRaw = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim().length > 0 ? value : null);

const list = (value: unknown): Raw[] => (Array.isArray(value) ? value.filter(isRaw) : []);

const positive = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null);

/** An instant as ISO 8601 (UTC), or null. */
const instant = (value: unknown): string | null => {
  if (!(value instanceof Date) && typeof value !== 'string' && typeof value !== 'number') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/**
 * The later of two ISO instants. A published version's updatedAt is its draft's last edit, and
 * its publishedAt the moment that edit went public (Strapi 5 publishes a copy of the draft).
 */
const latest = (a: string | null, b: string | null): string | null => (a && b ? (a > b ? a : b) : (a ?? b));

export type MediaRecord = { url: string; mime: string | null; name: string | null; sizeKb: number | null; width: number | null; height: number | null };

export type TopicRecord = { slug: string; name: string };

export type OrganisationRecord = {
  documentId: string;
  locale: string;
  slug: string;
  name: string;
  acronym: string | null;
  kind: string | null;
  country: string | null;
  description: string | null;
  website: string | null;
  logo: MediaRecord | null;
  parent: OrganisationRecord | null;
  children: OrganisationRecord[];
};

/** One language version of a document: what a link to it (a translation, a related guide) shows. */
export type VersionRecord = { documentId: string; locale: string; slug: string; title: string; createdAt: string | null; file: MediaRecord | null };

export type SourceRecord = { organisation: OrganisationRecord | null; name: string | null; url: string | null };

export type StoryRecord = {
  documentId: string;
  locale: string;
  slug: string;
  title: string;
  lead: string | null;
  canonicalUrl: string | null;
  licence: string | null;
  cover: MediaRecord | null;
  /** First publication when Strapi records it (`firstPublishedAt`), else the latest. */
  publishedAt: string | null;
  /** When the published version last changed: its edit or its publication, the later. */
  modifiedAt: string | null;
  publisher: OrganisationRecord | null;
  topics: TopicRecord[];
  source: SourceRecord | null;
};

export type GuideRecord = {
  documentId: string;
  locale: string;
  slug: string;
  title: string;
  summary: string | null;
  series: string | null;
  edition: string | null;
  publicationDate: string | null;
  isbn: string | null;
  file: MediaRecord | null;
  cover: MediaRecord | null;
  /** As a story's. */
  modifiedAt: string | null;
  publisher: OrganisationRecord | null;
  continues: VersionRecord | null;
  continuedBy: VersionRecord[];
  audiences: TopicRecord[];
  topics: TopicRecord[];
};

export const toMedia = (raw: unknown): MediaRecord | null => {
  if (!isRaw(raw)) return null;
  const url = text(raw.url);
  if (!url) return null;
  return { url, mime: text(raw.mime), name: text(raw.name), sizeKb: positive(raw.size), width: positive(raw.width), height: positive(raw.height) };
};

const toTopics = (value: unknown): TopicRecord[] =>
  list(value).flatMap((topic) => {
    const slug = text(topic.slug);
    const name = text(topic.name);
    return slug && name ? [{ slug, name }] : [];
  });

export const toOrganisation = (raw: unknown): OrganisationRecord | null => {
  if (!isRaw(raw)) return null;
  const slug = text(raw.slug);
  const name = text(raw.name);
  if (!slug || !name) return null;
  return {
    documentId: String(raw.documentId ?? ''),
    locale: String(raw.locale ?? ''),
    slug,
    name,
    acronym: text(raw.acronym),
    kind: text(raw.kind),
    country: text(raw.country),
    description: text(raw.description),
    website: text(raw.website),
    logo: toMedia(raw.logo),
    parent: toOrganisation(raw.parent),
    children: list(raw.children)
      .map(toOrganisation)
      .filter((child): child is OrganisationRecord => child !== null),
  };
};

export const toVersion = (raw: unknown): VersionRecord | null => {
  if (!isRaw(raw)) return null;
  const slug = text(raw.slug);
  const locale = text(raw.locale);
  if (!slug || !locale) return null;
  return {
    documentId: String(raw.documentId ?? ''),
    locale,
    slug,
    title: String(raw.title ?? ''),
    createdAt: instant(raw.createdAt),
    file: toMedia(raw.file),
  };
};

export const toVersions = (rows: unknown): VersionRecord[] => list(rows).flatMap((row) => toVersion(row) ?? []);

const toSource = (raw: unknown): SourceRecord | null => {
  if (!isRaw(raw)) return null;
  const source = { organisation: toOrganisation(raw.organisation), name: text(raw.name), url: text(raw.url) };
  // An empty component (every field blank) says nothing about where the story came from.
  return source.organisation || source.name || source.url ? source : null;
};

export const toStory = (raw: Raw): StoryRecord => ({
  documentId: String(raw.documentId ?? ''),
  locale: String(raw.locale ?? ''),
  slug: String(raw.slug ?? ''),
  title: String(raw.title ?? ''),
  lead: text(raw.lead),
  canonicalUrl: text(raw.canonicalUrl),
  licence: text(raw.licence),
  cover: toMedia(raw.cover),
  publishedAt: instant(raw.firstPublishedAt) ?? instant(raw.publishedAt),
  modifiedAt: latest(instant(raw.updatedAt), instant(raw.publishedAt)),
  publisher: toOrganisation(raw.publisher),
  topics: toTopics(raw.topics),
  source: toSource(raw.source),
});

export const toGuide = (raw: Raw): GuideRecord => ({
  documentId: String(raw.documentId ?? ''),
  locale: String(raw.locale ?? ''),
  slug: String(raw.slug ?? ''),
  title: String(raw.title ?? ''),
  summary: text(raw.summary),
  series: text(raw.series),
  edition: text(raw.edition),
  publicationDate: text(raw.publicationDate),
  isbn: text(raw.isbn),
  file: toMedia(raw.file),
  cover: toMedia(raw.cover),
  modifiedAt: latest(instant(raw.updatedAt), instant(raw.publishedAt)),
  publisher: toOrganisation(raw.publisher),
  continues: toVersion(raw.continues),
  continuedBy: toVersions(raw.continuedBy),
  audiences: toTopics(raw.audiences),
  topics: toTopics(raw.topics),
});
