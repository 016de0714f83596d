import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { invalid, renderedCache } from '@union-comms/kit';
import { LRUCache } from 'lru-cache';
import type { FeedQuery } from '../validation/feed-query';
import { renderAtom } from '../utils/formats/atom';
import { renderJsonFeed } from '../utils/formats/json-feed';
import { renderRss } from '../utils/formats/rss';
import { MEDIA_TYPES } from '../utils/formats/xml';
import { getService } from '../utils/get-service';
import { feedId } from '../utils/ids';
import { hubUrl, topicUrl } from '../utils/websub-topic';
import { pluginConfig, siteBaseUrl } from '../utils/plugin-config';
import type { FeedFormat, FeedLinks, FeedModel, ModelResult, SyndicationItem } from '../utils/types';

/** A feed ready to send: the bytes and the validators a client revalidates with. */
export interface RenderedFeed {
  body: Buffer;
  contentType: string;
  /** Strong ETag: a hash of the bytes, so the same content has the same ETag on every instance. */
  etag: string;
  lastModified: Date;
  /** The feed changes at this time without any edit (an embargo ends); null: it does not. */
  expiresAt: number | null;
}

/** What a feed was last sent with: Last-Modified moves forward whenever the bytes change. */
interface Sent {
  etag: string;
  lastModified: number;
}

const FORMATS: FeedFormat[] = ['rss', 'atom', 'json'];

/** The filters as given (undefined locale stays undefined: it follows the default locale). */
const keyOf = (query: FeedQuery): string => JSON.stringify([query.locale ?? '', query.topic ?? '', query.organisation ?? '', query.limit]);

const fail = (result: Extract<ModelResult, { ok: false }>): never => invalid(result.error.message, [result.error.path]);

const wholeSeconds = (time: number): number => Math.floor(time / 1000) * 1000;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Only the validators of the feeds sent last (not their bytes: the response cache keeps those).
  const sent = new LRUCache<string, Sent>({ max: pluginConfig(strapi).cacheMaxEntries });

  const modelFor = async (query: FeedQuery): Promise<FeedModel> => {
    const result = await getService(strapi, 'items').build(query);
    return result.ok ? result.model : fail(result);
  };

  const linksFor = (format: FeedFormat, query: FeedQuery): FeedLinks => {
    // The Atom/feed id keeps the spelling it always had (every filter, limit included), so
    // readers do not see a new feed; the URLs are the canonical topic URLs (utils/websub-topic).
    const search = new URLSearchParams();
    if (query.locale) search.set('locale', query.locale);
    if (query.topic) search.set('topic', query.topic);
    if (query.organisation) search.set('organisation', query.organisation);
    if (query.limit !== undefined) search.set('limit', String(query.limit));
    const alternates = Object.fromEntries(FORMATS.map((target) => [target, topicUrl(strapi, target, query)])) as Record<FeedFormat, string>;
    return { self: alternates[format], hub: hubUrl(strapi), alternates, site: `${siteBaseUrl(strapi)}/`, id: feedId(`stories?${search.toString()}`) };
  };

  const renderText = (format: FeedFormat, model: FeedModel, links: FeedLinks): string => {
    const { feedTitle, feedDescription } = pluginConfig(strapi);
    const meta = { title: feedTitle, description: feedDescription };
    if (format === 'rss') return renderRss(model, links, meta);
    if (format === 'atom') return renderAtom(model, links, meta);
    return renderJsonFeed(model, links, meta);
  };

  /** The feed's bytes and strong ETag, from the database (no cache). */
  const build = async (format: FeedFormat, query: FeedQuery) => {
    const model = await modelFor(query);
    const body = Buffer.from(renderText(format, model, linksFor(format, query)), 'utf8');
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
    return { model, body, etag };
  };

  /** Renders a feed; Last-Modified follows the content, and moves forward whenever the bytes change. */
  const render = async (key: string, format: FeedFormat, query: FeedQuery): Promise<RenderedFeed> => {
    const { model, body, etag } = await build(format, query);
    // If the content changed but its newest date did not (a story was unpublished), Last-Modified
    // still moves forward so If-Modified-Since sees it.
    const previous = sent.get(key);
    let lastModified = wholeSeconds(model.updated.getTime());
    if (previous) lastModified = previous.etag === etag ? previous.lastModified : Math.max(lastModified, previous.lastModified + 1000);
    sent.set(key, { etag, lastModified });
    return { body, contentType: `${MEDIA_TYPES[format]}; charset=utf-8`, etag, lastModified: new Date(lastModified), expiresAt: model.expiresAt };
  };

  return {
    /**
     * A feed, rendered from the published stories. The public-cache plugin, when installed, keeps
     * it until something public changes or the next embargo ends: the response cache for public
     * requests, its store of rendered values for the others (requests with credentials).
     */
    feed(format: FeedFormat, query: FeedQuery): Promise<RenderedFeed> {
      const key = `${format}:${keyOf(query)}`;
      return renderedCache(strapi).get(`syndication:feed:${key}`, () => render(key, format, query), {
        expiresAt: (feed) => feed.expiresAt,
        size: (feed) => feed.body.length,
      });
    },

    /**
     * A feed built from the database now, bypassing every cache: the bytes the public gets once
     * the caches see the change (WebSub distribution compares their ETag with the last one sent;
     * a cached answer on another instance could still be the old one).
     */
    async fresh(format: FeedFormat, query: FeedQuery): Promise<{ body: Buffer; contentType: string; etag: string; expiresAt: number | null }> {
      const { model, body, etag } = await build(format, query);
      return { body, contentType: `${MEDIA_TYPES[format]}; charset=utf-8`, etag, expiresAt: model.expiresAt };
    },

    /** The items of a feed, as GraphQL returns them (the same code path as the feeds), and when they change without an edit (an embargo ends; null: never). */
    async items(query: FeedQuery): Promise<{ items: SyndicationItem[]; expiresAt: number | null }> {
      const model = await modelFor(query);
      return { items: model.items, expiresAt: model.expiresAt };
    },

    /** Forgets the validators sent (the plugin's destroy). */
    clear(): void {
      sent.clear();
    },
  };
};
