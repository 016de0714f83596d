import type { Core } from '@strapi/strapi';
import type { JsonSchema } from '../types';
import { isRaw, type Raw } from './routes';

/**
 * JSON Schemas (2020-12) of what the REST API answers, derived from the content-type and
 * component schemas Strapi loaded (`strapi.contentTypes`, `strapi.components`). Private
 * attributes (`private: true`, or listed in `api.responses.privateAttributes`) never appear,
 * not even as names: the document is public too.
 *
 * Every attribute is optional (`fields` and `populate` choose what an answer carries); a
 * `required` attribute is never null (only published versions are public, and Strapi checks
 * `required` when it publishes). Entities close their properties (`additionalProperties:
 * false`), so a test validating real answers against them notices a field that should not be there.
 */

export const UPLOAD_FILE = 'plugin::upload.file';

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });

export const pascal = (value: string): string =>
  value
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');

/** `api::story.story` → `Story`; `plugin::upload.file` → `UploadFile`; a component `story.source` → `StorySourceComponent`. */
export const entityName = (strapi: Core.Strapi, uid: string): string => {
  const contentType: unknown = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
  const info = isRaw(contentType) && isRaw(contentType.info) ? contentType.info : {};
  const singular = typeof info.singularName === 'string' ? info.singularName : (uid.split('.').pop() ?? uid);
  if (uid.startsWith('api::')) return pascal(singular);
  const plugin = /^plugin::([\w-]+)\./.exec(uid)?.[1] ?? uid.split('::')[0];
  return pascal(`${plugin}-${singular}`);
};

export const componentName = (uid: string): string => `${pascal(uid)}Component`;

export type SchemaRegistry = {
  /** A `$ref` to the schema of an entity (content type), adding it to the document. */
  entity(uid: string): JsonSchema;
  /** Adds a named schema (one a converted Zod schema refers to). */
  define(name: string, schema: JsonSchema): void;
  /** The schemas gathered so far, by name. */
  schemas(): Record<string, JsonSchema>;
  /** Whether the content type has the i18n plugin's `localized` option. */
  isLocalized(uid: string): boolean;
  /** The names of the attributes a client may ask for in `fields` (public scalars). */
  scalarFields(uid: string): string[];
};

const SCALARS: Record<string, JsonSchema> = {
  string: { type: 'string' },
  text: { type: 'string' },
  richtext: { type: 'string', description: 'Markdown' },
  email: { type: 'string', format: 'email' },
  uid: { type: 'string' },
  password: { type: 'string' },
  date: { type: 'string', format: 'date' },
  time: { type: 'string', description: 'HH:mm:ss.SSS' },
  datetime: { type: 'string', format: 'date-time' },
  timestamp: { type: 'string', format: 'date-time' },
  integer: { type: 'integer' },
  // Strapi answers big integers as strings (they may not fit in a JSON number).
  biginteger: { type: 'string', pattern: '^-?\\d+$' },
  float: { type: 'number' },
  decimal: { type: 'number' },
  boolean: { type: 'boolean' },
  json: {},
  blocks: { type: 'array', items: { type: 'object' }, description: 'Strapi blocks (rich text as JSON)' },
};

const isScalar = (type: unknown): boolean => typeof type === 'string' && (type in SCALARS || type === 'enumeration');

const attributesOf = (model: unknown): Record<string, Raw> => {
  if (!isRaw(model) || !isRaw(model.attributes)) return {};
  return Object.fromEntries(Object.entries(model.attributes).filter((entry): entry is [string, Raw] => isRaw(entry[1])));
};

