import type { Core } from '@strapi/strapi';
import { restPrefix } from '@union-comms/kit';
import createError from 'http-errors';
import type { Context, Next } from 'koa';

export type AdmissionConfig = {
  /** Reads of the content API computed at once; the others wait their turn. */
  concurrency?: number;
  /** Reads waiting at most; one more is refused with a 503 and `Retry-After`. */
  queue?: number;
};

/**
 * A first-come, first-served line for the reads that cost the app real work: content-API GETs
 * (`/api/...`) and GraphQL requests that the response cache did not answer (it is mounted before
 * this middleware, so hits never wait).
 *
 * Node runs one request's JavaScript at a time. Started together, a hundred reads interleave:
 * each holds its rows, its sanitized copies and its serialised answer in memory until the last
 * of them finishes, and every one of them finishes late. Taken a few at a time, in the order
 * they came, each is done sooner, memory holds a few answers instead of a hundred, and the
 * database pool is never the queue. The line is bounded: past `queue` waiting reads the app
 * answers 503 (`ServiceUnavailableError`, `Retry-After: 1`) at once instead of answering
 * everyone too late.
 *
 * Only reads wait: a write's body is read after this middleware, and a slow client sending one
 * must not hold a place. A read whose client has gone while it waited is not computed.
 */
export default (config: AdmissionConfig, { strapi }: { strapi: Core.Strapi }) => {
  const concurrency = Math.max(1, Math.floor(config.concurrency ?? 4));
  const maxWaiting = Math.max(0, Math.floor(config.queue ?? 1000));
  const prefix = `${restPrefix(strapi)}/`;
  const graphqlEndpoint = strapi.plugin('graphql') ? (strapi.plugin('graphql').config('endpoint') as string) : null;

  const waiting: Array<() => void> = [];
  let running = 0;

  // GraphQL POST bodies are read before this middleware (src/middlewares/graphql-body.ts): a slow
  // client sending one never holds a place.
  const isRead = (ctx: Context): boolean => {
    if (ctx.path === graphqlEndpoint) return ctx.method === 'GET' || ctx.method === 'POST';
    return (ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.path.startsWith(prefix);
  };

  /** Hands the place over to the first in line, or frees it. */
  const release = (): void => {
    const first = waiting.shift();
    if (first) first();
    else running -= 1;
  };

  return async (ctx: Context, next: Next) => {
    if (!isRead(ctx)) return next();
    if (running < concurrency) {
      running += 1;
    } else {
      if (waiting.length >= maxWaiting) {
        ctx.set('Retry-After', '1');
        // The http-errors of @strapi/utils: strapi::errors answers it in Strapi's error shape.
        throw createError(503, 'The server is busy: try again in a moment', { details: {} });
      }
      // The place is handed over by `release`: `running` stays as it is.
      await new Promise<void>((resolve) => waiting.push(resolve));
      if (ctx.req.socket.destroyed) {
        release();
        return undefined;
      }
    }
    try {
      return await next();
    } finally {
      release();
    }
  };
};
