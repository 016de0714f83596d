import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { validateDeliveriesQuery, validateId } from '../validation/partner';

/** Admin API of deliveries: a partner's recent deliveries with their attempt log, and redelivery. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /partners/:id/deliveries?limit=20&status=failed */
  async findForPartner(ctx: Context) {
    const partnerId = validateId(ctx.params.id);
    const { limit, status } = validateDeliveriesQuery(ctx.query);
    ctx.body = { data: await getService(strapi, 'delivery-log').listForPartner(partnerId, limit, status) };
  },

  /** POST /deliveries/:id/attempts: redeliver (same webhook-id and payload), now. */
  async createAttempt(ctx: Context) {
    const id = validateId(ctx.params.id);
    ctx.status = 202;
    ctx.body = { data: await getService(strapi, 'delivery-log').redeliver(id) };
  },
});
