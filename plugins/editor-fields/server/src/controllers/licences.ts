import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /editor-fields/licences: what the licence picker offers. */
  find(ctx: Context) {
    ctx.body = { data: getService(strapi, 'licences').list() };
  },
});
