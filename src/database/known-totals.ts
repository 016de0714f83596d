import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { optimisedReadsEnabled, optimisedReadsOn } from '../privacy/compiled-output';

/**
 * A REST list's total without the count query when the page itself tells it.
 *
 * Strapi's core `find` (@strapi/core, core-api/service/collection-type.js) reads the page with
 * `findMany` and then the total with `count`, on the same parameters. When the page is not full
 * it already holds the last row: the total is `start` + the rows found (unless nothing was found
 * past the first row, where the total may be anything below `start`). That is every lookup by
 * slug and every last page: one query fewer, the count answered with exactly what it would have
 * said (both queries are separate statements either way: neither sees a snapshot of the other).
 *
 * Only the `count` that follows a `findMany` with the same parameters inside one core `find`
 * of the app's collection types is answered; GraphQL, plugins and every other count run as
 * before. The optimised-reads switch (`OPTIMISED_READS`, tests/api/optimised-reads) covers it.
 */

type Page = { uid: string; params: string; found: number; start: number; limit: number };
type Scope = { page?: Page };
type FindService = { find(params?: unknown): Promise<unknown> };

const numberOr = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

// One per process: each core `find` runs in a scope object of its own.
const scopes = new AsyncLocalStorage<Scope>();

/** The document-service middleware that answers the count (call at register). */
export const registerKnownTotals = (strapi: Core.Strapi): void => {
  if (!optimisedReadsEnabled()) return;
  strapi.documents.use(async (context, next) => {
    const scope = scopes.getStore();
    if (!scope || !optimisedReadsOn(strapi) || (context.action !== 'findMany' && context.action !== 'count')) return next();
    const params = (context.params ?? {}) as Record<string, unknown>;
    const key = JSON.stringify(params);
    if (context.action === 'count') {
      const page = scope.page;
      scope.page = undefined;
      if (page && page.uid === context.uid && page.params === key && page.found < page.limit && (page.found > 0 || page.start === 0)) {
        return page.start + page.found;
      }
      return next();
    }
    const result = await next();
    const start = numberOr(params.start, 0);
    const limit = numberOr(params.limit, -1);
    scope.page = Array.isArray(result) && limit > 0 ? { uid: context.uid, params: key, found: result.length, start, limit } : undefined;
    return result;
  });
};

/** Gives each core `find` of the app's collection types a scope of its own (call at bootstrap, once services exist). */
export const scopeCoreFinds = (strapi: Core.Strapi): void => {
  if (!optimisedReadsEnabled()) return;
  for (const contentType of Object.values(strapi.contentTypes)) {
    if (!contentType.uid.startsWith('api::') || contentType.kind !== 'collectionType') continue;
    const service = strapi.service(contentType.uid as never) as FindService | undefined;
    if (typeof service?.find !== 'function') continue;
    const find = service.find.bind(service);
    service.find = (params) => scopes.run({}, () => find(params));
  }
};
