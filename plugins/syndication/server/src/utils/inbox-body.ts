import type { Context } from 'koa';

/**
 * The raw bytes of a push to the inbox, read by the inbox middleware ahead of Strapi's body
 * parser (which never sees them) and verified by the inbox route's controller before anything
 * parses them. Keyed by the request's context: gone with it.
 */
export const inboxBodies = new WeakMap<Context, Buffer>();
