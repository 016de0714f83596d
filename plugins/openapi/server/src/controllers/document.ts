import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { notModified, validate } from '@union-comms/kit';
import { yup } from '@strapi/utils';
import { getService } from '../utils/get-service';

/** No query parameter is accepted (a 400 otherwise, as Strapi's strictParams does for core routes). */
const querySchema = yup.object({}).noUnknown(true, 'unknown query parameter(s): ${unknown}').strict();

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    await validate(querySchema, ctx.query ?? {});
    const { body, etag } = await getService(strapi, 'document').current();
    ctx.status = 200;
    ctx.set('ETag', etag);
    ctx.set('Cache-Control', 'public, max-age=300');
    if (notModified(ctx)) {
      ctx.status = 304;
      ctx.body = null;
      return;
    }
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = body;
  },
});
