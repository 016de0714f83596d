import type { AttributeNeed as KitAttributeNeed } from '@union-comms/kit';

/** The app's content types the plugin reads, by config key (`structured-data.config.contentTypes`). */
export type ContentTypeKey = 'story' | 'guide' | 'organisation' | 'topic';

export type ContentTypesConfig = Record<ContentTypeKey, string>;

export const CONTENT_TYPE_KEYS: readonly ContentTypeKey[] = ['story', 'guide', 'organisation', 'topic'];

/** What the plugin reads of an attribute (@union-comms/kit): a value, a relation to another configured type, a component. */
export type AttributeNeed = KitAttributeNeed<ContentTypeKey>;

/**
 * Every attribute the plugin reads of each configured type (the fields services/documents.ts
 * selects and populates), checked at boot (utils/content-types). documentId, locale, createdAt,
 * updatedAt and publishedAt are Strapi's own and not listed.
 */
export const REQUIRED_ATTRIBUTES: Record<ContentTypeKey, Record<string, AttributeNeed>> = {
  story: {
    slug: true,
    title: true,
    lead: true,
    canonicalUrl: true,
    licence: true,
    cover: true,
    publisher: { relation: 'organisation' },
    topics: { relation: 'topic' },
    source: { component: { organisation: { relation: 'organisation' }, name: true, url: true } },
  },
  guide: {
    slug: true,
    title: true,
    summary: true,
    series: true,
    edition: true,
    publicationDate: true,
    isbn: true,
    file: true,
    cover: true,
    publisher: { relation: 'organisation' },
    continues: { relation: 'guide' },
    continuedBy: { relation: 'guide' },
    audiences: { relation: 'topic' },
    topics: { relation: 'topic' },
  },
  organisation: {
    slug: true,
    name: true,
    acronym: true,
    kind: true,
    country: true,
    description: true,
    website: true,
    logo: true,
    parent: { relation: 'organisation' },
    children: { relation: 'organisation' },
  },
  topic: { slug: true, name: true },
};
