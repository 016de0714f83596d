import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { cacheHints, notModified } from '@union-comms/kit';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/urls';
import { isSlug, validateFeedQuery, validateListQuery, validateLocaleQuery } from '../validation/query';
import type { RenderedFeed } from '../services/calendar';

const slugFrom = (ctx: Context): string => {
  const { slug } = ctx.params;
  if (!isSlug(slug)) throw new errors.NotFoundError(`No published event "${String(slug)}"`);
  return slug;
};

/**
 * Sends a calendar with its validators; a client holding the same ETag gets a 304 and no body,
 * whatever Cache-Control it sends (calendar apps built on fetch() send no-cache).
 */
const sendCalendar = (ctx: Context, feed: RenderedFeed, maxAge: number, filename: string) => {
  ctx.status = 200;
  ctx.set('ETag', feed.etag);
  ctx.set('Cache-Control', `public, max-age=${maxAge}`);
  ctx.set('Content-Disposition', `inline; filename="${filename}"`);
  if (notModified(ctx)) {
    ctx.status = 304;
    ctx.body = null;
    return;
  }
  ctx.type = 'text/calendar; charset=utf-8';
  ctx.body = feed.body;
};

/** Thin controllers: validate the query, call the calendar service, format the answer. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const calendar = () => getService(strapi, 'calendar');
  const maxAge = () => pluginConfig(strapi).maxAge;

  return {
    async calendar(ctx: Context) {
      const query = validateFeedQuery(ctx.query);
      sendCalendar(ctx, await calendar().feed(query), maxAge(), 'events.ics');
    },

    async calendarEntry(ctx: Context) {
      const query = validateLocaleQuery(ctx.query);
      const slug = slugFrom(ctx);
      sendCalendar(ctx, await calendar().entry(slug, query), maxAge(), `${slug}.ics`);
    },

    async find(ctx: Context) {
      const query = validateListQuery(ctx.query);
      const { page, expiresAt } = await calendar().list(query);
      ctx.set('Cache-Control', `public, max-age=${Math.min(maxAge(), 60)}`);
      cacheHints(strapi).expireAt(ctx.state, expiresAt);
      ctx.body = page;
    },

    async jsonLd(ctx: Context) {
      const query = validateLocaleQuery(ctx.query);
      const document = await calendar().jsonLd(slugFrom(ctx), query);
      ctx.set('Cache-Control', `public, max-age=${maxAge()}`);
      ctx.type = 'application/ld+json; charset=utf-8';
      // Sites put this body in <script type="application/ld+json"> as it is: no `<` in it.
      ctx.body = getService(strapi, 'jsonLd').serialise(document);
    },

    async participants(ctx: Context) {
      const query = validateLocaleQuery(ctx.query);
      const report = await calendar().participants(slugFrom(ctx), query);
      ctx.set('Cache-Control', `public, max-age=${maxAge()}`);
      ctx.body = { data: report };
    },
  };
};
