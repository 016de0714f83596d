import { z } from '@strapi/utils';
import type { JsonSchema, OperationFragment, ParameterObject, RequestBodyObject } from '../types';
import type { RegisteredRoute } from './routes';
import { isRaw } from './routes';
import { UPLOAD_FILE, type SchemaRegistry } from './schemas';

/**
 * Operations of routes this app does not own (Strapi's upload and users-permissions plugins),
 * which cannot carry `config.openapi`: built from what the route declares itself, the Zod
 * schemas of `request` and `response` that Strapi's own routes carry, converted to JSON Schema.
 * Uploaded files are described from the file type's schema, as the app's own types are.
 */

const toJsonSchema = (value: unknown): JsonSchema | null => {
  if (!(value instanceof z.ZodType)) return null;
  try {
    const { $schema: _dialect, ...schema } = z.toJSONSchema(value, { target: 'draft-2020-12', unrepresentable: 'any', io: 'output' });
    return schema;
  } catch {
    return null;
  }
};

const isObjectSchema = (schema: JsonSchema): boolean => schema.type === 'object' || Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf);

const declaredParameters = (declared: unknown, location: 'query' | 'path'): ParameterObject[] => {
  if (!isRaw(declared)) return [];
  return Object.entries(declared).flatMap(([name, value]): ParameterObject[] => {
    const schema = toJsonSchema(value) ?? {};
    const required = location === 'path' || (value instanceof z.ZodType && !value.safeParse(undefined).success);
    return [{ name, in: location, required, schema, ...(location === 'query' && isObjectSchema(schema) ? { style: 'deepObject', explode: true } : {}) }];
  });
};

const declaredBody = (declared: unknown): RequestBodyObject | undefined => {
  if (!isRaw(declared)) return undefined;
  const content = Object.fromEntries(
    Object.entries(declared).flatMap(([mediaType, value]) => ((schema) => (schema ? [[mediaType, { schema }]] : []))(toJsonSchema(value))),
  );
  return Object.keys(content).length ? { required: true, content } : undefined;
};

/** What a route of another plugin tells about itself. */
export const foreignOperation = (route: RegisteredRoute, registry: SchemaRegistry): OperationFragment => {
  const action = route.handler ?? `${route.method} ${route.path}`;
  const request = isRaw(route.request) ? route.request : {};
  const uploadFile = route.origin.name === 'upload' && /^content-api\.(find|findOne|findPage)$/.exec(route.handler ?? '')?.[1];
  const responseSchema =
    uploadFile === 'find'
      ? { type: 'array', items: registry.entity(UPLOAD_FILE) }
      : uploadFile === 'findOne'
        ? registry.entity(UPLOAD_FILE)
        : toJsonSchema(route.response);
  const requestBody = declaredBody(request.body);
  return {
    summary: `${route.origin.name}: ${action}`,
    description: `A route of Strapi's \`${route.origin.name}\` plugin (\`${action}\`), documented from its own declaration.`,
    parameters: [...declaredParameters(request.params, 'path'), ...declaredParameters(request.query, 'query')],
    ...(requestBody ? { requestBody } : {}),
    responses: {
      '200': {
        description: 'Success.',
        ...(responseSchema ? { content: { 'application/json': { schema: responseSchema } } } : {}),
      },
    },
  };
};
