import { keptOnNotModified } from '@union-comms/kit';
import type { Context, Next } from 'koa';

/**
 * Every 304 the app sends carries only the headers a 304 should (@union-comms/kit,
 * `keptOnNotModified`: RFC 9110 15.4.5's list, the other validator, CORS, Link): whichever
 * middleware or controller made it (the feeds, the calendars, the response cache, Strapi's
 * static files) and whatever headers the stack set on the way (security headers, X-Powered-By,
 * Content-Language). First in config/middlewares.ts, so that it runs after all of them. The
 * response cache's front door, which answers before Koa, sends its 304s by the same rule.
 */
export default () => async (ctx: Context, next: Next) => {
  await next();
  if (ctx.status !== 304) return;
  for (const name of Object.keys(ctx.response.headers)) if (!keptOnNotModified(name)) ctx.remove(name);
};
