import type { Core } from '@strapi/strapi';
import { invalid, publicBaseUrl, restPrefix } from '@union-comms/kit';
import { DEFAULT_LIMIT, validateFeedQuery, type FeedQuery } from '../validation/feed-query';
import type { FeedFormat } from './types';

/**
 * WebSub topics are our feed URLs, one canonical spelling each: the same feed always has the
 * same topic URL, whichever way a reader wrote it, so the feed's `rel="self"`, the hub's topic
 * check and the distribution agree. Canonical: `PUBLIC_URL` + `/api/syndication/feeds/stories.<ext>`
 * + the validated filters, defaults left out, sorted by name.
 */
export const FEED_EXTENSIONS: Record<FeedFormat, string> = { rss: 'rss', atom: 'atom', json: 'json' };

const FORMAT_OF_EXTENSION: Record<string, FeedFormat> = { rss: 'rss', atom: 'atom', json: 'json' };

/** Where feeds and the hub live: `PUBLIC_URL` + the REST prefix + `/syndication`. */
const pluginBase = (strapi: Core.Strapi): string => `${publicBaseUrl(strapi).replace(/\/+$/, '')}${restPrefix(strapi)}/syndication`;

/** The hub every feed names as `rel="hub"`. */
export const hubUrl = (strapi: Core.Strapi): string => `${pluginBase(strapi)}/websub`;

/** The filters as a query string, defaults left out, sorted by name (empty when all are defaults). */
export const canonicalSearch = (query: FeedQuery): string => {
  const pairs: Array<[string, string]> = [];
  if (query.limit !== DEFAULT_LIMIT) pairs.push(['limit', String(query.limit)]);
  if (query.locale) pairs.push(['locale', query.locale]);
  if (query.organisation) pairs.push(['organisation', query.organisation]);
  if (query.topic) pairs.push(['topic', query.topic]);
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new URLSearchParams(pairs).toString();
};

/** The canonical URL of a feed: its `rel="self"` and its WebSub topic. */
export const topicUrl = (strapi: Core.Strapi, format: FeedFormat, query: FeedQuery): string => {
  const search = canonicalSearch(query);
  return `${pluginBase(strapi)}/feeds/stories.${FEED_EXTENSIONS[format]}${search ? `?${search}` : ''}`;
};

export interface Topic {
  /** The canonical URL (what subscriptions are stored under). */
  url: string;
  format: FeedFormat;
  query: FeedQuery;
}

/**
 * A topic a subscriber names (`hub.topic`): it must be one of our feed URLs (same origin and
 * path as our feeds, valid filters); returned in its canonical spelling. Anything else is a 400
 * naming `field`. Whether the filters name existing locales, topics and organisations is
 * checked by rendering the feed (the hub does that next).
 */
export const parseTopic = async (strapi: Core.Strapi, value: string, field = 'hub.topic'): Promise<Topic> => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return invalid(`${field} must be an absolute URL of one of our feeds`, [field]);
  }
  const base = new URL(`${pluginBase(strapi)}/feeds/`);
  const match = /^stories\.([a-z]+)$/.exec(url.pathname.startsWith(base.pathname) ? url.pathname.slice(base.pathname.length) : '');
  const format = match ? FORMAT_OF_EXTENSION[match[1]] : undefined;
  if (url.origin !== base.origin || !format || url.username || url.password || url.hash) {
    return invalid(`${field} must be one of our feeds (${base.href}stories.rss, .atom or .json, with their filters)`, [field]);
  }
  const params: Record<string, string | string[]> = {};
  for (const [key, item] of url.searchParams) {
    const previous = params[key];
    params[key] = previous === undefined ? item : ([] as string[]).concat(previous, item);
  }
  let query: FeedQuery;
  try {
    query = await validateFeedQuery(params);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'invalid filters';
    return invalid(`${field} has invalid feed filters: ${message}`, [field]);
  }
  return { url: topicUrl(strapi, format, query), format, query };
};
