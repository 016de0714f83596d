import type { Core, Schema, UID } from '@strapi/strapi';
import { async as asyncUtils, buildPublicationFilterWhere, contentTypes as contentTypeUtils, parsePublicationFilter } from '@strapi/utils';
import DataLoader from 'dataloader';
import merge from 'lodash/fp/merge';

/**
 * Batched relation resolvers for GraphQL.
 *
 * Strapi resolves a relation field with one `load()` per parent object: a list of 100
 * stories with publisher and topics costs 2 x 2 x 100 queries. These resolvers do exactly
 * what Strapi's association resolver does (argument validation and sanitizing with the
 * caller's permissions, published-only inheritance from the root query, media URL signing,
 * the same response shapes) except the load: the parents that ask for the same relation with
 * the same arguments in one request are loaded together, with Strapi's own query engine
 * (`findMany` + `populate`, the code path REST uses for lists). The number of queries no
 * longer grows with the page size.
 *
 * A to-many relation is paginated per parent (25 by default). One query cannot limit per
 * parent, so it first counts each parent's related rows (one grouped query): parents within
 * the page are loaded together and sliced in memory, a parent with more rows than the page is
 * loaded on its own with the limit, as Strapi does. Polymorphic relations keep Strapi's resolver.
 */

type Entity = Record<string, unknown> & { id: number | string };
type Resolve = (parent: Entity, args: Record<string, unknown>, context: GraphqlContext, info: GraphqlInfo) => Promise<unknown>;
type GraphqlContext = {
  state: { auth?: unknown };
  rootQueryArgsByPath?: Map<string | number, Record<string, unknown> & { _originField?: string }>;
};
type GraphqlInfo = { path?: { key: string | number; prev?: GraphqlInfo['path'] } };
type DbQuery = Record<string, unknown> & { limit?: number; offset?: number };
type Attribute = Schema.Attribute.AnyAttribute & { relation?: string; target?: string; multiple?: boolean };
type Model = Schema.ContentType | Schema.Component;

type GraphqlServices = {
  utils: {
    attributes: { isMorphRelation(attribute: unknown): boolean; isMedia(attribute: unknown): boolean };
    naming: { getTypeName(model: Model): string; getComponentName(model: Model): string };
  };
  builders: { utils: { transformArgs(args: unknown, options: { contentType: Model; usePagination: boolean }): Record<string, unknown> } };
  format: {
    returnTypes: {
      toEntityResponse(value: unknown, info: { args: unknown; resourceUID: string }): { value: unknown };
      toEntityResponseCollection(nodes: unknown, info: { args: unknown; resourceUID: string }): { nodes: unknown };
    };
  };
  'content-api': { isBuiltInQueryField(field: string): boolean };
  extension: {
    use(configure: (options: { typeRegistry: { has(name: string): boolean } }) => unknown): void;
    shadowCRUD(uid: string): { isDisabled(): boolean; field(name: string): { hasOutputEnabled(): boolean } };
  };
};

/** Relation types whose per-parent row count Strapi's populate can give in one grouped query. */
const COUNTABLE = new Set(['oneToMany', 'manyToMany']);

/** Per request, relation and arguments: the prepared query and the loader of the parents asking for it. */
type Batch = { prepared: Promise<{ sanitizedQuery: unknown; dbQuery: DbQuery }>; loader: DataLoader<Entity['id'], unknown> };
const batches = new WeakMap<object, Map<string, Batch>>();

/** A model's attributes by name (with the generated types, each model's own names only). */
const attributesOf = (model: Model): Partial<Record<string, Schema.Attribute.AnyAttribute>> => model.attributes;

const withoutPaging = ({ limit: _limit, offset: _offset, ...rest }: DbQuery): DbQuery => rest;

