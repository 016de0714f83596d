import type { JsonSchema, OperationFragment, ParameterObject } from '../types';
import { isRaw } from './routes';

/** Whether a route's `config.openapi` has the shape of an Operation Object fragment (README). */
export const isOperationFragment = (value: unknown): value is OperationFragment => {
  if (!isRaw(value) || typeof value.summary !== 'string' || value.summary.length === 0) return false;
  if (value.description !== undefined && typeof value.description !== 'string') return false;
  if (value.tags !== undefined && !(Array.isArray(value.tags) && value.tags.every((tag) => typeof tag === 'string'))) return false;
  if (value.parameters !== undefined && !(Array.isArray(value.parameters) && value.parameters.every(isParameter))) return false;
  if (value.responses !== undefined && !(isRaw(value.responses) && Object.values(value.responses).every(isResponse))) return false;
  return value.requestBody === undefined || (isRaw(value.requestBody) && isRaw(value.requestBody.content));
};

const isParameter = (value: unknown): value is ParameterObject =>
  isRaw(value) && typeof value.name === 'string' && (value.in === 'query' || value.in === 'path' || value.in === 'header') && isRaw(value.schema);

const isResponse = (value: unknown): boolean =>
  isRaw(value) &&
  typeof value.description === 'string' &&
  (value.content === undefined || (isRaw(value.content) && Object.values(value.content).every((media) => isRaw(media) && isRaw(media.schema))));

/** The GraphQL endpoint (the graphql plugin registers it outside any router, `auth: false`). */
export const graphqlOperations = (): { get: OperationFragment; post: OperationFragment } => {
  const result: JsonSchema = {
    type: 'object',
    description: "A GraphQL answer: `data`, and `errors` if any (with `extensions.code` and, for bad input, `extensions.error` in Strapi's shape).",
    properties: {
      data: { anyOf: [{ type: 'object' }, { type: 'null' }] },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          properties: { message: { type: 'string' }, path: { type: 'array' }, extensions: { type: 'object' } },
          required: ['message'],
        },
      },
    },
  };
  const responses = {
    '200': {
      description: 'The query ran (its result may still carry `errors`).',
      content: { 'application/json': { schema: result }, 'application/graphql-response+json': { schema: result } },
    },
    '400': {
      description: 'The query was refused before it ran (syntax, unknown fields, depth, token, alias, cost or directive limits, bad arguments).',
      content: { 'application/json': { schema: result }, 'application/graphql-response+json': { schema: result } },
    },
  };
  const description =
    'Every public type, with the same rules as REST (public rows only, page cap) and limits on depth, tokens, aliases, cost and directives. Introspection is off in production.';
  return {
    post: {
      summary: 'Run a GraphQL query',
      description,
      tags: ['GraphQL'],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: { query: { type: 'string' }, variables: { type: 'object' }, operationName: { type: 'string' } },
              required: ['query'],
            },
          },
        },
      },
      responses,
    },
    get: {
      summary: 'Run a GraphQL query (GET, queries only)',
      description: `${description} Browsers without a query get the playground outside production.`,
      tags: ['GraphQL'],
      parameters: [
        { name: 'query', in: 'query', required: true, description: 'The GraphQL query.', schema: { type: 'string' } },
        { name: 'variables', in: 'query', description: 'Variables, as a JSON object.', schema: { type: 'string' } },
        { name: 'operationName', in: 'query', schema: { type: 'string' } },
      ],
      responses,
    },
  };
};
