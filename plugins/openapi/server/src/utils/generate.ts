import type { Core } from '@strapi/strapi';
import { publicBaseUrl } from '@union-comms/kit';
import type { HttpMethod, OpenApiDocument, OperationFragment, OperationObject, ParameterObject, ResponseObject } from '../types';
import { coreOperation, PAGINATION_SCHEMA, type CoreAction } from './core-operations';
import { ERROR_SCHEMAS, errorResponses } from './errors';
import { foreignOperation } from './foreign-operations';
import { graphqlOperations, isOperationFragment } from './operations';
import { toOpenApiPath } from './paths';
import { contentApiRoutes, isPublic, type RegisteredRoute } from './routes';
import { createSchemaRegistry, entityName, type SchemaRegistry } from './schemas';

/**
 * The route's own responses over the standard error answers. A route that only words an error
 * differently (a description, no content) keeps the standard body: every error is Strapi's
 * shape, whoever documents it.
 */
const withErrorResponses = (standard: Record<string, ResponseObject>, own: Record<string, ResponseObject> | undefined) => {
  const merged: Record<string, ResponseObject> = { ...standard };
  for (const [status, response] of Object.entries(own ?? {})) {
    merged[status] = standard[status] && !response.content ? { ...standard[status], ...response } : response;
  }
  return merged;
};

/**
 * How an operation was documented (`x-documented-by`; `x-origin` says whose route it is,
 * `api::story` or `plugin::calendar`): the tests fail on `none` for a route of this app.
 */
export type DocumentedBy = 'config.openapi' | 'content-type' | 'route-declaration' | 'none';

export type GenerateInput = { publicActions: Set<string>; localeCodes: string[] };

const METHODS: Record<string, HttpMethod[]> = { GET: ['get'], POST: ['post'], PUT: ['put'], PATCH: ['patch'], DELETE: ['delete'], ALL: ['get', 'post'] };

const CORE_ACTIONS = new Set<string>(['find', 'findOne', 'create', 'update', 'delete']);
const isCoreAction = (value: string): value is CoreAction => CORE_ACTIONS.has(value);

/** `api::story.story.find` of a core router: the type and the action. */
const coreRoute = (strapi: Core.Strapi, route: RegisteredRoute): { uid: string; action: CoreAction } | null => {
  if (route.origin.kind !== 'api' || !route.handler) return null;
  const match = /^(api::[\w-]+\.[\w-]+)\.(\w+)$/.exec(route.handler);
  if (!match || !isCoreAction(match[2]) || !(match[1] in strapi.contentTypes)) return null;
  return { uid: match[1], action: match[2] };
};

const tagOf = (strapi: Core.Strapi, route: RegisteredRoute): string => {
  if (route.origin.kind === 'plugin') return route.origin.name;
  const uid = Object.keys(strapi.contentTypes).find((candidate) => candidate.startsWith(`api::${route.origin.name}.`));
  return uid ? entityName(strapi, uid) : route.origin.name;
};

const operationId = (method: HttpMethod, path: string): string =>
  `${method}${path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('')}`;

type Documented = { fragment: OperationFragment; by: DocumentedBy; koaPath: string };

const describe = (strapi: Core.Strapi, route: RegisteredRoute, input: GenerateInput, registry: SchemaRegistry): Documented => {
  if (isOperationFragment(route.openapi)) return { fragment: route.openapi, by: 'config.openapi', koaPath: route.path };
  const core = coreRoute(strapi, route);
  const fragment = core ? coreOperation(strapi, core.uid, core.action, input.localeCodes, registry) : null;
  if (core && fragment) {
    // The core routes' `:id` is the document id (Strapi 5): named as what a client passes.
    return { fragment, by: 'content-type', koaPath: route.path.replace(/:id(?=$|\/)/, ':documentId') };
  }
  if (route.request !== undefined || route.response !== undefined || route.origin.name === 'upload') {
    return { fragment: foreignOperation(route, registry), by: 'route-declaration', koaPath: route.path };
  }
  return {
    fragment: {
      summary: route.handler ?? `${route.method} ${route.path}`,
      description: 'A public route whose declaration carries no description (`config.openapi`).',
      responses: { '200': { description: 'Success.' } },
    },
    by: 'none',
    koaPath: route.path,
  };
};

