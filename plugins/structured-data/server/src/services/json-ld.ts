import type { Core } from '@strapi/strapi';
import { licenceUrl, stringifyForScript } from '@union-comms/kit';
import { httpUrl, mediaUrl, resourceUrl, type ResourceKind } from '../utils/urls';
import type { GuideRecord, MediaRecord, OrganisationRecord, StoryRecord, TopicRecord, VersionRecord } from '../utils/records';

export type JsonLd = { [key: string]: JsonLdValue };
export type JsonLdValue = string | number | boolean | JsonLd | JsonLdValue[];

/**
 * The context is the string "https://schema.org", the form search engines and validators
 * document and recognise (as the calendar's). Expanding it needs schema.org's context document
 * (@vocab http://schema.org/); a JSON-LD processor offline must be given that document by its
 * loader, as the tests do.
 */
export const SCHEMA_ORG_CONTEXT = 'https://schema.org';

/**
 * schema.org type of each organisation kind: unions and federations of unions are
 * `WorkersUnion` ("a trade union"), a training centre an `EducationalOrganization`, an NGO an
 * `NGO`; an international organisation (the ILO, a body of it) has no narrower type than
 * `Organization`. Every one of them is an `Organization`, so a reader that knows only that type
 * still reads the rest.
 */
const ORGANISATION_TYPES: Record<string, string> = {
  national_federation: 'WorkersUnion',
  sectoral_union: 'WorkersUnion',
  global_union_federation: 'WorkersUnion',
  training_centre: 'EducationalOrganization',
  ngo: 'NGO',
  international_organisation: 'Organization',
};

/** A language version of a story or guide, when it is the document's translation. */
export type Translations = { original: VersionRecord | null; translations: VersionRecord[] };

/** Drops null/undefined/empty members so the document says only what is known. */
const compact = (input: Record<string, JsonLdValue | null | undefined>): JsonLd => {
  const output: JsonLd = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) continue;
    output[key] = value;
  }
  return output;
};

