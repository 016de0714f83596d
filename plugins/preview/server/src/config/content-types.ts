import type { AttributeNeed } from '@union-comms/kit';

/** The app's content types the plugin previews, by config key (`preview.config.contentTypes`). */
export type ContentTypeKey = 'story' | 'event' | 'guide';

export type ContentTypesConfig = Record<ContentTypeKey, string>;

export const CONTENT_TYPE_KEYS: readonly ContentTypeKey[] = ['story', 'event', 'guide'];

/** Each type as it appears in the built-in page's path and in PREVIEW_URL's `{type}`. */
export const TYPE_PATHS: Record<ContentTypeKey, string> = { story: 'stories', event: 'events', guide: 'guides' };

/**
 * Every attribute the built-in page reads of each type (services/pages), checked at boot.
 * documentId, locale and publishedAt are Strapi's own and not listed. Participants are read
 * through the event's participations with their name, position and consent only.
 */
export const REQUIRED_ATTRIBUTES: Record<ContentTypeKey, Record<string, AttributeNeed<ContentTypeKey>>> = {
  story: { slug: true, title: true, lead: true, body: true },
  event: {
    slug: true,
    title: true,
    summary: true,
    body: true,
    startsAt: true,
    endsAt: true,
    timeZone: true,
    format: true,
    eventStatus: true,
    onlineUrl: true,
    venue: { component: { name: true, city: true, country: true } },
  },
  guide: { slug: true, title: true, summary: true, series: true, edition: true, publicationDate: true, isbn: true },
};