export const createSchemaRegistry = (strapi: Core.Strapi): SchemaRegistry => {
  const schemas: Record<string, JsonSchema> = {};
  const globalPrivate = new Set<string>(
    ((value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []))(
      strapi.config.get('api.responses.privateAttributes', []),
    ),
  );
  const isPrivate = (name: string, attribute: Raw) => attribute.private === true || globalPrivate.has(name);
  const contentTypeOf = (uid: string): unknown => strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
  const componentOf = (uid: string): unknown => strapi.components[uid as keyof typeof strapi.components];

  const scalar = (attribute: Raw): JsonSchema => {
    // Custom fields arrive with their underlying type (Strapi resolves it when it loads the schema).
    const { type } = attribute;
    if (type === 'enumeration') return { type: 'string', enum: Array.isArray(attribute.enum) ? attribute.enum : [] };
    const base = SCALARS[String(type)] ?? {};
    const schema: JsonSchema = { ...base };
    if (base.type === 'string' && typeof attribute.maxLength === 'number') schema.maxLength = attribute.maxLength;
    if (base.type === 'string' && typeof attribute.regex === 'string') schema.pattern = attribute.regex;
    if (base.type === 'integer' && typeof attribute.min === 'number') schema.minimum = attribute.min;
    return schema;
  };

  const related = (target: unknown): JsonSchema => {
    if (typeof target !== 'string') return { type: 'object' };
    if (target.startsWith('api::') || target === UPLOAD_FILE) return registry.entity(target);
    // Types of other plugins (users, roles): never public here, shown as an opaque object.
    return { type: 'object' };
  };

  const attributeSchema = (attribute: Raw): JsonSchema => {
    const required = attribute.required === true;
    switch (attribute.type) {
      case 'relation': {
        const many = typeof attribute.relation === 'string' && /(?:ToMany|^manyWay|^morphMany)$/.test(attribute.relation);
        if (typeof attribute.relation === 'string' && attribute.relation.startsWith('morph')) {
          return many ? { type: 'array', items: { type: 'object' } } : nullable({ type: 'object' });
        }
        return many ? { type: 'array', items: related(attribute.target) } : nullable(related(attribute.target));
      }
      case 'media':
        return attribute.multiple === true ? nullable({ type: 'array', items: registry.entity(UPLOAD_FILE) }) : nullable(registry.entity(UPLOAD_FILE));
      case 'component': {
        const component = typeof attribute.component === 'string' ? componentRef(attribute.component) : { type: 'object' };
        return attribute.repeatable === true ? { type: 'array', items: component } : nullable(component);
      }
      case 'dynamiczone': {
        const components = Array.isArray(attribute.components) ? attribute.components.filter((uid): uid is string => typeof uid === 'string') : [];
        return { type: 'array', items: { oneOf: components.map(componentRef) } };
      }
      default: {
        const schema = scalar(attribute);
        if (attribute.type === 'json') return schema;
        return required ? schema : nullable(schema);
      }
    }
  };

  const objectSchema = (model: unknown, base: Record<string, JsonSchema>, description: string | undefined): JsonSchema => {
    const properties: Record<string, JsonSchema> = { ...base };
    for (const [name, attribute] of Object.entries(attributesOf(model))) {
      if (isPrivate(name, attribute)) continue;
      properties[name] = attributeSchema(attribute);
    }
    return { type: 'object', ...(description ? { description } : {}), properties, required: Object.keys(base), additionalProperties: false };
  };

  const descriptionOf = (model: unknown): string | undefined =>
    isRaw(model) && isRaw(model.info) && typeof model.info.description === 'string' && model.info.description ? model.info.description : undefined;

  const componentRef = (uid: string): JsonSchema => {
    const name = componentName(uid);
    if (!(name in schemas)) {
      schemas[name] = {};
      const base: Record<string, JsonSchema> = { id: { type: 'integer' } };
      const schema = objectSchema(componentOf(uid), base, descriptionOf(componentOf(uid)));
      // In a dynamic zone each entry says which component it is.
      if (isRaw(schema.properties)) schema.properties.__component = { const: uid };
      schemas[name] = schema;
    }
    return ref(name);
  };

  const registry: SchemaRegistry = {
    entity(uid) {
      const name = entityName(strapi, uid);
      if (!(name in schemas)) {
        schemas[name] = {};
        const model = contentTypeOf(uid);
        schemas[name] = objectSchema(model, { id: { type: 'integer' }, documentId: { type: 'string' } }, descriptionOf(model));
      }
      return ref(name);
    },
    define(name, schema) {
      schemas[name] ??= schema;
    },
    schemas: () => schemas,
    isLocalized(uid) {
      const model = contentTypeOf(uid);
      return isRaw(model) && isRaw(model.pluginOptions) && isRaw(model.pluginOptions.i18n) && model.pluginOptions.i18n.localized === true;
    },
    scalarFields(uid) {
      return Object.entries(attributesOf(contentTypeOf(uid)))
        .filter(([name, attribute]) => !isPrivate(name, attribute) && isScalar(attribute.type))
        .map(([name]) => name);
    },
  };
  return registry;
};
