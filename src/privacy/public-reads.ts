import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core, UID } from '@strapi/strapi';
import { contentTypes as contentTypeUtils } from '@strapi/utils';
import { invalid } from '@union-comms/kit';
import { PARTICIPANT } from '../domain/uids';

/**
 * What the public may see, enforced where the data is read.
 *
 * Every database read (find one, find many, count) made while a content-API request is being
 * answered (REST, GraphQL, any plugin route; recognised by the matched route's type, never by
 * the URL's spelling) is rewritten before it runs, so that it can only match, count, sort on
 * and return rows the public may see:
 * - of a draft-and-publish type, published rows only (so `localizations` and every other join
 *   never reach a draft or a never-published translation);
 * - participants who consented to being named, and participations of such participants only.
 *
 * The rule is applied to the query's own where clause and to every nested one: filters that
 * traverse relations and components, filters, sorts and pages inside `populate`, GraphQL's
 * nested arguments (they become populate queries), connection totals (counts). A row the
 * public may not see therefore behaves exactly like a row that does not exist, whatever it
 * holds: the same request with a hidden value and with a made-up one answers identically.
 * Three shapes cannot be made to behave so and are refused with a 400: a `$not` over a join
 * into a protected type, `$null`/`$notNull` on a relation to one (both would tell an empty
 * relation from one whose rows are hidden), and a sort through a relation to one.
 *
 * Writes are not restricted (a document-service write inside a content-API request, say by a
 * full-access API token, runs trusted), and nor is any code that runs outside a content-API
 * request (the admin panel, workers, the seed). Code answering a public request that must see
 * everything (statistics over all participants) runs inside `trusted()`.
 *
 * Independently of the request, a few attributes may never be filtered or sorted on by anyone,
 * not even the super admin in the Content Manager (a stored secret would be read back by
 * `$startsWith`): see NEVER_QUERIED.
 */

type Where = Record<string, unknown>;
type Params = Record<string, unknown>;
/** The parts of a database query the rule rewrites (a lifecycle event's `params` has them, and more). */
type QueryParams = { where?: unknown; filters?: unknown; populate?: unknown };
type DbAttribute = { type: string; relation?: string; target?: string };
type DbModel = { uid: string; attributes: Record<string, DbAttribute> };

/** Rows of non-draft-and-publish models the public may see; drafts are handled for every such type. */
const PUBLIC_ROWS: Record<string, Where> = {
  [PARTICIPANT]: { publicConsent: { $eq: true } },
  // A participation names its participant and role: it is as private as the participant.
  'event.participation': { participant: { publicConsent: { $eq: true } } },
};

/** Attributes nobody may filter or sort on, in any context. */
const NEVER_QUERIED: Record<string, ReadonlySet<string>> = {
  'plugin::syndication.partner': new Set(['secret']),
};

