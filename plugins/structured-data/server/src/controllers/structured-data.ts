import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { notModified } from '@union-comms/kit';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/urls';
import { isSlug, validateLocaleQuery, type LocaleQuery } from '../validation/query';
import type { JsonLd } from '../services/json-ld';

type Resource = 'story' | 'guide' | 'organisation';

const slugFrom = (ctx: Context, resource: Resource): string => {
  const { slug } = ctx.params;
  if (!isSlug(slug)) throw new errors.NotFoundError(`No published ${resource} "${String(slug)}"`);
  return slug;
};

/**
 * Thin controllers: validate the query and the slug, call the structured-data service, send the
 * document. Each answer carries a strong ETag (a hash of its bytes: the same on every instance)
 * and a client holding it gets a 304 and no body, whatever Cache-Control it sends.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const send = async (ctx: Context, resource: Resource, build: (slug: string, query: LocaleQuery) => Promise<JsonLd>) => {
    const query = validateLocaleQuery(ctx.query);
    const document = await build(slugFrom(ctx, resource), query);
    // Sites put this body in <script type="application/ld+json"> as it is: no `<` in it.
    const body = getService(strapi, 'jsonLd').serialise(document);
    ctx.status = 200;
    ctx.set('Cache-Control', `public, max-age=${pluginConfig(strapi).maxAge}`);
    ctx.set('ETag', `"${createHash('sha1').update(body).digest('base64url')}"`);
    if (notModified(ctx)) {
      ctx.status = 304;
      ctx.body = null;
      return;
    }
    ctx.type = 'application/ld+json; charset=utf-8';
    ctx.body = body;
  };
  const service = () => getService(strapi, 'structuredData');

  return {
    story: (ctx: Context) => send(ctx, 'story', (slug, query) => service().story(slug, query)),
    guide: (ctx: Context) => send(ctx, 'guide', (slug, query) => service().guide(slug, query)),
    organisation: (ctx: Context) => send(ctx, 'organisation', (slug, query) => service().organisation(slug, query)),
  };
};
