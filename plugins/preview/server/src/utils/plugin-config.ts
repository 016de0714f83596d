import type { Core, UID } from '@strapi/strapi';
import { checkContentTypes } from '@union-comms/kit';
import type { PreviewConfig } from '../config';
import { CONTENT_TYPE_KEYS, REQUIRED_ATTRIBUTES, TYPE_PATHS, type ContentTypeKey } from '../config/content-types';

export const pluginConfig = (strapi: Core.Strapi): PreviewConfig => strapi.config.get('plugin::preview') as PreviewConfig;

/** The configured type key of a uid (`api::story.story` → `story`); undefined for a type the plugin does not preview. */
export const keyOfUid = (strapi: Core.Strapi, uid: string): ContentTypeKey | undefined =>
  CONTENT_TYPE_KEYS.find((key) => pluginConfig(strapi).contentTypes[key] === uid);

/** The configured type key of a path segment (`stories` → `story`). */
export const keyOfPath = (segment: string): ContentTypeKey | undefined => CONTENT_TYPE_KEYS.find((key) => TYPE_PATHS[key] === segment);

export const uidOf = (strapi: Core.Strapi, key: ContentTypeKey): UID.ContentType => pluginConfig(strapi).contentTypes[key] as UID.ContentType;

/** Stops the boot when a configured uid is not a content type of the app or lacks what the page reads. */
export const validateContentTypes = (strapi: Core.Strapi): void =>
  checkContentTypes(strapi, { plugin: 'preview', reader: 'the preview page', uids: pluginConfig(strapi).contentTypes, required: REQUIRED_ATTRIBUTES });
