import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { restPrefix } from '@union-comms/kit';
import type { Context, Next } from 'koa';
import { getService } from '../utils/get-service';
import { INBOX_MAX_BYTES } from '../services/inbox';

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

const isJson = (contentType: string): boolean => /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i.test(contentType.trim());

/**
 * `POST /api/syndication/inbox/:inboxId`, ahead of Strapi's body parser: a partner's signed push.
 * Public on purpose (no user or token): the Standard Webhooks signature with the partner's
 * inbound secret is the authentication, so the bytes must be read raw (at most 1 MiB) and
 * verified before anything parses them, which a route behind `strapi::body` cannot do.
 * Answers: 202, 401 (no or bad signature, stale timestamp, unknown inbox: the same answer), 400
 * (a well-signed but invalid payload), 413, 415, 403 (partner paused, disabled, or not receiving).
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const pattern = new RegExp(`^${restPrefix(strapi).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/syndication/inbox/([^/]+)/?$`);

  return async (ctx: Context, next: Next) => {
    const match = ctx.method === 'POST' ? pattern.exec(ctx.path) : null;
    if (!match) return next();
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
    let inboxId: string;
    try {
      inboxId = decodeURIComponent(match[1]);
    } catch {
      inboxId = '';
    }
    const result = await getService(strapi, 'inbox').accept(inboxId, ctx.req.headers, body);
    ctx.status = 202;
    ctx.body = { data: { webhookId: result.webhookId, status: result.duplicate ? 'already-received' : 'accepted' } };
    return undefined;
  };
};
