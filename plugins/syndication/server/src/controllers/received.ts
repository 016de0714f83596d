import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { contentTypeUid } from '../utils/plugin-config';
import { validateReceivedQuery } from '../validation/inbound';
import { validateId } from '../validation/partner';

/** Admin API of what partners sent us: the received log, and accepting a held update. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /partners/:id/received?limit=20&outcome=pending */
  async findForPartner(ctx: Context) {
    const partnerId = validateId(ctx.params.id);
    const { limit, outcome } = validateReceivedQuery(ctx.query);
    // The story type, for the admin page's links to the Content Manager.
    ctx.body = {
      data: await getService(strapi, 'inbound').listForPartner(partnerId, limit, outcome),
      meta: { storyContentType: contentTypeUid(strapi, 'story') },
    };
  },

  /** POST /received/:id/acceptance: applies the held update of that log entry. */
  async createAcceptance(ctx: Context) {
    const id = validateId(ctx.params.id);
    ctx.body = { data: await getService(strapi, 'inbound').accept(id) };
  },
});
