import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core, UID } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import type { Knex } from 'knex';
import { invalid, locales } from '@union-comms/kit';

/**
 * Locale fallback, a read rule of the document service (so REST, GraphQL and every plugin that
 * reads documents get the same answer), asked for explicitly: REST `fallback=true`, GraphQL
 * `fallback: true`. Existing clients see no change.
 *
 * A read of locale L with fallback serves each document once, in the first locale of L's chain
 * (config/locales.ts: kk → ru → en) in which it has a version of the status read (published, for
 * the public). The list query runs over those served rows: its filters, sort, pagination and
 * count apply to them (`meta.pagination.total` counts documents), and every other read rule
 * (drafts, participants' consent, the page cap) holds as without fallback, since the query is
 * otherwise the one Strapi runs. A single read (findOne) takes the first locale of the chain
 * that has the document.
 *
 * Fallback only reads: nothing it serves is written anywhere (a served Russian version stays a
 * Russian row; no Kazakh row is created).
 */

type Status = 'published' | 'draft';
type Served = { uid: string; chain: string[]; status: Status };
type Params = Record<string, unknown>;
type DbModel = { tableName: string; attributes: Record<string, object> };

const LIST_ACTIONS = new Set(['findMany', 'count']);
const SINGLE_ACTIONS = new Set(['findOne', 'findFirst']);

const servedScope = new AsyncLocalStorage<Served>();

