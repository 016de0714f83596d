import { z } from '@strapi/utils';
import type { JsonSchema, OperationFragment, ParameterObject, RequestBodyObject } from '../types';
import type { RegisteredRoute } from './routes';
import { isRaw } from './routes';
import { pascal, UPLOAD_FILE, type SchemaRegistry } from './schemas';

/**
 * Operations of routes this app does not own (Strapi's upload and users-permissions plugins),
 * which cannot carry `config.openapi`: built from what the route declares itself, the Zod
 * schemas of `request` and `response` that Strapi's own routes carry, converted to JSON Schema.
 * Uploaded files are described from the file type's schema, as the app's own types are.
 */

/** Replaces every `$ref` of a schema (deeply) by what `rewrite` answers. */
const rewriteRefs = (value: unknown, rewrite: (ref: string) => string): unknown => {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, rewrite));
  if (!isRaw(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, key === '$ref' && typeof item === 'string' ? rewrite(item) : rewriteRefs(item, rewrite)]),
  );
};

/**
 * A Zod schema as JSON Schema inside the document. Zod writes recursive and shared parts as
 * `$defs` of the schema itself (`#/$defs/__schema0`, `#` for the root), which mean nothing once
 * the schema is nested in an operation: they become components named `<name>…`.
 */
const toJsonSchema = (value: unknown, name: string, registry: SchemaRegistry): JsonSchema | null => {
  if (!(value instanceof z.ZodType)) return null;
  let converted: JsonSchema;
  try {
    converted = z.toJSONSchema(value, { target: 'draft-2020-12', unrepresentable: 'any', io: 'output' });
  } catch {
    return null;
  }
  const { $schema: _dialect, $defs: defs, ...root } = converted;
  const component = (key: string) => `#/components/schemas/${name}${key.replace(/[^A-Za-z0-9]/g, '')}`;
  const rewrite = (ref: string) => (ref === '#' ? component('') : ref.startsWith('#/$defs/') ? component(ref.slice('#/$defs/'.length)) : ref);
  const schema = rewriteRefs(root, rewrite);
  if (!isRaw(schema)) return null;
  if (isRaw(defs)) {
    for (const [key, definition] of Object.entries(defs)) {
      const rewritten = rewriteRefs(definition, rewrite);
      if (isRaw(rewritten)) registry.define(component(key).split('/').pop() ?? key, rewritten);
    }
  }
  if (JSON.stringify(schema).includes(`"${component('')}"`)) registry.define(name, schema);
  return schema;
};

const isObjectSchema = (schema: JsonSchema): boolean => schema.type === 'object' || Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf);

const declaredParameters = (declared: unknown, location: 'query' | 'path', prefix: string, registry: SchemaRegistry): ParameterObject[] => {
  if (!isRaw(declared)) return [];
  return Object.entries(declared).flatMap(([name, value]): ParameterObject[] => {
    const schema = toJsonSchema(value, `${prefix}${pascal(name)}`, registry) ?? {};
    const required = location === 'path' || (value instanceof z.ZodType && !value.safeParse(undefined).success);
    return [{ name, in: location, required, schema, ...(location === 'query' && isObjectSchema(schema) ? { style: 'deepObject', explode: true } : {}) }];
  });
};

const declaredBody = (declared: unknown, prefix: string, registry: SchemaRegistry): RequestBodyObject | undefined => {
  if (!isRaw(declared)) return undefined;
  const content = Object.fromEntries(
    Object.entries(declared).flatMap(([mediaType, value]) =>
      ((schema) => (schema ? [[mediaType, { schema }]] : []))(toJsonSchema(value, `${prefix}Body`, registry)),
    ),
  );
  return Object.keys(content).length ? { required: true, content } : undefined;
};

/** What a route of another plugin tells about itself. */
export const foreignOperation = (route: RegisteredRoute, registry: SchemaRegistry): OperationFragment => {
  const action = route.handler ?? `${route.method} ${route.path}`;
  const request = isRaw(route.request) ? route.request : {};
  // Names of the components its schemas may need: `UsersPermissionsAuthRegister…`.
  const prefix = pascal(`${route.origin.name} ${action}`);
  const uploadFile = route.origin.name === 'upload' && /^content-api\.(find|findOne|findPage)$/.exec(route.handler ?? '')?.[1];
  const responseSchema =
    uploadFile === 'find'
      ? { type: 'array', items: registry.entity(UPLOAD_FILE) }
      : uploadFile === 'findOne'
        ? registry.entity(UPLOAD_FILE)
        : toJsonSchema(route.response, `${prefix}Response`, registry);
  const requestBody = declaredBody(request.body, prefix, registry);
  return {
    summary: `${route.origin.name}: ${action}`,
    description: `A route of Strapi's \`${route.origin.name}\` plugin (\`${action}\`), documented from its own declaration.`,
    parameters: [...declaredParameters(request.params, 'path', prefix, registry), ...declaredParameters(request.query, 'query', prefix, registry)],
    ...(requestBody ? { requestBody } : {}),
    responses: {
      '200': {
        description: 'Success.',
        ...(responseSchema ? { content: { 'application/json': { schema: responseSchema } } } : {}),
      },
    },
  };
};
