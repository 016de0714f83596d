import type { Core, UID } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { invalid, locales } from '@union-comms/kit';
import { findContentQueryProblem, type QueryModel } from '../validation/content-query';
import { containsNul, DATABASE_VALUE_MESSAGE, isDatabaseValueError } from '../validation/database-errors';

/**
 * The content type a content-API path reads, for the checks that depend on its attributes:
 * `/api/stories/…` (an application type, by plural name, or singular for a single type) or
 * `/api/upload/files` (a plugin's type, under the plugin's name). Other routes (feeds,
 * calendars, auth) read no content type of their own: undefined.
 */
const createModelLookup = (strapi: Core.Strapi) => {
  const prefix = String(strapi.config.get('api.rest.prefix', '/api')).toLowerCase();
  let byRoute: Map<string, QueryModel> | undefined;
  const routes = () => {
    if (byRoute) return byRoute;
    byRoute = new Map();
    const contentTypes = Object.values(strapi.contentTypes).filter((contentType) => !contentType.uid.startsWith('admin::'));
    // Application types first: they own the first path segment.
    contentTypes.sort((a, b) => Number(b.uid.startsWith('api::')) - Number(a.uid.startsWith('api::')));
    for (const contentType of contentTypes) {
      const name = contentType.kind === 'singleType' ? contentType.info.singularName : contentType.info.pluralName;
      const model: QueryModel = contentType;
      if (contentType.uid.startsWith('plugin::')) byRoute.set(`${contentType.uid.slice('plugin::'.length).split('.')[0]}/${name}`, model);
      if (!byRoute.has(name)) byRoute.set(name, model);
    }
    return byRoute;
  };
  return (path: string): QueryModel | undefined => {
    const lower = path.toLowerCase();
    if (!lower.startsWith(`${prefix}/`)) return undefined;
    const [first = '', second = ''] = lower.slice(prefix.length + 1).split('/');
    return routes().get(first) ?? routes().get(`${first}/${second}`);
  };
};

const fail = (message: string, path: string[]): never => invalid(message, path);

/**
 * Guards the content API against bad input that Strapi would otherwise answer quietly or with
 * a 500: an unknown locale (Strapi returns an empty list), a page larger than the cap (Strapi
 * silently shortens it) or otherwise malformed, a filter, sort or populate of the wrong shape
 * (src/validation/content-query), a NUL character, a filter value the database refuses. All get
 * a 400 in Strapi's error shape.
 *
 * It is mounted on Strapi's content-API router (see `registerQueryGuard`), so it runs for every
 * request that matched a content-API route, whatever the spelling of its URL (the router
 * matches paths without regard to case: `/API/stories` is `/api/stories`), and for no other.
 */
const createQueryGuard = (strapi: Core.Strapi) => {
  const modelOf = createModelLookup(strapi);
  const getModel = (uid: string): QueryModel | undefined => strapi.getModel(uid as UID.Schema);

  return async (ctx: Context, next: Next) => {
    const { locale } = ctx.query;

    if (containsNul(ctx.query)) fail('The query contains a NUL character', []);

    // Drafts (`status=draft`, `publicationFilter`) are refused where every public read is ruled:
    // src/privacy/public-reads.ts.

    if (locale !== undefined) {
      // The one locale check (@union-comms/kit): `Unknown locale "xx"; available: …`.
      for (const code of Array.isArray(locale) ? locale : [locale]) await locales(strapi).resolve(String(code));
    }

    // The shape of pagination, filters, sort and populate (at any depth), against the attributes
    // of the content type the route reads: a value Strapi would pass to the database unchecked
    // (and answer with a 500) or quietly guess at is refused here.
    const problem = findContentQueryProblem(ctx.query, modelOf(ctx.path), { getModel });
    if (problem) fail(problem.message, problem.path);

    try {
      return await next();
    } catch (error) {
      // A filter value the database cannot compare (PostgreSQL: an id out of range, a malformed
      // date) is the client's error: a 400 that names no SQL, instead of a 500.
      if (isDatabaseValueError(error)) fail(DATABASE_VALUE_MESSAGE, ['filters']);
      throw error;
    }
  };
};

/** Mounts the guard on the content-API router: before every content-API route's own work. */
export const registerQueryGuard = (strapi: Core.Strapi): void => {
  strapi.server.api('content-api').use(createQueryGuard(strapi));
};
