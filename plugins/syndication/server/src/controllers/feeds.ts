import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { cacheHints, notModified } from '@union-comms/kit';
import { validateFeedQuery } from '../validation/feed-query';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import { hubUrl, topicUrl } from '../utils/websub-topic';
import type { FeedFormat } from '../utils/types';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const serve = (format: FeedFormat) => async (ctx: Context) => {
    const query = await validateFeedQuery(ctx.query);
    const feed = await getService(strapi, 'feeds').feed(format, query);
    // The same bytes for every client (routes: publicCache) until an edit or the next embargo end.
    cacheHints(strapi).expireAt(ctx.state, feed.expiresAt);

    // WebSub discovery in the headers too (WebSub 4: the topic and the hub as Link headers).
    ctx.set('Link', `<${topicUrl(strapi, format, query)}>; rel="self", <${hubUrl(strapi)}>; rel="hub"`);
    ctx.set('ETag', feed.etag);
    ctx.set('Last-Modified', feed.lastModified.toUTCString());
    // Caches may keep it briefly and must then revalidate (cheap: a 304 from the ETag).
    ctx.set('Cache-Control', `public, max-age=${pluginConfig(strapi).maxAgeSeconds}, must-revalidate`);
    ctx.status = 200;
    // If-None-Match first, else If-Modified-Since, whatever Cache-Control the request carries
    // (feed readers built on fetch() send no-cache with every conditional request).
    if (notModified(ctx)) {
      ctx.status = 304;
      return;
    }
    ctx.type = feed.contentType;
    ctx.body = feed.body;
  };

  return { rss: serve('rss'), atom: serve('atom'), json: serve('json') };
};
