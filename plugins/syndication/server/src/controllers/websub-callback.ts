import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { notificationContentTypes } from '../middlewares/inbox';
import { getService } from '../utils/get-service';
import { inboxBodies } from '../utils/inbox-body';
import { validateVerification } from '../validation/websub-callback';

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * `GET|POST /api/syndication/websub/callback/:id`: our WebSub subscriptions' callback (no user
 * or token: the hub proves itself by echoing a verification we asked for, and by signing pushes
 * with the subscription's secret). The POST's bytes come from the inbox middleware, read raw.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Verification of intent or denial: 200 with the challenge as text/plain, else 404 (§5.3). */
  async verify(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    const query = validateVerification(ctx.querystring);
    const answer = await getService(strapi, 'websub-subscriber').verify(String(ctx.params.id ?? ''), query);
    if (!answer) throw new errors.NotFoundError('No such subscription request');
    ctx.status = 200;
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = answer.challenge;
  },

  /**
   * Content distribution (§7): 202 whether taken or ignored for its signature (§8: the hub must
   * not learn that), 410 for a callback we do not hold, so that the hub drops it (§8).
   */
  async notify(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    const body = inboxBodies.get(ctx);
    if (!body) throw new errors.ApplicationError('The inbox middleware (plugin::syndication.inbox) did not read this notification');
    const outcome = await getService(strapi, 'websub-subscriber').notify(
      String(ctx.params.id ?? ''),
      header(ctx.req.headers['x-hub-signature']),
      body,
      notificationContentTypes.get(ctx) || undefined,
    );
    if (outcome === 'gone') {
      ctx.status = 410;
      ctx.body = { data: null, error: { status: 410, name: 'GoneError', message: 'No such subscription', details: {} } };
      return;
    }
    ctx.status = 202;
    ctx.body = { data: { status: 'received' } };
  },
});