const GROUP_OPERATORS = new Set(['$and', '$or']);
const EMPTINESS_OPERATORS = new Set(['$null', '$notNull']);
const READ_ACTIONS = new Set(['findOne', 'findMany', 'findFirst', 'count']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

const refuse = (message: string): never => invalid(message);

const trustedScope = new AsyncLocalStorage<true>();

export type PublicReadRule = {
  /** True while answering a content-API request, outside `trusted()`. */
  isPublicRead(): boolean;
  /** Runs `fn` with every row visible (for code that must see what it does not show). */
  trusted<T>(fn: () => T): T;
  /** The where clause of the rows of `uid` the public may see; undefined: every row. */
  visibleWhere(uid: string): Where | undefined;
  /** True for types whose rows are public one by one (consent), beyond the drafts rule. */
  rowProtected(uid: string): boolean;
  /** Which of `ids` (as strings) are rows of `uid` the public may see. */
  visibleIds(uid: string, ids: unknown[]): Promise<Set<string>>;
  /** Rewrites a database query on `uid` in place, as every public read is rewritten. */
  restrictQuery(uid: string, params: QueryParams): void;
};

const RULE = 'union-comms.public-reads';

/** The running rule of `strapi` (registered in `register`). */
export const getPublicReadRule = (strapi: Core.Strapi): PublicReadRule => strapi.get(RULE) as PublicReadRule;

export const createPublicReadRule = (strapi: Core.Strapi): PublicReadRule => {
  const modelOf = (uid: string): DbModel | undefined => {
    try {
      return strapi.db.metadata.get(uid);
    } catch {
      return undefined;
    }
  };

  const visibleCache = new Map<string, Where | undefined>();
  const visibleWhere = (uid: string): Where | undefined => {
    if (!visibleCache.has(uid)) {
      const contentType = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
      const published = contentType && contentTypeUtils.hasDraftAndPublish(contentType) ? { publishedAt: { $notNull: true } } : undefined;
      visibleCache.set(uid, PUBLIC_ROWS[uid] ?? published);
    }
    return visibleCache.get(uid);
  };

  const and = (where: unknown, extra: Where | undefined): unknown => {
    if (!extra) return where;
    if (where === undefined || where === null) return extra;
    return { $and: [where, extra] };
  };

  type Walk = { publicRead: boolean; underNot: boolean };

  const checkNeverQueried = (uid: string, key: string): void => {
    if (NEVER_QUERIED[uid]?.has(key)) refuse(`"${key}" cannot be used in filters or sorts`);
  };

  /** The where clause on `uid`, with every join into a protected type narrowed to visible rows. */
  const rewriteWhere = (uid: string, where: unknown, walk: Walk): unknown => {
    if (Array.isArray(where)) return where.map((sub) => rewriteWhere(uid, sub, walk));
    if (!isPlainObject(where)) return where;
    const model = modelOf(uid);
    const out: Where = {};
    for (const [key, value] of Object.entries(where)) {
      if (GROUP_OPERATORS.has(key)) {
        if (!Array.isArray(value)) refuse(`${key} must be a list of conditions`);
        out[key] = (value as unknown[]).map((sub) => rewriteWhere(uid, sub, walk));
        continue;
      }
      if (key === '$not') {
        out[key] = rewriteWhere(uid, value, { ...walk, underNot: true });
        continue;
      }
      checkNeverQueried(uid, key);
      const attribute = model?.attributes[key];
      if (key.startsWith('$') || attribute?.type !== 'relation') {
        out[key] = value;
        continue;
      }
      if (!attribute.target) {
        if (walk.publicRead) refuse(`"${key}" cannot be used in filters`);
        out[key] = value;
        continue;
      }
      out[key] = rewriteRelationWhere(attribute.target, key, value, walk);
    }
    return out;
  };

  /** The condition on a relation `key` whose rows are of `target` (Strapi: an id, an id operator, or a nested where). */
  const rewriteRelationWhere = (target: string, key: string, value: unknown, walk: Walk): unknown => {
    const visible = walk.publicRead ? visibleWhere(target) : undefined;
    if (visible && walk.underNot) refuse(`"${key}" cannot be used under $not`);
    let nested: unknown = value;
    if (!isPlainObject(value)) {
      nested = { id: value };
    } else {
      const keys = Object.keys(value);
      const operators = keys.filter((name) => name.startsWith('$'));
      if (operators.length > 0 && operators.length !== keys.length) refuse(`"${key}" mixes operators and attributes`);
      if (operators.length > 1) refuse(`"${key}" takes one operator, found ${operators.join(', ')}`);
      const [operator] = operators;
      if (operator !== undefined && !GROUP_OPERATORS.has(operator) && operator !== '$not') {
        if (visible && EMPTINESS_OPERATORS.has(operator)) refuse(`"${key}" cannot be tested for emptiness`);
        nested = { id: value };
      }
    }
    return and(rewriteWhere(target, nested, walk), visible);
  };

  /** Sorting through a relation to a protected type would order by hidden values: refused. */
  const checkOrderBy = (uid: string, orderBy: unknown, walk: Walk): void => {
    if (Array.isArray(orderBy)) return orderBy.forEach((entry) => checkOrderBy(uid, entry, walk));
    const model = modelOf(uid);
    if (typeof orderBy === 'string') {
      const [key] = orderBy.split(':');
      checkNeverQueried(uid, key);
      // The virtual "status" sort compares drafts with published versions.
      if (walk.publicRead && key === 'status' && !model?.attributes.status) refuse('Sorting by status is not available');
      return;
    }
    if (!isPlainObject(orderBy)) return;
    for (const [key, value] of Object.entries(orderBy)) {
      checkNeverQueried(uid, key);
      if (walk.publicRead && key === 'status' && !model?.attributes.status) refuse('Sorting by status is not available');
      const attribute = model?.attributes[key];
      if (attribute?.type !== 'relation') continue;
      if (!attribute.target || (walk.publicRead && visibleWhere(attribute.target))) refuse(`Sorting by "${key}" is not available`);
      checkOrderBy(attribute.target as string, value, walk);
    }
  };

  /** Strapi's own reading of a populate value (database level): a map of attribute to sub-query. */
  const populateMap = (model: DbModel, populate: unknown): Record<string, unknown> | undefined => {
    if (populate === true) {
      // Every relation; target-less (polymorphic) ones only when named.
      return Object.fromEntries(
        Object.entries(model.attributes)
          .filter(([, attribute]) => attribute.type === 'relation' && attribute.target)
          .map(([name]) => [name, true]),
      );
    }
    if (Array.isArray(populate)) {
      const map: Record<string, unknown> = {};
      for (const entry of populate) {
        if (typeof entry !== 'string') continue;
        const [root, ...rest] = entry.split('.');
        if (rest.length === 0) {
          map[root] = map[root] ?? true;
          continue;
        }
        const current = map[root];
        const nested = isPlainObject(current) && Array.isArray(current.populate) ? current.populate : [];
        map[root] = { ...(isPlainObject(current) ? current : {}), populate: [rest.join('.'), ...nested] };
      }
      return map;
    }
    return isPlainObject(populate) ? populate : undefined;
  };

  const rewriteQueryPart = (uid: string, query: Params, walk: Walk): Params => {
    const out: Params = { ...query };
    const visible = walk.publicRead ? visibleWhere(uid) : undefined;
    const where = Array.isArray(out.where) ? { $and: out.where } : out.where;
    if (where !== undefined || visible) out.where = and(where === undefined ? undefined : rewriteWhere(uid, where, walk), visible);
    if (isPlainObject(out.filters)) out.filters = rewriteWhere(uid, out.filters, walk);
    if (out.orderBy !== undefined) checkOrderBy(uid, out.orderBy, walk);
    if (out.populate !== undefined) out.populate = rewritePopulate(uid, out.populate, walk);
    return out;
  };

  const rewritePopulate = (uid: string, populate: unknown, walk: Walk): unknown => {
    const model = modelOf(uid);
    const map = model ? populateMap(model, populate) : undefined;
    if (!model || !map) return populate;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(map)) {
      const attribute = model.attributes[key];
      if (attribute?.type !== 'relation' || value === false || value === null || value === undefined) {
        out[key] = value;
        continue;
      }
      if (!attribute.target) {
        // Polymorphic (dynamic zones, an upload's "related"): each type is read on its own.
        const on = isPlainObject(value) && isPlainObject(value.on) ? value.on : undefined;
        if (!on) {
          if (walk.publicRead) refuse(`"${key}" cannot be populated on the public API`);
          out[key] = value;
          continue;
        }
        const rewrittenOn = Object.fromEntries(
          Object.entries(on).map(([type, sub]) => [type, sub === true || isPlainObject(sub) ? rewriteQueryPart(type, sub === true ? {} : sub, walk) : sub]),
        );
        out[key] = { ...(value as Params), on: rewrittenOn };
        continue;
      }
      const visible = walk.publicRead ? visibleWhere(attribute.target) : undefined;
      if (value === true) {
        out[key] = visible ? { where: visible } : true;
        continue;
      }
      out[key] = isPlainObject(value) ? rewriteQueryPart(attribute.target, value, walk) : value;
    }
    return out;
  };

  const isPublicRead = (): boolean => {
    if (trustedScope.getStore()) return false;
    const ctx = strapi.requestContext.get() as { state?: { route?: { info?: { type?: string } } } } | undefined;
    return ctx?.state?.route?.info?.type === 'content-api';
  };

  const restrictQuery = (uid: string, params: QueryParams): void => {
    const publicRead = isPublicRead();
    const rewritten = rewriteQueryPart(uid, params, { publicRead, underNot: false });
    // Outside public reads the walk only checks (NEVER_QUERIED, malformed groups): the query runs as asked.
    if (!publicRead) return;
    for (const key of ['where', 'filters', 'populate'] as const) {
      if (rewritten[key] !== undefined) params[key] = rewritten[key];
    }
  };

  const visibleIds = async (uid: string, ids: unknown[]): Promise<Set<string>> => {
    const wanted = [...new Set(ids.filter((id) => typeof id === 'number' || typeof id === 'string'))];
    if (wanted.length === 0) return new Set();
    const where = and({ id: { $in: wanted } }, visibleWhere(uid));
    const rows = (await strapi.db.query(uid as UID.Schema).findMany({ select: ['id'], where })) as Array<{ id: number | string }>;
    return new Set(rows.map((row) => String(row.id)));
  };

  return {
    isPublicRead,
    trusted: <T>(fn: () => T): T => trustedScope.run(true, fn),
    visibleWhere,
    rowProtected: (uid) => uid in PUBLIC_ROWS,
    visibleIds,
    restrictQuery,
  };
};

