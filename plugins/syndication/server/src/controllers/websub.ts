import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { invalid } from '@union-comms/kit';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { pluginConfig } from '../utils/plugin-config';
import { validateHubRequest } from '../validation/websub';

/**
 * `POST /api/syndication/websub`: our WebSub hub (form-encoded, W3C WebSub §5.1). Answers 202
 * once the request is valid; the intent is verified afterwards (services/websub-hub).
 * Admin: the subscriptions per topic, and removing one.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async subscribe(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    if (!ctx.is('application/x-www-form-urlencoded')) {
      // WebSub requests are form-encoded; nothing else is parsed here.
      ctx.status = 415;
      ctx.body = {
        data: null,
        error: { status: 415, name: 'UnsupportedMediaTypeError', message: 'A hub request must be sent as application/x-www-form-urlencoded', details: {} },
      };
      return;
    }
    const request = validateHubRequest(ctx.request.body, { allowHttp: pluginConfig(strapi).push.allowHttp });
    await getService(strapi, 'websub-hub').request(request);
    ctx.status = 202;
    ctx.body = { data: { mode: request.mode, status: 'verification-pending' } };
  },

  /** GET /syndication/websub/subscriptions (admin). */
  async findSubscriptions(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'websub-hub').listByTopic() };
  },

  /** DELETE /syndication/websub/subscriptions/:id (admin): the subscriber gets nothing more. */
  async deleteSubscription(ctx: Context) {
    const id = String(ctx.params.id ?? '');
    if (!/^[1-9][0-9]{0,9}$/.test(id)) return invalid('id must be a subscription id', ['id']);
    if (!(await getService(strapi, 'websub-hub').remove(Number(id)))) throw new errors.NotFoundError('No such WebSub subscription');
    ctx.status = 204;
  },
});
