import type { AttributeNeed as KitAttributeNeed } from '@union-comms/kit';

/** The app's content types the plugin reads, by config key (`calendar.config.contentTypes`). */
export type ContentTypeKey = 'event' | 'participant' | 'organisation' | 'guide' | 'topic';

export type ContentTypesConfig = Record<ContentTypeKey, string>;

export const CONTENT_TYPE_KEYS: readonly ContentTypeKey[] = ['event', 'participant', 'organisation', 'guide', 'topic'];

/** What the plugin reads of an attribute (@union-comms/kit): a value, a relation to another configured type, a component. */
export type AttributeNeed = KitAttributeNeed<ContentTypeKey>;

/**
 * Every attribute the plugin reads of each configured type (the fields services/events.ts and
 * services/participants.ts select, filter and populate), checked at boot (utils/content-types).
 * documentId, locale, updatedAt and publishedAt are Strapi's own and not listed.
 */
export const REQUIRED_ATTRIBUTES: Record<ContentTypeKey, Record<string, AttributeNeed>> = {
  event: {
    slug: true,
    title: true,
    summary: true,
    body: true,
    startsAt: true,
    endsAt: true,
    timeZone: true,
    onlineUrl: true,
    format: true,
    eventStatus: true,
    venue: { component: { name: true, street: true, postalCode: true, city: true, country: true } },
    organisers: { relation: 'organisation' },
    partners: { relation: 'organisation' },
    topics: { relation: 'topic' },
    guides: { relation: 'guide' },
    participations: { component: { participant: { relation: 'participant' }, role: true } },
  },
  participant: { fullName: true, position: true, country: true, organisation: { relation: 'organisation' } },
  organisation: { slug: true, name: true, acronym: true, kind: true, country: true, website: true, parent: { relation: 'organisation' } },
  guide: { slug: true, title: true, summary: true, publicationDate: true, isbn: true, publisher: { relation: 'organisation' } },
  topic: { slug: true, name: true },
};
