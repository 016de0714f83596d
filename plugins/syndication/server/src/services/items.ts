import type { Core } from '@strapi/strapi';
import { licenceUrl, locales, publicBaseUrl } from '@union-comms/kit';
import type { FeedQuery } from '../validation/feed-query';
import { absoluteUrl, renderSafeHtml } from '../utils/html';
import { storyItemId } from '../utils/ids';
import { documents } from '../utils/documents';
import { contentTypeUid, pluginConfig, siteBaseUrl } from '../utils/plugin-config';
import type { FeedModel, ModelResult, SyndicationItem } from '../utils/types';

type DateLike = string | number | Date;

/** What the document service returns for a story with the populate below (only what we ask for). */
interface StoryRow {
  documentId: string;
  locale: string;
  title: string;
  slug: string;
  lead?: string | null;
  body?: string | null;
  canonicalUrl?: string | null;
  licence?: string | null;
  publishedAt: DateLike;
  updatedAt: DateLike;
  cover?: { url: string; mime?: string | null; size?: number | null; alternativeText?: string | null } | null;
  publisher?: { name: string; slug: string; website?: string | null } | null;
  topics?: Array<{ name: string; slug: string }> | null;
  syndication?: { allowed?: boolean | null; embargoUntil?: DateLike | null } | null;
}

/** A published story row with what a push adds to the feed item. */
export interface PushStoryRow extends StoryRow {
  source?: {
    name?: string | null;
    url?: string | null;
    externalId?: string | null;
    receivedAt?: DateLike | null;
    organisation?: { name: string; slug: string } | null;
  } | null;
}

interface TranslationRow {
  documentId: string;
  locale: string;
  slug: string;
  title: string;
  canonicalUrl?: string | null;
}

const toDate = (value: DateLike): Date => (value instanceof Date ? value : new Date(value));

