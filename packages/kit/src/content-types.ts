import type { Core, UID } from '@strapi/strapi';

/**
 * What a plugin reads of an attribute of a type its config names: the attribute itself, a
 * relation to another configured type (by its config key), or a component with attributes of
 * its own.
 */
export type AttributeNeed<Key extends string = string> = true | { relation: Key } | { component: Record<string, AttributeNeed<Key>> };

type Attributes = Record<string, { type?: string; target?: string; component?: string }>;

/** The attributes of `attributes` that `needs` asks for and that are absent or of another kind. */
const missingAttributes = <Key extends string>(
  strapi: Core.Strapi,
  uids: Record<Key, string>,
  attributes: Attributes,
  needs: Record<string, AttributeNeed<Key>>,
  prefix = '',
): string[] =>
  Object.entries(needs).flatMap(([name, need]) => {
    const attribute = attributes[name];
    const path = `${prefix}${name}`;
    if (!attribute) return [path];
    if (need === true) return [];
    if ('relation' in need) {
      const target = uids[need.relation];
      return attribute.type === 'relation' && attribute.target === target ? [] : [`${path} (a relation to ${target})`];
    }
    const component = attribute.type === 'component' && attribute.component ? strapi.components[attribute.component as UID.Component] : undefined;
    if (!component) return [`${path} (a component)`];
    return missingAttributes(strapi, uids, component.attributes as Attributes, need.component, `${path}.`);
  });

/**
 * Stops the boot when a uid a plugin's config names (`<plugin>.config.contentTypes`) is not a
 * content type of the app, or lacks an attribute the plugin reads, naming the config key, the
 * uid and what is missing. `reader` names the plugin in the message ("the calendar reads").
 */
export const checkContentTypes = <Key extends string>(
  strapi: Core.Strapi,
  options: { plugin: string; reader: string; uids: Record<Key, string>; required: Record<Key, Record<string, AttributeNeed<Key>>> },
): void => {
  const { plugin, reader, uids, required } = options;
  for (const key of Object.keys(required) as Key[]) {
    const uid = uids[key];
    const contentType = strapi.contentTypes[uid as UID.ContentType];
    if (!contentType) throw new Error(`${plugin} config contentTypes.${key}: "${uid}" is not a content type of this app`);
    const missing = missingAttributes(strapi, uids, contentType.attributes as Attributes, required[key]);
    if (missing.length) throw new Error(`${plugin} config contentTypes.${key}: "${uid}" lacks attribute(s) ${reader} reads: ${missing.join(', ')}`);
  }
};
