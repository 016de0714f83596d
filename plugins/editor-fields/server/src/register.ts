import type { Core } from '@strapi/strapi';
import { CUSTOM_FIELDS } from './custom-fields';

/**
 * The custom fields, by the underlying type each is stored as: Strapi swaps `customField` for
 * that type once every plugin has registered, so the database, REST, GraphQL and validation see
 * the same string or datetime as before; only the admin's input differs.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.customFields.register(CUSTOM_FIELDS.map(({ name, type }) => ({ name, plugin: 'editor-fields', type })));
};