const isHttpUrl = (value: string | null | undefined): value is string => {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** The story's own canonical URL, or the website's page built from the path template. */
  const storyLink = (story: { locale: string; slug: string; canonicalUrl?: string | null }): string => {
    if (isHttpUrl(story.canonicalUrl)) return new URL(story.canonicalUrl).href;
    const path = pluginConfig(strapi)
      .storyPathTemplate.replace(/\{locale\}/g, encodeURIComponent(story.locale))
      .replace(/\{slug\}/g, encodeURIComponent(story.slug));
    return new URL(path, `${siteBaseUrl(strapi)}/`).href;
  };

  /** Only what syndication allows: allowed, and past any embargo (at `now`). */
  const syndicationFilters = (query: FeedQuery, now: Date) => ({
    $and: [
      { syndication: { allowed: { $eq: true } } },
      { $or: [{ syndication: { embargoUntil: { $null: true } } }, { syndication: { embargoUntil: { $lte: now.toISOString() } } }] },
      ...(query.topic ? [{ topics: { slug: { $eq: query.topic } } }] : []),
      ...(query.organisation ? [{ publisher: { slug: { $eq: query.organisation } } }] : []),
    ],
  });

  /** Checks the filters name things that exist; the message is what the client reads. */
  const findUnknownFilter = async (query: FeedQuery): Promise<ModelResult | null> => {
    // An unknown locale is refused with the one locale check's error.
    if (query.locale !== undefined) await locales(strapi).resolve(query.locale);
    if (query.topic !== undefined) {
      const topic = await strapi.db.query(contentTypeUid(strapi, 'topic')).findOne({ where: { slug: query.topic }, select: ['id'] });
      if (!topic) return { ok: false, error: { path: 'topic', message: `Unknown topic "${query.topic}"` } };
    }
    if (query.organisation !== undefined) {
      const organisation = await strapi.db.query(contentTypeUid(strapi, 'organisation')).findOne({ where: { slug: query.organisation }, select: ['id'] });
      if (!organisation) {
        return { ok: false, error: { path: 'organisation', message: `Unknown organisation "${query.organisation}"` } };
      }
    }
    return null;
  };

  const toItem = (story: StoryRow, translations: TranslationRow[]): SyndicationItem => {
    const base = publicBaseUrl(strapi);
    const licenceId = story.licence || 'LicenseRef-all-rights-reserved';
    const cover = story.cover ? absoluteUrl(story.cover.url, `${base}/`) : undefined;
    return {
      id: storyItemId(story.documentId, story.locale),
      documentId: story.documentId,
      title: story.title,
      link: storyLink(story),
      publishedAt: toDate(story.publishedAt),
      updatedAt: toDate(story.updatedAt),
      publisher: story.publisher
        ? { name: story.publisher.name, slug: story.publisher.slug, url: isHttpUrl(story.publisher.website) ? story.publisher.website : null }
        : null,
      categories: (story.topics ?? []).map((topic) => ({ slug: topic.slug, name: topic.name })).sort((a, b) => a.slug.localeCompare(b.slug)),
      summary: story.lead || null,
      contentHtml: renderSafeHtml(story.body, `${base}/`),
      image:
        story.cover && cover
          ? {
              url: cover,
              mime: story.cover.mime || 'application/octet-stream',
              // Strapi stores sizes in kilobytes.
              length: typeof story.cover.size === 'number' ? Math.round(story.cover.size * 1024) : null,
              alternativeText: story.cover.alternativeText || null,
            }
          : null,
      licence: { id: licenceId, url: licenceUrl(licenceId) ?? null },
      language: story.locale,
      translations: translations
        .filter((translation) => translation.documentId === story.documentId)
        .map((translation) => ({ locale: translation.locale, title: translation.title, link: storyLink(translation) }))
        .sort((a, b) => a.locale.localeCompare(b.locale)),
    };
  };

  return {
    storyLink,

    /**
     * Every published language version of one story as feed items, with the raw fields a push
     * payload adds (slug, Markdown body, canonical URL, syndication settings and source). Reads
     * through the query engine, so inside a transaction it sees that transaction's writes.
     */
    async forDocument(documentId: string): Promise<Array<{ item: SyndicationItem; row: PushStoryRow }>> {
      const rows = (await strapi.db.query(contentTypeUid(strapi, 'story')).findMany({
        where: { documentId, publishedAt: { $notNull: true } },
        select: ['documentId', 'locale', 'title', 'slug', 'lead', 'body', 'canonicalUrl', 'licence', 'publishedAt', 'updatedAt'],
        populate: {
          cover: { select: ['url', 'mime', 'size', 'alternativeText'] },
          publisher: { select: ['name', 'slug', 'website'] },
          topics: { select: ['name', 'slug'] },
          syndication: { select: ['allowed', 'embargoUntil'] },
          source: { select: ['name', 'url', 'externalId', 'receivedAt'], populate: { organisation: { select: ['name', 'slug'] } } },
        },
        orderBy: { locale: 'asc' },
      })) as PushStoryRow[];
      return rows.map((row) => ({
        item: toItem(
          row,
          rows.filter((other) => other.locale !== row.locale),
        ),
        row,
      }));
    },

    /**
     * The stories a feed shows, newest first: published, syndication allowed, embargo over.
     * Also finds when the next embargo ends, so a cached feed knows when it goes stale.
     */
    async build(query: FeedQuery, now: Date = new Date()): Promise<ModelResult> {
      const unknown = await findUnknownFilter(query);
      if (unknown) return unknown;
      const locale = query.locale ?? ((await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string);
      const stories = documents(strapi, contentTypeUid(strapi, 'story'));

      const rows = await stories.findMany<StoryRow>({
        locale,
        status: 'published',
        filters: syndicationFilters(query, now),
        sort: [{ publishedAt: 'desc' }, { documentId: 'asc' }],
        limit: query.limit,
        fields: ['documentId', 'locale', 'title', 'slug', 'lead', 'body', 'canonicalUrl', 'licence', 'publishedAt', 'updatedAt'],
        populate: {
          cover: { fields: ['url', 'mime', 'size', 'alternativeText'] },
          publisher: { fields: ['name', 'slug', 'website'] },
          topics: { fields: ['name', 'slug'] },
          syndication: true,
        },
      });

      const documentIds = rows.map((row) => row.documentId);
      const translations =
        documentIds.length === 0
          ? []
          : ((await strapi.db.query(contentTypeUid(strapi, 'story')).findMany({
              where: { documentId: { $in: documentIds }, locale: { $ne: locale }, publishedAt: { $notNull: true } },
              select: ['documentId', 'locale', 'slug', 'title', 'canonicalUrl'],
            })) as TranslationRow[]);

      const embargoed = await stories.findMany<StoryRow>({
        locale,
        status: 'published',
        filters: {
          $and: [
            { syndication: { allowed: { $eq: true } } },
            { syndication: { embargoUntil: { $gt: now.toISOString() } } },
            ...(query.topic ? [{ topics: { slug: { $eq: query.topic } } }] : []),
            ...(query.organisation ? [{ publisher: { slug: { $eq: query.organisation } } }] : []),
          ],
        },
        fields: ['documentId'],
        populate: { syndication: true },
      });
      const embargoEnds = embargoed
        .map((row) => row.syndication?.embargoUntil)
        .filter((value): value is DateLike => value !== null && value !== undefined)
        .map((value) => toDate(value).getTime());

      const items = rows.map((row) => toItem(row, translations));
      // The feed changed when its newest item was published, edited or came out of embargo.
      const times = rows.flatMap((row) => {
        const embargo = row.syndication?.embargoUntil;
        return [toDate(row.publishedAt).getTime(), toDate(row.updatedAt).getTime(), ...(embargo ? [toDate(embargo).getTime()] : [])];
      });
      const model: FeedModel = {
        query,
        locale,
        items,
        updated: new Date(times.length > 0 ? Math.max(...times) : 0),
        expiresAt: embargoEnds.length > 0 ? Math.min(...embargoEnds) : null,
      };
      return { ok: true, model };
    },
  };
};
