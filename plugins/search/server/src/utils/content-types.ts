import type { Core, UID } from '@strapi/strapi';
import { fieldPaths, INDEXED_TYPES, TYPE_KEYS, type FieldPath, type TypeKey } from '../config/content-types';
import type { SearchConfig } from '../config';

type Attribute = { type?: string; private?: boolean; component?: string; repeatable?: boolean };
type Attributes = Record<string, Attribute>;

/** Attribute types the plugin reads as text; `richtext` is Markdown. */
const TEXT_TYPES = new Set(['string', 'text', 'richtext', 'uid']);

/** How one configured type is read (built at boot from its schema). */
export type TypeReader = {
  key: TypeKey;
  uid: UID.ContentType;
  draftAndPublish: boolean;
  /** Scalar attributes to select. */
  select: string[];
  /** Components to populate, with the attributes to select of each. */
  populate: Record<string, { select: string[] }>;
  /** Rich-text (Markdown) attribute paths. */
  richText: Set<FieldPath>;
};

export const pluginConfig = (strapi: Core.Strapi): SearchConfig => strapi.config.get('plugin::search') as SearchConfig;

const problemsOf = (strapi: Core.Strapi, key: TypeKey, attributes: Attributes): string[] =>
  fieldPaths(INDEXED_TYPES[key]).flatMap((path) => {
    const [name, nested] = path.split('.');
    const attribute = attributes[name];
    if (!attribute) return [`${name} is missing`];
    if (attribute.private) return [`${name} is private`];
    if (nested === undefined) return TEXT_TYPES.has(attribute.type ?? '') ? [] : [`${name} is not a text attribute`];
    const component = attribute.type === 'component' && attribute.component ? strapi.components[attribute.component as UID.Component] : undefined;
    if (!component) return [`${name} is not a component`];
    const inner = (component.attributes as Attributes)[nested];
    if (!inner) return [`${path} is missing`];
    if (inner.private) return [`${path} is private`];
    return TEXT_TYPES.has(inner.type ?? '') ? [] : [`${path} is not a text attribute`];
  });

const readerOf = (strapi: Core.Strapi, key: TypeKey, uid: UID.ContentType): TypeReader => {
  const contentType = strapi.contentTypes[uid];
  const attributes = contentType.attributes as Attributes;
  const select = new Set<string>();
  const populate: Record<string, { select: string[] }> = {};
  const richText = new Set<FieldPath>();
  for (const path of fieldPaths(INDEXED_TYPES[key])) {
    const [name, nested] = path.split('.');
    if (nested === undefined) {
      select.add(name);
      if (attributes[name].type === 'richtext') richText.add(path);
      continue;
    }
    populate[name] = { select: [...(populate[name]?.select ?? []), nested] };
    const component = strapi.components[attributes[name].component as UID.Component];
    if ((component.attributes as Attributes)[nested].type === 'richtext') richText.add(path);
  }
  return {
    key,
    uid,
    draftAndPublish: contentType.options?.draftAndPublish === true,
    select: [...new Set([...select, INDEXED_TYPES[key].slug, 'documentId', 'locale', 'publishedAt', 'updatedAt'])],
    populate,
    richText,
  };
};

const readers = new WeakMap<Core.Strapi, Map<TypeKey, TypeReader>>();

/**
 * Stops the boot when a configured uid is not a content type of the app, is the wrong kind of
 * type (participants are never indexed: only the keys of config/content-types exist), or lacks
 * (or hides as private) an attribute the plugin indexes. Returns how each type is read.
 */
export const validateContentTypes = (strapi: Core.Strapi): Map<TypeKey, TypeReader> => {
  const configured = pluginConfig(strapi).contentTypes;
  const found = new Map<TypeKey, TypeReader>();
  for (const key of TYPE_KEYS) {
    const uid = configured[key];
    if (uid === undefined) continue;
    const contentType = strapi.contentTypes[uid as UID.ContentType];
    if (!contentType) throw new Error(`search config contentTypes.${key}: "${uid}" is not a content type of this app`);
    const problems = problemsOf(strapi, key, contentType.attributes as Attributes);
    if (problems.length) throw new Error(`search config contentTypes.${key}: "${uid}" cannot be indexed: ${problems.join(', ')}`);
    found.set(key, readerOf(strapi, key, uid as UID.ContentType));
  }
  readers.set(strapi, found);
  return found;
};

/** The configured types, by key (validated at boot). */
export const typeReaders = (strapi: Core.Strapi): Map<TypeKey, TypeReader> => readers.get(strapi) ?? validateContentTypes(strapi);

/** The key of a configured uid, if it is one. */
export const keyOfUid = (strapi: Core.Strapi, uid: string): TypeKey | undefined => {
  for (const [key, configured] of Object.entries(pluginConfig(strapi).contentTypes)) if (configured === uid) return key as TypeKey;
  return undefined;
};
