import type { Core, Schema, UID } from '@strapi/strapi';
import { getPublicReadRule } from './public-reads';

type Entity = Record<string, unknown> & { id?: number | string };
type AnySchema = Schema.ContentType | Schema.Component;

const isEntity = (value: unknown): value is Entity => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The last line of the public-read rule (src/privacy/public-reads.ts): on its way out, every
 * content-API answer loses the rows of a row-protected type (participants without consent and
 * their participations) that the rule does not let the public see, at any populate depth. Public
 * reads never load such rows in the first place; this catches what a trusted read put in an
 * answer (a full-access token's write returns what it wrote). It asks the database, with the
 * rule's own condition, rather than trusting the response: a client choosing `fields` could
 * leave the consent flag out of what it receives.
 */
export const createOutputSanitizer = (strapi: Core.Strapi) => {
  const rule = getPublicReadRule(strapi);
  const getModel = (uid: string): AnySchema | undefined => strapi.getModel(uid as UID.Schema) as AnySchema | undefined;

  /** Collects, per row-protected uid, the objects found under `data` read as `schema`. */
  const collect = (data: unknown, schema: AnySchema | undefined, found: Map<string, Entity[]>): void => {
    if (!schema || data === null || data === undefined) return;
    if (Array.isArray(data)) {
      data.forEach((item) => collect(item, schema, found));
      return;
    }
    if (!isEntity(data)) return;
    if (rule.rowProtected(schema.uid)) found.set(schema.uid, [...(found.get(schema.uid) ?? []), data]);
    for (const [key, attribute] of Object.entries(schema.attributes)) {
      const value = data[key];
      if (value === undefined || value === null) continue;
      if (attribute.type === 'relation' && 'target' in attribute && attribute.target) {
        collect(value, getModel(attribute.target as string), found);
      } else if (attribute.type === 'component') {
        collect(value, getModel(attribute.component), found);
      } else if (attribute.type === 'dynamiczone' && Array.isArray(value)) {
        value.forEach((item) => isEntity(item) && typeof item.__component === 'string' && collect(item, getModel(item.__component), found));
      }
    }
  };

  /** Copies `data` without the objects in `hidden` (null where one stood alone, left out of lists). */
  const redact = (data: unknown, hidden: Set<Entity>): unknown => {
    if (Array.isArray(data)) {
      return data.filter((item) => !(isEntity(item) && hidden.has(item))).map((item) => redact(item, hidden));
    }
    if (!isEntity(data)) return data;
    if (hidden.has(data)) return null;
    const copy: Entity = {};
    for (const [key, value] of Object.entries(data)) copy[key] = typeof value === 'object' && value !== null ? redact(value, hidden) : value;
    return copy;
  };

  return (schema: { uid: string }) => async (data: unknown) => {
    const found = new Map<string, Entity[]>();
    collect(data, getModel(schema.uid), found);
    if (found.size === 0) return data;

    const hidden = new Set<Entity>();
    for (const [uid, entities] of found) {
      const visible = await rule.visibleIds(
        uid,
        entities.map((entity) => entity.id),
      );
      for (const entity of entities) if (entity.id === undefined || !visible.has(String(entity.id))) hidden.add(entity);
    }
    return hidden.size === 0 ? data : redact(data, hidden);
  };
};

type Sanitizer = Parameters<Core.Strapi['sanitizers']['add']>[1];

export const registerOutputSanitizer = (strapi: Core.Strapi): void => {
  // Strapi types a sanitizer as a curried lodash function; ours is a plain (schema) => (data) => data.
  strapi.sanitizers.add('content-api.output', createOutputSanitizer(strapi) as unknown as Sanitizer);
};
