import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { contentFingerprint } from '../../../../../src/cache/content-fingerprint';
import type { FeedQuery } from '../validation/feed-query';
import { renderAtom } from '../utils/formats/atom';
import { renderJsonFeed } from '../utils/formats/json-feed';
import { renderRss } from '../utils/formats/rss';
import { MEDIA_TYPES } from '../utils/formats/xml';
import { getService } from '../utils/get-service';
import { feedId } from '../utils/ids';
import { Lru } from '../utils/lru';
import { cmsBaseUrl, pluginConfig, siteBaseUrl } from '../utils/plugin-config';
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

interface Cached<Value> {
  fingerprint: string;
  /** The content goes stale at this time even if nothing is edited (an embargo ends). */
  expiresAt: number | null;
  value: Value;
}

const EXTENSIONS: Record<FeedFormat, string> = { rss: 'rss', atom: 'atom', json: 'json' };
const FORMATS: FeedFormat[] = ['rss', 'atom', 'json'];

/** The filters as given (undefined locale stays undefined: it follows the default locale). */
const keyOf = (query: FeedQuery): string => JSON.stringify([query.locale ?? '', query.topic ?? '', query.organisation ?? '', query.limit]);

const fail = (result: Extract<ModelResult, { ok: false }>): never => {
  throw new errors.ValidationError(result.error.message, {
    errors: [{ path: [result.error.path], message: result.error.message, name: 'ValidationError' }],
  });
};

const wholeSeconds = (time: number): number => Math.floor(time / 1000) * 1000;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { cacheMaxEntries } = pluginConfig(strapi);
  const models = new Lru<Cached<ModelResult>>(cacheMaxEntries);
  const feeds = new Lru<Cached<RenderedFeed>>(cacheMaxEntries);
  // Concurrent requests for a feed being built wait for that build instead of starting their own.
  const building = new Map<string, Promise<unknown>>();

  const once = <Value>(key: string, build: () => Promise<Value>): Promise<Value> => {
    const running = building.get(key) as Promise<Value> | undefined;
    if (running) return running;
    const started = build().finally(() => building.delete(key));
    building.set(key, started);
    return started;
  };

  const isFresh = <Value>(entry: Cached<Value>, fingerprint: string, now: number): boolean =>
    entry.fingerprint === fingerprint && (entry.expiresAt === null || now < entry.expiresAt);

  const modelFor = async (query: FeedQuery, fingerprint: string): Promise<ModelResult> => {
    const key = keyOf(query);
    const cached = models.get(key);
    if (cached && isFresh(cached, fingerprint, Date.now())) return cached.value;
    return once(`model:${key}:${fingerprint}`, async () => {
      const result = await getService(strapi, 'items').build(query);
      models.set(key, { fingerprint, expiresAt: result.ok ? result.model.expiresAt : null, value: result });
      return result;
    });
  };

  const linksFor = (format: FeedFormat, query: FeedQuery): FeedLinks => {
    const search = new URLSearchParams();
    if (query.locale) search.set('locale', query.locale);
    if (query.topic) search.set('topic', query.topic);
    if (query.organisation) search.set('organisation', query.organisation);
    if (query.limit !== undefined) search.set('limit', String(query.limit));
    const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
    const url = (target: FeedFormat) => `${cmsBaseUrl(strapi)}${prefix}/syndication/feeds/stories.${EXTENSIONS[target]}?${search.toString()}`;
    const alternates = Object.fromEntries(FORMATS.map((target) => [target, url(target)])) as Record<FeedFormat, string>;
    return { self: alternates[format], alternates, site: `${siteBaseUrl(strapi)}/`, id: feedId(`stories?${search.toString()}`) };
  };

  const render = (format: FeedFormat, model: FeedModel, links: FeedLinks): string => {
    const { feedTitle, feedDescription } = pluginConfig(strapi);
    const meta = { title: feedTitle, description: feedDescription };
    if (format === 'rss') return renderRss(model, links, meta);
    if (format === 'atom') return renderAtom(model, links, meta);
    return renderJsonFeed(model, links, meta);
  };

  return {
    /**
     * A feed, from memory when nothing public changed (the app's content fingerprint, see
     * src/cache/content-fingerprint: no SQL while it is fresh); a change anywhere (on any
     * instance) moves the fingerprint and the next request rebuilds.
     */
    async feed(format: FeedFormat, query: FeedQuery): Promise<RenderedFeed> {
      const fingerprint = await contentFingerprint(strapi).current();
      const key = `${format}:${keyOf(query)}`;
      const previous = feeds.get(key);
      if (previous && isFresh(previous, fingerprint, Date.now())) return previous.value;

      return once(`feed:${key}:${fingerprint}`, async () => {
        const result = await modelFor(query, fingerprint);
        if (!result.ok) return fail(result);
        const body = Buffer.from(render(format, result.model, linksFor(format, query)), 'utf8');
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
        // Last-Modified follows the content; if the content changed but its newest date did
        // not (a story was unpublished), it still moves forward so If-Modified-Since sees it.
        let lastModified = wholeSeconds(result.model.updated.getTime());
        if (previous) {
          const before = previous.value.lastModified.getTime();
          lastModified = previous.value.etag === etag ? before : Math.max(lastModified, before + 1000);
        }
        const feed: RenderedFeed = {
          body,
          contentType: `${MEDIA_TYPES[format]}; charset=utf-8`,
          etag,
          lastModified: new Date(lastModified),
          expiresAt: result.model.expiresAt,
        };
        feeds.set(key, { fingerprint, expiresAt: result.model.expiresAt, value: feed });
        return feed;
      });
    },

    /**
     * The items of a feed, as GraphQL returns them (the same code path and cache as the feeds),
     * and when they change without an edit (an embargo ends; null: never).
     */
    async items(query: FeedQuery): Promise<{ items: SyndicationItem[]; expiresAt: number | null }> {
      const fingerprint = await contentFingerprint(strapi).current();
      const result = await modelFor(query, fingerprint);
      if (!result.ok) return fail(result);
      return { items: result.model.items, expiresAt: result.model.expiresAt };
    },

    /** Forgets every built feed (the plugin's destroy; tests of a cold start). */
    clear(): void {
      models.clear();
      feeds.clear();
    },
  };
};