/**
 * Registers the rule: one database subscriber for every read, and one document-service
 * middleware that runs writes trusted and refuses, on public reads, the parameters that select
 * drafts (`status=draft`, `publicationFilter`, `hasPublishedVersion`).
 */
export const registerPublicReadRule = (strapi: Core.Strapi): PublicReadRule => {
  const rule = createPublicReadRule(strapi);
  strapi.add(RULE, () => rule);

  // Params objects already rewritten: a caller may pass the same one twice (a page and its count).
  const done = new WeakSet<object>();
  const restrict = (event: { model: { uid: string }; params?: QueryParams }) => {
    const { params } = event;
    if (!params || done.has(params)) return;
    rule.restrictQuery(event.model.uid, params);
    done.add(params);
  };
  strapi.db.lifecycles.subscribe({ beforeFindOne: restrict, beforeFindMany: restrict, beforeCount: restrict });

  strapi.documents.use(async (context, next) => {
    if (!READ_ACTIONS.has(context.action)) return rule.trusted(() => next());
    if (rule.isPublicRead()) {
      const params = (context.params ?? {}) as Params;
      if (params.status !== undefined && params.status !== 'published') {
        refuse('Only published content is served: drop the status parameter or set it to "published"');
      }
      if (params.publicationFilter !== undefined || params.hasPublishedVersion !== undefined) {
        refuse('publicationFilter and hasPublishedVersion are not available on the public API');
      }
    }
    return next();
  });
  return rule;
};
