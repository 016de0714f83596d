import type { Core } from '@strapi/strapi';
import type { JsonSchema, OperationFragment, ParameterObject } from '../types';
import { entityName, type SchemaRegistry } from './schemas';

/**
 * The operations of the core REST routes (`createCoreRouter`): `find` (GET /api/<plural>) and
 * `findOne` (GET /api/<plural>/{documentId}), with the query parameters Strapi's REST API
 * accepts for a public read and the answers built from the type's schema. `status` is left
 * out: drafts are never public (the app refuses `status=draft`).
 */

export type CoreAction = 'find' | 'findOne' | 'create' | 'update' | 'delete';

const stringOrList: JsonSchema = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };

const query = (name: string, schema: JsonSchema, description: string, extra: Partial<ParameterObject> = {}): ParameterObject => ({
  name,
  in: 'query',
  description,
  schema,
  ...extra,
});

type Context = { uid: string; localeCodes: string[]; maxPageSize: number; registry: SchemaRegistry };

const readParameters = ({ uid, localeCodes, registry }: Context): ParameterObject[] => {
  const fields = registry.scalarFields(uid);
  const localized = registry.isLocalized(uid);
  return [
    ...(localized
      ? [
          query('locale', { type: 'string', enum: localeCodes }, 'Locale of the documents (the default locale when absent); an unknown locale is a 400.'),
          query(
            'fallback',
            { type: 'boolean' },
            '`true`: each document in the first locale of the configured fallback chain of `locale` in which it is published (kk → ru → en), instead of only the documents published in `locale`.',
          ),
        ]
      : []),
    query(
      'fields',
      {
        anyOf: [
          { type: 'string', enum: fields },
          { type: 'array', items: { type: 'string', enum: fields } },
        ],
      },
      'Attributes to answer with (`fields[0]=title&fields[1]=slug`); `id` and `documentId` always come.',
      { style: 'form', explode: true },
    ),
    query(
      'populate',
      { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'object' }] },
      'Relations, media and components to include: `*`, `populate[0]=publisher`, or nested (`populate[participations][populate][0]=participant`). Filters and sorts inside it follow the same public-read rules.',
      { style: 'deepObject', explode: true },
    ),
  ];
};

const listParameters = (context: Context): ParameterObject[] => [
  ...readParameters(context),
  query(
    'filters',
    { type: 'object' },
    'Strapi filters (`filters[slug][$eq]=turin-course`, operators `$eq`, `$ne`, `$in`, `$contains`, `$lt`, …, `$and`, `$or`); only public rows match, private attributes cannot be filtered on.',
    { style: 'deepObject', explode: true },
  ),
  query('sort', stringOrList, 'Sort order: `publishedAt:desc`, or `sort[0]=title:asc&sort[1]=id:desc`.', { style: 'form', explode: true }),
  query('pagination[page]', { type: 'integer', minimum: 1 }, 'Page number (with `pagination[pageSize]`).'),
  query('pagination[pageSize]', { type: 'integer', minimum: 1, maximum: context.maxPageSize }, `Page size, at most ${context.maxPageSize}.`),
  query('pagination[start]', { type: 'integer', minimum: 0 }, 'Offset (with `pagination[limit]`, instead of page and pageSize).'),
  query('pagination[limit]', { type: 'integer', minimum: 1, maximum: context.maxPageSize }, `Number of documents, at most ${context.maxPageSize}.`),
  query('pagination[withCount]', { type: 'boolean' }, 'Whether `meta.pagination` carries `total` and `pageCount` (default true).'),
];

export const PAGINATION_SCHEMA: JsonSchema = {
  description: 'Page and page size (or start and limit, as asked).',
  anyOf: [
    {
      type: 'object',
      properties: { page: { type: 'integer' }, pageSize: { type: 'integer' }, pageCount: { type: 'integer' }, total: { type: 'integer' } },
      required: ['page', 'pageSize'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: { start: { type: 'integer' }, limit: { type: 'integer' }, total: { type: 'integer' } },
      required: ['start', 'limit'],
      additionalProperties: false,
    },
  ],
};

export const listResponseSchema = (entity: JsonSchema): JsonSchema => ({
  type: 'object',
  properties: {
    data: { type: 'array', items: entity },
    meta: {
      type: 'object',
      properties: { pagination: { $ref: '#/components/schemas/Pagination' } },
      required: ['pagination'],
    },
  },
  required: ['data', 'meta'],
  additionalProperties: false,
});

export const singleResponseSchema = (entity: JsonSchema): JsonSchema => ({
  type: 'object',
  properties: { data: entity, meta: { type: 'object' } },
  required: ['data', 'meta'],
  additionalProperties: false,
});

/** The documented operation of a core route, or null for an action it does not document. */
export const coreOperation = (
  strapi: Core.Strapi,
  uid: string,
  action: CoreAction,
  localeCodes: string[],
  registry: SchemaRegistry,
): OperationFragment | null => {
  const contentType: unknown = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
  if (!contentType) return null;
  const maxPageSize = Number(strapi.config.get('api.rest.maxLimit', 100)) || 100;
  const context: Context = { uid, localeCodes, maxPageSize, registry };
  const entity = registry.entity(uid);
  const name = entityName(strapi, uid);
  if (action === 'find') {
    return {
      summary: `List published ${name} documents`,
      parameters: listParameters(context),
      responses: { '200': { description: `A page of ${name} documents.`, content: { 'application/json': { schema: listResponseSchema(entity) } } } },
    };
  }
  if (action === 'findOne') {
    return {
      summary: `One published ${name} document`,
      parameters: [
        {
          name: 'documentId',
          in: 'path',
          required: true,
          description: 'The document id (`documentId`, the same in every locale).',
          schema: { type: 'string' },
        },
        ...readParameters(context),
      ],
      responses: { '200': { description: `The ${name} document.`, content: { 'application/json': { schema: singleResponseSchema(entity) } } } },
    };
  }
  // Write routes are documented only if the Public role may call them (never, today): generic.
  return null;
};