export const registerBatchedAssociations = (strapi: Core.Strapi): void => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const service = <Name extends keyof GraphqlServices>(name: Name) => graphql.service<GraphqlServices[Name]>(name);

  /** Rows of `attributeName` for each parent id, loaded with `dbQuery` in as few queries as possible. */
  const batchLoad = async (
    uid: string,
    attributeName: string,
    attribute: Attribute,
    isToMany: boolean,
    ids: ReadonlyArray<Entity['id']>,
    dbQuery: DbQuery,
  ): Promise<Map<string, unknown>> => {
    const query = strapi.db.query(uid as UID.Schema);
    const loadTogether = async (parentIds: ReadonlyArray<Entity['id']>, populate: DbQuery) => {
      const rows = (await query.findMany({ select: ['id'], where: { id: { $in: [...parentIds] } }, populate: { [attributeName]: populate } })) as Entity[];
      return new Map(rows.map((row) => [String(row.id), row[attributeName]]));
    };

    // A to-one relation has at most one row per parent: a page size means nothing for it, and
    // one limit over all parents would cut the rows of the others.
    if (!isToMany) return loadTogether(ids, withoutPaging(dbQuery));
    if (dbQuery.limit === undefined && dbQuery.offset === undefined) return loadTogether(ids, dbQuery);
    if (!COUNTABLE.has(attribute.relation ?? '')) {
      const one = await Promise.all(ids.map(async (id) => [String(id), await query.load({ id }, attributeName, dbQuery)] as const));
      return new Map(one);
    }

    const offset = dbQuery.offset ?? 0;
    const end = dbQuery.limit === undefined || dbQuery.limit < 0 ? Infinity : offset + dbQuery.limit;
    // Only the conditions matter for a count (an order would break its GROUP BY).
    const counts = await loadTogether(ids, { where: dbQuery.where, filters: dbQuery.filters, count: true });
    const countOf = (id: Entity['id']) => (counts.get(String(id)) as { count?: number } | undefined)?.count ?? 0;
    const within = ids.filter((id) => countOf(id) <= end);
    const beyond = ids.filter((id) => countOf(id) > end);
    const result = new Map<string, unknown>();
    if (within.length > 0) {
      for (const [id, rows] of await loadTogether(within, withoutPaging(dbQuery))) {
        result.set(id, Array.isArray(rows) ? rows.slice(offset, end) : rows);
      }
    }
    await Promise.all(beyond.map(async (id) => result.set(String(id), await query.load({ id }, attributeName, dbQuery))));
    return result;
  };

  const buildResolver = (model: Model, attributeName: string): Resolve => {
    const { transformArgs } = service('builders').utils;
    const { toEntityResponse, toEntityResponseCollection } = service('format').returnTypes;
    const attribute = attributesOf(model)[attributeName] as Attribute;
    const isMedia = service('utils').attributes.isMedia(attribute);
    const targetUID = (isMedia ? 'plugin::upload.file' : attribute.target) as UID.Schema;
    const isToMany = isMedia ? attribute.multiple === true : (attribute.relation ?? '').endsWith('Many');
    const target = strapi.getModel(targetUID) as Schema.ContentType;
    const targetHasDraftAndPublish = contentTypeUtils.hasDraftAndPublish(target);
    const dbAttribute = strapi.db.metadata.get(model.uid).attributes[attributeName] as Attribute;

    /** The database query for these arguments, as Strapi's association resolver builds it. */
    const prepare = async (args: Record<string, unknown>, context: GraphqlContext, rootKey: string | number | undefined) => {
      const { auth } = context.state;
      // As Strapi's association resolver (@strapi/plugin-graphql, builders/resolvers/association).
      const transformedArgs = transformArgs(args, { contentType: target, usePagination: true });
      await strapi.contentAPI.validate.query(transformedArgs, target, { auth });
      const sanitizedQuery = await strapi.contentAPI.sanitize.query(transformedArgs, target, { auth });
      const transformedQuery = strapi.get('query-params').transform(targetUID, sanitizedQuery) as DbQuery;

      const rootArgs = rootKey !== undefined ? context.rootQueryArgsByPath?.get(rootKey) : undefined;
      const fromBuiltInQuery = rootArgs?._originField !== undefined && service('content-api').isBuiltInQueryField(rootArgs._originField);
      const inheritedStatus = fromBuiltInQuery ? (rootArgs?.status as string | undefined) || 'published' : null;
      const status = (args.status as string | undefined) || inheritedStatus;
      const defaultFilters =
        targetHasDraftAndPublish && status ? { where: { publishedAt: status === 'published' ? { $notNull: true } : { $null: true } } } : {};
      let publicationFilter = fromBuiltInQuery ? (rootArgs?.publicationFilter as string | undefined) : undefined;
      if (publicationFilter === undefined && fromBuiltInQuery && rootArgs?.hasPublishedVersion !== undefined) {
        publicationFilter = rootArgs.hasPublishedVersion ? 'has-published-version-document' : 'never-published-document';
      }
      let publicationWhere = {};
      if (targetHasDraftAndPublish && publicationFilter !== undefined) {
        let mode: ReturnType<typeof parsePublicationFilter> | undefined;
        try {
          mode = parsePublicationFilter(publicationFilter);
        } catch {
          mode = undefined;
        }
        if (mode !== undefined) {
          const where = buildPublicationFilterWhere(
            strapi.db.connection,
            strapi.db.metadata.get(targetUID),
            target,
            mode,
            status === 'published' ? 'published' : 'draft',
          );
          if (where && Object.keys(where).length > 0) publicationWhere = { where };
        }
      }
      return { sanitizedQuery, dbQuery: merge(merge(defaultFilters, publicationWhere), transformedQuery) as DbQuery };
    };

    return async (parent, args, context, info) => {
      let rootPath = info?.path;
      while (rootPath?.prev) rootPath = rootPath.prev;
      // Per request, the parents that ask with the same arguments under the same root query
      // share the prepared query (validated and sanitized once) and one loader.
      const key = `${model.uid}.${attributeName}:${String(rootPath?.key)}:${JSON.stringify(args)}`;
      let perRequest = batches.get(context);
      if (!perRequest) batches.set(context, (perRequest = new Map()));
      let batch = perRequest.get(key);
      if (!batch) {
        const prepared = prepare(args, context, rootPath?.key);
        const loader = new DataLoader<Entity['id'], unknown>(
          async (ids) => {
            const { dbQuery } = await prepared;
            const rows = await batchLoad(model.uid, attributeName, dbAttribute, isToMany, ids, dbQuery);
            return ids.map((id) => rows.get(String(id)) ?? (isToMany ? [] : null));
          },
          // Every parent of a list asks within the same turn of the event loop.
          { batchScheduleFn: (callback) => setImmediate(callback), cacheKeyFn: (id) => String(id) },
        );
        batch = { prepared, loader };
        perRequest.set(key, batch);
      }
      const { sanitizedQuery } = await batch.prepared;

      let data = await batch.loader.load(parent.id);
      if (isMedia && strapi.plugin('upload')) {
        const { signFileUrls } = strapi.plugin('upload').service('file') as { signFileUrls(file: unknown): Promise<unknown> };
        if (Array.isArray(data)) data = await asyncUtils.map(data, (file: unknown) => signFileUrls(file));
        else if (data) data = await signFileUrls(data);
      }
      const sanitizeInfo = { args: sanitizedQuery, resourceUID: targetUID };
      return isToMany ? toEntityResponseCollection(data, sanitizeInfo) : toEntityResponse(data, sanitizeInfo);
    };
  };

  service('extension').use(({ typeRegistry }) => {
    const { naming, attributes } = service('utils');
    const extension = service('extension');
    const resolvers: Record<string, Record<string, (...args: Parameters<Resolve>) => Promise<unknown>>> = {};
    const models: Model[] = [
      ...Object.values(strapi.contentTypes).filter((contentType) => contentType.uid.startsWith('api::')),
      ...Object.values(strapi.components),
    ];
    for (const model of models) {
      const typeName = model.modelType === 'component' ? naming.getComponentName(model) : naming.getTypeName(model);
      if (!typeRegistry.has(typeName) || extension.shadowCRUD(model.uid).isDisabled()) continue;
      for (const [attributeName, raw] of Object.entries(model.attributes)) {
        const attribute = raw as Attribute;
        const isMedia = attributes.isMedia(attribute);
        if (!isMedia && (attribute.type !== 'relation' || attributes.isMorphRelation(attribute))) continue;
        const targetUID = isMedia ? 'plugin::upload.file' : attribute.target;
        if (!targetUID || extension.shadowCRUD(targetUID).isDisabled()) continue;
        if (contentTypeUtils.isPrivateAttribute(model, attributeName) || !extension.shadowCRUD(model.uid).field(attributeName).hasOutputEnabled()) continue;

        const resolve = buildResolver(model, attributeName);
        const fields = (resolvers[typeName] ??= {});
        const isToMany = isMedia ? attribute.multiple === true : (attribute.relation ?? '').endsWith('Many');
        if (isToMany) {
          fields[attributeName] = async (...args) => ((await resolve(...args)) as { nodes?: unknown[] }).nodes ?? [];
          fields[`${attributeName}_connection`] = resolve;
        } else {
          fields[attributeName] = async (...args) => ((await resolve(...args)) as { value: unknown }).value;
        }
      }
    }
    return { resolvers };
  });
};
