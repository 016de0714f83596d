import type { Core } from '@strapi/strapi';
import { restPrefix } from '@union-comms/kit';
import { joinPath } from './paths';

/**
 * The content-API routes as Strapi registered them (src/api/<name>/routes and every plugin's
 * `routes`, mutated in place by Strapi's registration: routers instantiated, `info` and
 * `config.auth.scope` added), each with the path it is mounted at.
 */

export type RegisteredRoute = {
  method: string;
  /** Koa path as mounted: `/api/calendar/events/:slug.ics`. */
  path: string;
  /** Where it comes from: `api::story` or `plugin::calendar`. */
  origin: { kind: 'api' | 'plugin'; name: string };
  handler: string | null;
  /** `false` for `auth: false`, else the actions users-permissions checks (the route's scope). */
  auth: false | string[];
  openapi: unknown;
  /** Zod schemas some of Strapi's own routes carry (`request`, `response`). */
  request: unknown;
  response: unknown;
};

type Raw = Record<string, unknown>;

const isRaw = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

const authOf = (config: Raw): false | string[] => {
  if (config.auth === false) return false;
  return isRaw(config.auth) ? strings(config.auth.scope) : [];
};

const toRoute = (route: Raw, prefix: string, origin: RegisteredRoute['origin'], apiPrefix: string): RegisteredRoute | null => {
  if (typeof route.method !== 'string' || typeof route.path !== 'string') return null;
  const config = isRaw(route.config) ? route.config : {};
  // A route whose config has `prefix` is mounted on the content API's router directly (Strapi's
  // routing: `has('prefix', route.config)`), without its router's prefix.
  const routerPrefix = 'prefix' in config ? '' : prefix;
  return {
    method: route.method.toUpperCase(),
    path: joinPath(apiPrefix, routerPrefix, route.path),
    origin,
    handler: typeof route.handler === 'string' ? route.handler : null,
    auth: authOf(config),
    openapi: config.openapi,
    request: route.request,
    response: route.response,
  };
};

/** The routers of a module's `routes` (an object of routers, or a plain list for admin routes). */
const routersOf = (routes: unknown): Raw[] => {
  if (!isRaw(routes)) return [];
  return Object.values(routes).filter(isRaw);
};

const collect = (modules: Record<string, unknown>, kind: 'api' | 'plugin', apiPrefix: string): RegisteredRoute[] =>
  Object.entries(modules).flatMap(([name, module]) => {
    if (!isRaw(module)) return [];
    return routersOf(module.routes).flatMap((router) => {
      // API routers are always content-API (Strapi sets it); plugin routers say so.
      const type = kind === 'api' ? 'content-api' : router.type;
      if (type !== 'content-api' || !Array.isArray(router.routes)) return [];
      const prefix = typeof router.prefix === 'string' ? router.prefix : kind === 'plugin' ? `/${name}` : '';
      return router.routes.filter(isRaw).flatMap((route) => toRoute(route, prefix, { kind, name }, apiPrefix) ?? []);
    });
  });

export const contentApiRoutes = (strapi: Core.Strapi): RegisteredRoute[] => {
  const apiPrefix = restPrefix(strapi);
  return [...collect(strapi.apis, 'api', apiPrefix), ...collect(strapi.plugins, 'plugin', apiPrefix)];
};

/** The actions granted to the users-permissions Public role, read from the database. */
export const publicActions = async (strapi: Core.Strapi): Promise<Set<string>> => {
  const rows: unknown[] = await strapi.db.query('plugin::users-permissions.permission').findMany({
    where: { role: { type: 'public' } },
    select: ['action'],
  });
  return new Set(rows.flatMap((row) => (isRaw(row) && typeof row.action === 'string' ? [row.action] : [])));
};

/** Whether an unauthenticated client may call the route: `auth: false`, or every action of its scope granted to Public (users-permissions' `verify`). */
export const isPublic = (route: RegisteredRoute, granted: Set<string>): boolean =>
  route.auth === false || (route.auth.length > 0 && route.auth.every((action) => granted.has(action)));

export { isRaw, type Raw };
