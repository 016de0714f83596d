import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';
import { inboxBodies } from '../utils/inbox-body';

/**
 * `POST /api/syndication/inbox/:inboxId`: a partner's signed push (no user or token: the
 * signature with the partner's inbound secret is the authentication). The bytes come from the
 * inbox middleware, read raw before the body parser. Answers 202 (also for a webhook-id already
 * received), 401 (no or bad signature, stale timestamp, unknown inbox: the same answer), 400 (a
 * well-signed but invalid payload), 403 (partner paused, disabled or not receiving); 413 and 415
 * come from the middleware.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async receive(ctx: Context) {
    ctx.set('Cache-Control', 'no-store');
    const body = inboxBodies.get(ctx);
    // Only if the app's middleware list lost the inbox's entry (the boot checks it is there).
    if (!body) throw new errors.ApplicationError('The inbox middleware (plugin::syndication.inbox) did not read this push');
    let result: { webhookId: string; duplicate: boolean };
    try {
      result = await getService(strapi, 'inbox').accept(String(ctx.params.inboxId ?? ''), ctx.req.headers, body);
    } catch (error) {
      // The challenge a 401 owes (RFC 9110): this route is authenticated by the push's
      // signature, not by a user or an API token.
      if (error instanceof errors.UnauthorizedError) ctx.set('WWW-Authenticate', 'StandardWebhooks realm="syndication inbox"');
      throw error;
    }
    ctx.status = 202;
    ctx.body = { data: { webhookId: result.webhookId, status: result.duplicate ? 'already-received' : 'accepted' } };
  },
});