/** The `fallback` value of a query or GraphQL arguments: true, false, or invalid (400). */
export const fallbackRequested = (value: unknown, path: readonly string[] = ['fallback']): boolean => {
  if (value === undefined || value === null || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  return invalid('fallback must be "true" or "false"', path);
};

const isLocalized = (strapi: Core.Strapi, uid: string): boolean => {
  const contentType = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
  return Boolean(contentType) && Boolean(strapi.plugin('i18n').service('content-types').isLocalizedContentType(contentType));
};

/**
 * The ids of the rows of `uid` served to a reader of `chain[0]`: a row of the chain's locale i
 * in the status read, when no such row of the same document exists in an earlier locale.
 */
const servedRows = (knex: Knex, model: DbModel, { chain, status }: Served): Knex.QueryBuilder => {
  const column = (name: string): string => {
    const attribute = model.attributes[name];
    return attribute && 'columnName' in attribute && typeof attribute.columnName === 'string' ? attribute.columnName : name;
  };
  const [documentId, locale, publishedAt] = [column('documentId'), column('locale'), column('publishedAt')];
  const inStatus = (query: Knex.QueryBuilder, alias: string) =>
    status === 'draft' ? query.whereNull(`${alias}.${publishedAt}`) : query.whereNotNull(`${alias}.${publishedAt}`);

  const served = knex(`${model.tableName} as served`).select('served.id').whereIn(`served.${locale}`, chain);
  inStatus(served, 'served');
  served.where((alternatives) => {
    chain.forEach((code, index) => {
      alternatives.orWhere((alternative) => {
        alternative.where(`served.${locale}`, code);
        if (index === 0) return;
        alternative.whereNotExists((earlier) => {
          earlier
            .select(knex.raw('1'))
            .from(`${model.tableName} as earlier`)
            .whereRaw('?? = ??', [`earlier.${documentId}`, `served.${documentId}`])
            .whereIn(`earlier.${locale}`, chain.slice(0, index));
          inStatus(earlier, 'earlier');
        });
      });
    });
  });
  return served;
};

export const registerLocaleFallback = (strapi: Core.Strapi): void => {
  // The REST parameter, on the list and single reads of every localized type (Strapi refuses
  // unknown parameters: config/api.ts, strictParams).
  strapi.contentAPI.addQueryParams({
    fallback: {
      schema: (z) => z.enum(['true', 'false']).optional(),
      matchRoute: (route) => {
        // A route object already given the parameter by an earlier boot in this process
        // (route definitions are module state, shared by every app a process loads).
        if (route.request?.query && 'fallback' in route.request.query) return false;
        const match = /^(api::[^.]+\.[^.]+)\.(find|findOne)$/.exec(String(route.handler ?? ''));
        return Boolean(match) && route.method === 'GET' && isLocalized(strapi, match![1]);
      },
    },
  });

  // Lists and counts inside a fallback read: narrowed to the served rows.
  const narrow = (event: { model: { uid: string }; params?: { where?: unknown } }) => {
    const served = servedScope.getStore();
    if (!served || served.uid !== event.model.uid || !event.params) return;
    const model: DbModel = strapi.db.metadata.get(served.uid);
    const restriction = { id: { $in: servedRows(strapi.db.connection, model, served) } };
    const { where } = event.params;
    event.params.where = where === undefined ? restriction : { $and: [where, restriction] };
  };
  strapi.db.lifecycles.subscribe({ beforeFindMany: narrow, beforeCount: narrow });

  strapi.documents.use(async (context, next) => {
    const params = (context.params ?? {}) as Params;
    if (!('fallback' in params)) return next();
    const { fallback, ...rest } = params;
    context.params = rest;
    if (!fallbackRequested(fallback) || !isLocalized(strapi, context.uid) || !(LIST_ACTIONS.has(context.action) || SINGLE_ACTIONS.has(context.action))) {
      return next();
    }
    const requested = await locales(strapi).resolve(typeof rest.locale === 'string' ? rest.locale : undefined);
    const chain = await locales(strapi).chain(requested);
    const status: Status = rest.status === 'draft' ? 'draft' : 'published';
    const documents = strapi.documents(context.uid as UID.ContentType);

    if (context.action === 'findOne') {
      for (const locale of chain) {
        const found = await documents.findOne({ ...rest, locale } as Parameters<typeof documents.findOne>[0]);
        if (found) return found;
      }
      return null;
    }
    if (context.action === 'findFirst') {
      const [first] = await documents.findMany({ ...rest, fallback: 'true', limit: 1 } as Parameters<typeof documents.findMany>[0]);
      return first ?? null;
    }
    context.params = { ...rest, locale: '*' };
    return servedScope.run({ uid: context.uid, chain, status }, () => next());
  });

  // GraphQL: the same argument on the queries of localized types (beside i18n's `locale`).
  if (strapi.plugin('graphql')) {
    const extension = strapi.plugin('graphql').service('extension');
    extension.use(({ nexus, typeRegistry }: GraphqlExtensionArgs) => ({
      plugins: [
        nexus.plugin({
          name: 'LocaleFallbackArg',
          onAddOutputField(config: OutputFieldConfig) {
            if (config.parentType !== 'Query') return;
            const contentType = config.extensions?.strapi?.contentType ?? typeRegistry.get(config.type)?.config?.contentType;
            if (!contentType || !isLocalized(strapi, contentType.uid)) return;
            config.args = {
              ...config.args,
              fallback: nexus.arg({
                type: 'Boolean',
                description: 'Serve each document in the first locale of the requested locale’s fallback chain in which it is published',
              }),
            };
          },
        }),
      ],
    }));
  }
};

type OutputFieldConfig = {
  parentType: string;
  type: string;
  args?: Record<string, unknown>;
  extensions?: { strapi?: { contentType?: { uid: string } } };
};
type GraphqlExtensionArgs = {
  nexus: {
    plugin(config: { name: string; onAddOutputField(config: OutputFieldConfig): void }): unknown;
    arg(config: { type: string; description: string }): unknown;
  };
  typeRegistry: { get(name: string): { config?: { contentType?: { uid: string } } } | undefined };
};

/**
 * REST: `Content-Language` of the requested locale on a fallback read (the items' own `locale`
 * says which version each is), and the value checked before Strapi's own validation.
 */
export const fallbackResponseHeaders = (strapi: Core.Strapi) => async (ctx: Context, next: Next) => {
  const { fallback, locale } = ctx.query;
  if (fallback === undefined) return next();
  if (!fallbackRequested(Array.isArray(fallback) ? fallback.join(',') : fallback)) return next();
  const requested = await locales(strapi).resolve(typeof locale === 'string' ? locale : undefined);
  await next();
  if (ctx.status >= 200 && ctx.status < 300) ctx.set('Content-Language', requested);
};
