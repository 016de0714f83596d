import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { restPrefix } from '@union-comms/kit';
import type { Context, Next } from 'koa';
import { inboxBodies } from '../utils/inbox-body';
import { INBOX_MAX_BYTES } from '../services/inbox';
import { pluginConfig } from '../utils/plugin-config';

/** The app's middleware entry of the inbox, which must come before `strapi::body` (checked at bootstrap). */
export const INBOX_MIDDLEWARE = 'plugin::syndication.inbox';

/** The body's bytes, up to `limit`; null when there are more. */
const readRaw = (ctx: Context, limit: number): Promise<Buffer | null> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (value: Buffer | null) => {
      if (done) return;
      done = true;
      resolve(value);
    };
    ctx.req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        // Stop reading: what follows is not wanted.
        ctx.req.pause();
        finish(null);
        return;
      }
      chunks.push(chunk);
    });
    ctx.req.on('end', () => finish(Buffer.concat(chunks)));
    ctx.req.on('error', (error) => {
      if (!done) {
        done = true;
        reject(error);
      }
    });
  });

/** The Content-Type of a WebSub notification read here (the header is removed for the parsers after this one). */
export const notificationContentTypes = new WeakMap<Context, string>();

const isJson = (contentType: string): boolean => /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i.test(contentType.trim());

/**
 * The body of `POST /api/syndication/inbox/:inboxId` (the route: routes/content-api, controller
 * `inbox.receive`), taken ahead of Strapi's body parser: a partner's push is authenticated by its
 * Standard Webhooks signature over the exact bytes, so they are read raw (at most 1 MiB) and
 * verified before anything parses them, which a route behind `strapi::body` alone cannot do.
 * Here: 415 for another content type, 413 above the limit; the bytes are kept for the
 * controller and the body parser is told there is nothing for it (no content type left).
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const prefix = restPrefix(strapi).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${prefix}/syndication/inbox/[^/]+/?$`, 'i');
  const callbackPattern = new RegExp(`^${prefix}/syndication/websub/callback/[^/]+/?$`, 'i');

  /**
   * A WebSub notification (`POST /api/syndication/websub/callback/:id`, controllers/websub-callback):
   * its X-Hub-Signature is an HMAC of the exact bytes, so they are read raw too, of any media type
   * (a feed is XML or JSON), at most the poller's `feeds.maxBytes` (the same cap as a polled feed).
   */
  const notification = async (ctx: Context, next: Next) => {
    ctx.set('Cache-Control', 'no-store');
    const limit = pluginConfig(strapi).feeds.maxBytes;
    const tooLarge = () => {
      ctx.set('Connection', 'close');
      throw new errors.PayloadTooLargeError(`A notification may be at most ${limit} bytes`, { limit });
    };
    if (Number(ctx.get('content-length') || 0) > limit) return tooLarge();
    const body = await readRaw(ctx, limit);
    if (body === null) return tooLarge();
    inboxBodies.set(ctx, body);
    notificationContentTypes.set(ctx, ctx.get('content-type'));
    for (const header of ['content-type', 'content-length', 'transfer-encoding']) delete ctx.req.headers[header];
    return next();
  };

  return async (ctx: Context, next: Next) => {
    if (ctx.method === 'POST' && callbackPattern.test(ctx.path)) return notification(ctx, next);
    if (ctx.method !== 'POST' || !pattern.test(ctx.path)) return next();
    ctx.set('Cache-Control', 'no-store');
    const contentType = ctx.get('content-type');
    if (!isJson(contentType)) {
      ctx.status = 415;
      ctx.body = {
        data: null,
        error: { status: 415, name: 'UnsupportedMediaTypeError', message: 'A push must be sent as application/json (UTF-8)', details: {} },
      };
      return undefined;
    }
    const declared = Number(ctx.get('content-length') || 0);
    const tooLarge = () => {
      // The rest of the body is not read: the connection closes after the answer.
      ctx.set('Connection', 'close');
      throw new errors.PayloadTooLargeError(`A push may be at most ${INBOX_MAX_BYTES} bytes`, { limit: INBOX_MAX_BYTES });
    };
    if (declared > INBOX_MAX_BYTES) return tooLarge();
    const body = await readRaw(ctx, INBOX_MAX_BYTES);
    if (body === null) return tooLarge();
    inboxBodies.set(ctx, body);
    // The bytes are read: for the parsers after this one (Strapi's body parser, the app's check
    // of unreadable bodies) the request has no body left, and they must not wait for one.
    for (const header of ['content-type', 'content-length', 'transfer-encoding']) delete ctx.req.headers[header];
    return next();
  };
};
