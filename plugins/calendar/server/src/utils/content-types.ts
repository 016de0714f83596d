import type { Core, UID } from '@strapi/strapi';
import { checkContentTypes } from '@union-comms/kit';
import { REQUIRED_ATTRIBUTES, type ContentTypesConfig } from '../config/content-types';
import { pluginConfig } from './urls';

/** The app's content-type uids the host named in `calendar.config.contentTypes`. */
export const contentTypes = (strapi: Core.Strapi): Record<keyof ContentTypesConfig, UID.ContentType> =>
  pluginConfig(strapi).contentTypes as Record<keyof ContentTypesConfig, UID.ContentType>;

/**
 * Stops the boot when a configured uid is not a content type of the app or lacks an attribute
 * the plugin reads (config/content-types), naming the config key, the uid and what is missing.
 */
export const validateContentTypes = (strapi: Core.Strapi): void =>
  checkContentTypes(strapi, { plugin: 'calendar', reader: 'the calendar', uids: pluginConfig(strapi).contentTypes, required: REQUIRED_ATTRIBUTES });
