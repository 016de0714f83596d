import type { Core, UID } from '@strapi/strapi';
import { CONTENT_TYPE_KEYS, REQUIRED_ATTRIBUTES, type AttributeNeed, type ContentTypesConfig } from '../config/content-types';
import { pluginConfig } from './urls';

/** The app's content-type uids the host named in `structured-data.config.contentTypes`. */
export const contentTypes = (strapi: Core.Strapi): Record<keyof ContentTypesConfig, UID.ContentType> =>
  pluginConfig(strapi).contentTypes as Record<keyof ContentTypesConfig, UID.ContentType>;

type Attributes = Record<string, { type?: string; target?: string; component?: string }>;

/** The attributes of `attributes` that `needs` asks for and that are absent or of another kind. */
const missingAttributes = (
  strapi: Core.Strapi,
  uids: ContentTypesConfig,
  attributes: Attributes,
  needs: Record<string, AttributeNeed>,
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
 * Stops the boot when a configured uid is not a content type of the app or lacks an attribute
 * the plugin reads (config/content-types), naming the config key, the uid and what is missing.
 */
export const validateContentTypes = (strapi: Core.Strapi): void => {
  const uids = pluginConfig(strapi).contentTypes;
  for (const key of CONTENT_TYPE_KEYS) {
    const uid = uids[key];
    const contentType = strapi.contentTypes[uid as UID.ContentType];
    if (!contentType) throw new Error(`structured-data config contentTypes.${key}: "${uid}" is not a content type of this app`);
    const missing = missingAttributes(strapi, uids, contentType.attributes as Attributes, REQUIRED_ATTRIBUTES[key]);
    if (missing.length) throw new Error(`structured-data config contentTypes.${key}: "${uid}" lacks attribute(s) the plugin reads: ${missing.join(', ')}`);
  }
};
