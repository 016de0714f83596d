import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import { validateInboundSecret } from '../validation/inbound';
import { validateId, validatePartnerCreate, validatePartnerUpdate } from '../validation/partner';

/**
 * Admin API of partners (routes/admin). Responses are built by `toPartnerView`, which has no
 * secret; only creating a partner and creating a new secret (rotation) answer with the secret,
 * once, under `secret`.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const partners = () => getService(strapi, 'partners');
  const allowHttp = () => pluginConfig(strapi).push.allowHttp;

  return {
    async find(ctx: Context) {
      ctx.body = { data: await partners().list() };
    },

    async findOne(ctx: Context) {
      ctx.body = { data: await partners().findOne(validateId(ctx.params.id)) };
    },

    async create(ctx: Context) {
      const input = await validatePartnerCreate(ctx.request.body, allowHttp());
      const { partner, secret } = await partners().create(input);
      ctx.status = 201;
      ctx.body = { data: partner, secret };
    },

    async update(ctx: Context) {
      const id = validateId(ctx.params.id);
      const input = await validatePartnerUpdate(ctx.request.body, allowHttp());
      ctx.body = { data: await partners().update(id, input) };
    },

    /** PUT /partners/:id/inbound-secret: the secret the partner signs its pushes to us with; stored encrypted, never shown. */
    async setInboundSecret(ctx: Context) {
      const id = validateId(ctx.params.id);
      const secret = await validateInboundSecret(ctx.request.body);
      await partners().setInboundSecret(id, secret);
      ctx.status = 204;
      ctx.body = null;
    },

    /** POST /partners/:id/secret: a new secret replaces the old one at once. */
    async createSecret(ctx: Context) {
      const id = validateId(ctx.params.id);
      const { partner, secret } = await partners().rotateSecret(id);
      ctx.status = 201;
      ctx.body = { data: partner, secret };
    },
  };
};
