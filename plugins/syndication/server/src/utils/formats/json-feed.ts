import type { FeedLinks, FeedModel, SyndicationItem } from '../types';
import { MEDIA_TYPES } from './xml';

/** https://www.jsonfeed.org/version/1.1/ — `feed` 5 writes only version 1.0, so this is typed here. */
interface JsonFeedAuthor {
  name: string;
  url?: string;
}

/** This plugin's extension (JSON Feed extensions start with an underscore); described in the plugin README. */
interface SyndicationExtension {
  /** The story's document id: what our pushes name it by (payload v1 `data.documentId`). */
  documentId: string;
  licence: { id: string; url: string | null };
  translations: Array<{ language: string; url: string; title: string }>;
  categories: Array<{ slug: string; name: string }>;
}

interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  summary?: string;
  image?: string;
  date_published: string;
  date_modified: string;
  authors?: JsonFeedAuthor[];
  tags?: string[];
  language: string;
  attachments?: Array<{ url: string; mime_type: string; size_in_bytes?: number; title?: string }>;
  _syndication: SyndicationExtension;
}

interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url: string;
  feed_url: string;
  /** WebSub discovery (JSON Feed 1.1 `hubs`): the topic is `feed_url`. */
  hubs: Array<{ type: 'WebSub'; url: string }>;
  description: string;
  language: string;
  authors: JsonFeedAuthor[];
  items: JsonFeedItem[];
  _syndication: { alternates: Array<{ type: string; url: string }> };
}

const item = (story: SyndicationItem): JsonFeedItem => ({
  id: story.id,
  url: story.link,
  title: story.title,
  content_html: story.contentHtml,
  ...(story.summary && { summary: story.summary }),
  ...(story.image && { image: story.image.url }),
  date_published: story.publishedAt.toISOString(),
  date_modified: story.updatedAt.toISOString(),
  ...(story.publisher && { authors: [{ name: story.publisher.name, ...(story.publisher.url && { url: story.publisher.url }) }] }),
  ...(story.categories.length > 0 && { tags: story.categories.map((category) => category.name) }),
  language: story.language,
  ...(story.image && {
    attachments: [
      {
        url: story.image.url,
        mime_type: story.image.mime,
        ...(story.image.length !== null && { size_in_bytes: story.image.length }),
        ...(story.image.alternativeText && { title: story.image.alternativeText }),
      },
    ],
  }),
  _syndication: {
    documentId: story.documentId,
    licence: story.licence,
    translations: story.translations.map((translation) => ({ language: translation.locale, url: translation.link, title: translation.title })),
    categories: story.categories,
  },
});

/** JSON Feed 1.1 as a typed object, serialised by JSON.stringify. */
export const renderJsonFeed = (model: FeedModel, links: FeedLinks, meta: { title: string; description: string }): string => {
  const feed: JsonFeed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: meta.title,
    home_page_url: links.site,
    feed_url: links.self,
    hubs: [{ type: 'WebSub', url: links.hub }],
    description: meta.description,
    language: model.locale,
    authors: [{ name: meta.title }],
    items: model.items.map(item),
    _syndication: {
      alternates: [
        { type: MEDIA_TYPES.rss, url: links.alternates.rss },
        { type: MEDIA_TYPES.atom, url: links.alternates.atom },
      ],
    },
  };
  return JSON.stringify(feed);
};