const topic = (record: TopicRecord): JsonLd => ({ '@type': 'DefinedTerm', name: record.name, termCode: record.slug });

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const idOf = (kind: ResourceKind, slug: string, locale: string) => resourceUrl(strapi, kind, slug, locale);

  const image = (media: MediaRecord | null): JsonLd | null => {
    const url = media ? mediaUrl(strapi, media.url) : null;
    if (!media || !url) return null;
    return compact({ '@type': 'ImageObject', url, contentUrl: url, encodingFormat: media.mime, width: media.width, height: media.height });
  };

  /** A file of a guide in one language (a PDF, say). */
  const file = (media: MediaRecord | null, locale: string): JsonLd | null => {
    const url = media ? mediaUrl(strapi, media.url) : null;
    if (!media || !url) return null;
    return compact({
      '@type': 'MediaObject',
      contentUrl: url,
      name: media.name,
      encodingFormat: media.mime,
      // Strapi stores sizes in kB.
      contentSize: media.sizeKb ? `${Math.round(media.sizeKb)} kB` : null,
      inLanguage: locale,
    });
  };

  /**
   * An organisation as another document names it, or as the head of its own page (`full`):
   * `depth` levels of parent are written (those loaded with the document).
   */
  const organisation = (record: OrganisationRecord, depth: number): JsonLd =>
    compact({
      '@type': ORGANISATION_TYPES[record.kind ?? ''] ?? 'Organization',
      '@id': idOf('organisations', record.slug, record.locale),
      name: record.name,
      alternateName: record.acronym,
      url: httpUrl(record.website),
      logo: image(record.logo),
      address: record.country ? { '@type': 'PostalAddress', addressCountry: record.country } : null,
      parentOrganization: record.parent && depth > 0 ? organisation(record.parent, depth - 1) : null,
    });

  /** A link to one language version of a story or guide. */
  const version = (type: string, kind: ResourceKind, record: VersionRecord, extra: Record<string, JsonLdValue | null> = {}): JsonLd =>
    compact({
      '@type': type,
      '@id': idOf(kind, record.slug, record.locale),
      [type === 'NewsArticle' ? 'headline' : 'name']: record.title,
      inLanguage: record.locale,
      ...extra,
    });

  return {
    /**
     * schema.org NewsArticle. The body is not included: search engines read it on the page
     * (`url`), and a story quoting a person by name would put that name in partners' indexes.
     */
    toNewsArticle(story: StoryRecord, { original, translations }: Translations): JsonLd {
      const id = idOf('stories', story.slug, story.locale);
      const canonical = httpUrl(story.canonicalUrl);
      const source = story.source;
      const sourcePublisher = source?.organisation
        ? organisation(source.organisation, 1)
        : source?.name
          ? { '@type': 'Organization', name: source.name }
          : null;
      return compact({
        '@context': SCHEMA_ORG_CONTEXT,
        '@type': 'NewsArticle',
        '@id': id,
        headline: story.title,
        description: story.lead,
        inLanguage: story.locale,
        url: canonical ?? id,
        mainEntityOfPage: canonical,
        datePublished: story.publishedAt,
        dateModified: story.modifiedAt,
        image: image(story.cover),
        publisher: story.publisher ? organisation(story.publisher, 1) : null,
        // "All rights reserved" has no licence URL: no `license` rather than an invented one.
        license: story.licence ? licenceUrl(story.licence) : null,
        about: story.topics.map(topic),
        translationOfWork: original ? version('NewsArticle', 'stories', original) : null,
        workTranslation: translations.map((record) => version('NewsArticle', 'stories', record)),
        // A story received from a partner: the partner's original, with its publisher.
        isBasedOn: source ? compact({ '@type': 'CreativeWork', url: httpUrl(source.url), publisher: sourcePublisher }) : null,
      });
    },

    /**
     * schema.org Book: a guide is a bound publication with an ISBN, editions and a series, which
     * are Book's own properties (`isbn`, `bookEdition`, `bookFormat`). The guide it continues is
     * `isBasedOn` it, and the guides continuing it are written as the reverse of that property
     * (JSON-LD's `@reverse`), as schema.org has no sequel/prequel pair. Each other language
     * version is a `workExample`, with its own file as `encoding`.
     */
    toBook(guide: GuideRecord, otherLanguages: VersionRecord[]): JsonLd {
      const encoding = file(guide.file, guide.locale);
      const continuedBy = guide.continuedBy.map((record) => version('Book', 'guides', record));
      return compact({
        '@context': SCHEMA_ORG_CONTEXT,
        '@type': 'Book',
        '@id': idOf('guides', guide.slug, guide.locale),
        name: guide.title,
        abstract: guide.summary,
        inLanguage: guide.locale,
        url: idOf('guides', guide.slug, guide.locale),
        isbn: guide.isbn,
        bookEdition: guide.edition,
        bookFormat: encoding ? 'https://schema.org/EBook' : null,
        datePublished: guide.publicationDate,
        dateModified: guide.modifiedAt,
        image: image(guide.cover),
        publisher: guide.publisher ? organisation(guide.publisher, 1) : null,
        isPartOf: guide.series ? { '@type': 'BookSeries', name: guide.series } : null,
        audience: guide.audiences.map((record) => ({ '@type': 'Audience', audienceType: record.name })),
        about: guide.topics.map(topic),
        encoding,
        workExample: otherLanguages.map((record) => version('Book', 'guides', record, { encoding: file(record.file, record.locale) })),
        isBasedOn: guide.continues ? version('Book', 'guides', guide.continues) : null,
        '@reverse': continuedBy.length ? { isBasedOn: continuedBy } : null,
      });
    },

    /** schema.org Organization (or its narrower type): two levels of parent, and the children. */
    toOrganization(record: OrganisationRecord): JsonLd {
      return compact({
        '@context': SCHEMA_ORG_CONTEXT,
        ...organisation(record, 2),
        description: record.description,
        subOrganization: record.children.map((child) => organisation(child, 0)),
      });
    },

    /**
     * The document as JSON that a site may put as it is in `<script type="application/ld+json">`:
     * `<`, `>` and `&` in any string are written `\u003c`, `\u003e`, `\u0026` (so a lead holding
     * `</script>` cannot end the element); a JSON-LD processor reads the same values.
     */
    serialise(document: JsonLd): string {
      return stringifyForScript(document);
    },
  };
};
