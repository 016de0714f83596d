import koaCors from '@koa/cors';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/** config/middlewares.ts, the `global::cors` entry. */
export type CorsConfig = {
  /** Origins that may read the content API from a browser (`CORS_ORIGINS`); `*` or none: any origin. */
  origins?: string[];
};

/** What Strapi's own CORS middleware allows, minus credentials for everyone. */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const HEADERS = ['Content-Type', 'Authorization', 'Origin', 'Accept'];
const GRANT_HEADERS = ['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Expose-Headers'];
/** Browsers cap a preflight's lifetime anyway (Chromium: 2 h); a day bounds how long a removed origin lingers. */
const PREFLIGHT_MAX_AGE_S = 86400;

/** The origin (`scheme://host[:port]`) of an absolute URL; a misspelt setting stops the boot. */
const originOf = (url: string, setting: string): string => {
  try {
    const { origin, protocol } = new URL(url);
    if (protocol === 'http:' || protocol === 'https:') return origin;
  } catch {
    // reported below
  }
  throw new Error(`${setting}: "${url}" is not an absolute http(s) URL or origin`);
};

/** Paths a public website or app reads from: the REST content API, GraphQL and uploaded files. */
const contentApiPaths = (strapi: Core.Strapi): string[] => {
  const paths = [strapi.config.get<string>('api.rest.prefix', '/api'), '/uploads'];
  if (strapi.plugin('graphql')) paths.push(String(strapi.plugin('graphql').config('endpoint')));
  return paths.map((path) => path.toLowerCase());
};

/**
 * CORS with two rules instead of Strapi's one (which reflects any Origin with credentials, so a
 * page on any origin, or a sibling subdomain sending the `SameSite=Lax` refresh cookie, could
 * call `/admin/access-token` and read an admin token):
 * - the admin panel's own origin (server URL, and admin URL when it is elsewhere) may call
 *   anything, with credentials (cookies);
 * - the origins of `CORS_ORIGINS` (default `*`: any) may read the content API (REST, GraphQL,
 *   uploads) without credentials: a website authenticates with a token header, not a cookie.
 * Any other request gets no CORS headers: the browser keeps the answer from the page.
 */
export default (config: CorsConfig, { strapi }: { strapi: Core.Strapi }) => {
  const adminOrigins = new Set([
    originOf(strapi.config.get<string>('server.absoluteUrl'), 'server url (PUBLIC_URL)'),
    originOf(strapi.config.get<string>('admin.absoluteUrl'), 'admin url'),
  ]);
  const listed = (config.origins ?? []).map((origin) => origin.trim()).filter(Boolean);
  // An empty CORS_ORIGINS (as .env.example leaves it) means the default.
  const anyOrigin = listed.length === 0 || listed.includes('*');
  const allowedOrigins = new Set(listed.filter((origin) => origin !== '*').map((origin) => originOf(origin, 'CORS_ORIGINS')));
  const publicPaths = contentApiPaths(strapi);

  const isContentApi = (path: string): boolean => {
    // Strapi's router matches paths whatever their case: so does this.
    const lower = path.toLowerCase();
    return publicPaths.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`));
  };

  const common = { allowMethods: METHODS, allowHeaders: HEADERS, maxAge: PREFLIGHT_MAX_AGE_S, keepHeadersOnError: true };
  const adminCors = koaCors({ ...common, origin: (ctx) => ctx.get('Origin'), credentials: true });
  // `*` is sent as such (never the request's origin) when any origin may read.
  const publicCors = koaCors({ ...common, origin: anyOrigin ? '*' : (ctx) => ctx.get('Origin'), credentials: false });

  return async (ctx: Context, next: Next) => {
    const origin = ctx.get('Origin');
    if (origin !== '' && adminOrigins.has(origin)) return adminCors(ctx, next);
    if (isContentApi(ctx.path) && (anyOrigin || allowedOrigins.has(origin))) return publicCors(ctx, next);
    // No grant. 'strapi::cors' before this grants `*` to requests without an Origin header: gone.
    for (const header of GRANT_HEADERS) ctx.remove(header);
    // The answer depends on Origin even when it carries no CORS header (a shared cache must not
    // give the admin origin's answer to another one, or the reverse).
    ctx.vary('Origin');
    return next();
  };
};
