import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { cacheHints } from '@union-comms/kit';
import { CACHE_MAX_AGE_MS } from '../services/search';
import { getService } from '../utils/get-service';
import { validateSearchQuery } from '../validation/query';

/** Thin controller: validate the query, search, answer. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const query = await validateSearchQuery(strapi, ctx.query);
    const page = await getService(strapi, 'search').search(query);
    cacheHints(strapi).expireAt(ctx.state, Date.now() + CACHE_MAX_AGE_MS);
    ctx.body = page;
  },
});
