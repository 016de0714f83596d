import { toIso as iso } from '@union-comms/kit';
import type { PushStoryRow } from '../services/items';
import type { SyndicationItem } from './types';

/**
 * The push payload, version 1 (documented in the plugin README). Only public fields of
 * published versions: no participants, no createdBy/updatedBy, no draft.
 */
export const PAYLOAD_SCHEMA_VERSION = 1;

export type PushEvent = 'story.published' | 'story.updated' | 'story.unpublished';

export interface StoryLocaleV1 {
  /** The same id the feeds give this language version. */
  itemId: string;
  title: string;
  slug: string;
  lead: string | null;
  bodyMarkdown: string | null;
  /** The body rendered and sanitized, as in the feeds. */
  bodyHtml: string;
  /** Where the story is read: its canonical URL, else the website's page. */
  link: string;
  canonicalUrl: string | null;
  publishedAt: string;
  updatedAt: string;
}

export interface StoryDataV1 {
  schemaVersion: 1;
  documentId: string;
  locales: Record<string, StoryLocaleV1>;
  licence: { id: string; url: string | null };
  /** The canonical URL of the first locale that has one (per-locale values are in `locales`). */
  canonicalUrl: string | null;
  publisher: { name: string; slug: string; url: string | null } | null;
  topics: Array<{ slug: string; name: string }>;
  cover: { url: string; mime: string; alternativeText: string | null } | null;
  source: {
    organisation: { name: string; slug: string } | null;
    name: string | null;
    url: string | null;
    externalId: string | null;
    receivedAt: string | null;
  } | null;
  embargoUntil: string | null;
}

export interface UnpublishedDataV1 {
  schemaVersion: 1;
  documentId: string;
  /** Languages to take down. */
  locales: string[];
  /** Languages of the story that stay published (and syndicable) for this partner. */
  remainingLocales: string[];
  /** `unpublished` by an editor, or `withdrawn` from syndication (allowed turned off). */
  reason: 'unpublished' | 'withdrawn';
}

export interface PushMessage<Data> {
  type: PushEvent;
  timestamp: string;
  data: Data;
}

export const storyData = (versions: Array<{ item: SyndicationItem; row: PushStoryRow }>, documentId: string): StoryDataV1 => {
  const [first] = versions;
  const locales: Record<string, StoryLocaleV1> = {};
  for (const { item, row } of versions) {
    locales[row.locale] = {
      itemId: item.id,
      title: item.title,
      slug: row.slug,
      lead: item.summary,
      bodyMarkdown: row.body ?? null,
      bodyHtml: item.contentHtml,
      link: item.link,
      canonicalUrl: row.canonicalUrl || null,
      publishedAt: item.publishedAt.toISOString(),
      updatedAt: item.updatedAt.toISOString(),
    };
  }
  const source = first?.row.source;
  return {
    schemaVersion: PAYLOAD_SCHEMA_VERSION,
    documentId,
    locales,
    licence: first ? first.item.licence : { id: 'LicenseRef-all-rights-reserved', url: null },
    canonicalUrl: versions.map(({ row }) => row.canonicalUrl).find((url): url is string => Boolean(url)) ?? null,
    publisher: first?.item.publisher ?? null,
    topics: first?.item.categories ?? [],
    cover: first?.item.image ? { url: first.item.image.url, mime: first.item.image.mime, alternativeText: first.item.image.alternativeText } : null,
    source: source
      ? {
          organisation: source.organisation ? { name: source.organisation.name, slug: source.organisation.slug } : null,
          name: source.name ?? null,
          url: source.url ?? null,
          externalId: source.externalId ?? null,
          receivedAt: iso(source.receivedAt),
        }
      : null,
    embargoUntil: iso(first?.row.syndication?.embargoUntil),
  };
};

/** The exact JSON text that is signed and sent. */
export const serialise = <Data>(type: PushEvent, data: Data, at: Date): string => {
  const message: PushMessage<Data> = { type, timestamp: at.toISOString(), data };
  return JSON.stringify(message);
};