const withPathParameters = (parameters: ParameterObject[], names: string[]): ParameterObject[] => {
  const declared = new Set(parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name));
  const missing = names
    .filter((name) => !declared.has(name))
    .map((name): ParameterObject => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  // A path parameter is always required in OpenAPI; one the path does not have is dropped.
  const kept = parameters
    .filter((parameter) => parameter.in !== 'path' || names.includes(parameter.name))
    .map((parameter) => (parameter.in === 'path' ? { ...parameter, required: true } : parameter));
  return [...missing, ...kept];
};

/**
 * THE OpenAPI 3.1 document of the public API: every content-API route an unauthenticated
 * client may call (`auth: false`, or its action granted to the Public role), and GraphQL.
 */
export const generateDocument = (strapi: Core.Strapi, input: GenerateInput): OpenApiDocument => {
  const registry = createSchemaRegistry(strapi);
  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: 'union-comms public API',
      version: String(strapi.config.get('info.version', '0.0.0') ?? '0.0.0'),
      description:
        'What a website, an app or a partner federation can read without an account: published stories, events, guides, organisations, topics and consenting participants, ' +
        'their feeds and calendars, and GraphQL. Generated at start-up from the routes the server registers and the content-type schemas (plugins/openapi).',
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: publicBaseUrl(strapi) }],
    tags: [],
    paths: {},
    components: { schemas: {} },
  };
  const tags = new Set<string>();

  const add = (method: HttpMethod, koaPath: string, fragment: OperationFragment, by: DocumentedBy, defaultTag: string, origin: string) => {
    const { template, parameters: names } = toOpenApiPath(koaPath);
    const pathItem = (document.paths[template] ??= {});
    // The first route registered for a path and method answers it (Koa's router runs the first match).
    if (pathItem[method]) return;
    const { parameters: declared = [], ...rest } = fragment;
    const parameters = withPathParameters(declared, names);
    const operation: OperationObject & { 'x-documented-by': DocumentedBy; 'x-origin': string } = {
      ...rest,
      operationId: operationId(method, template),
      tags: fragment.tags?.length ? fragment.tags : [defaultTag],
      ...(parameters.length ? { parameters } : {}),
      responses: withErrorResponses(errorResponses({ hasPathParameters: names.length > 0 }), fragment.responses),
      'x-documented-by': by,
      'x-origin': origin,
    };
    operation.tags.forEach((tag) => tags.add(tag));
    pathItem[method] = operation;
  };

  for (const route of contentApiRoutes(strapi)) {
    if (!isPublic(route, input.publicActions)) continue;
    const { fragment, by, koaPath } = describe(strapi, route, input, registry);
    for (const method of METHODS[route.method] ?? []) add(method, koaPath, fragment, by, tagOf(strapi, route), `${route.origin.kind}::${route.origin.name}`);
  }

  const graphql = strapi.plugin('graphql');
  if (graphql) {
    const endpoint = String(graphql.config('endpoint') ?? '/graphql');
    const operations = graphqlOperations();
    add('post', endpoint, operations.post, 'config.openapi', 'GraphQL', 'plugin::graphql');
    add('get', endpoint, operations.get, 'config.openapi', 'GraphQL', 'plugin::graphql');
  }

  // Paths in a stable order, so that the document (and its ETag) only changes with the API.
  document.paths = Object.fromEntries(Object.entries(document.paths).sort(([a], [b]) => a.localeCompare(b)));
  document.tags = [...tags].sort().map((name) => ({ name }));
  document.components.schemas = {
    ...Object.fromEntries(Object.entries(registry.schemas()).sort(([a], [b]) => a.localeCompare(b))),
    Pagination: PAGINATION_SCHEMA,
    ...ERROR_SCHEMAS,
  };
  return document;
};
