import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { notModified } from '../../../../../src/cache/conditional-request';
import { allowResponseCache } from '../../../../../src/cache/response-hints';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/urls';
import { isSlug, validateFeedQuery, validateListQuery, validateLocaleQuery } from '../validation/query';
import type { RenderedFeed } from '../services/feed-cache';

type Context = {
  method: string;
  query: unknown;
  state: Record<string, unknown>;
  params: Record<string, string | undefined>;
  body: unknown;
  status: number;
  type: string;
  response: { get(field: string): unknown };
  get(field: string): string;
  set(field: string, value: string): void;
};

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
  allowResponseCache(ctx.state);
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
      allowResponseCache(ctx.state, expiresAt);
      ctx.body = page;
    },

    async jsonLd(ctx: Context) {
      const query = validateLocaleQuery(ctx.query);
      const document = await calendar().jsonLd(slugFrom(ctx), query);
      ctx.set('Cache-Control', `public, max-age=${maxAge()}`);
      allowResponseCache(ctx.state);
      ctx.type = 'application/ld+json; charset=utf-8';
      // Sites put this body in <script type="application/ld+json"> as it is: no `<` in it.
      ctx.body = getService(strapi, 'jsonLd').serialise(document);
    },

    async participants(ctx: Context) {
      const query = validateLocaleQuery(ctx.query);
      const report = await calendar().participants(slugFrom(ctx), query);
      ctx.set('Cache-Control', `public, max-age=${maxAge()}`);
      allowResponseCache(ctx.state);
      ctx.body = { data: report };
    },
  };
};
