import type { Core, UID } from '@strapi/strapi';
import { publicBaseUrl } from '@union-comms/kit';
import type { ContentTypeKey, SyndicationConfig } from '../config';

/** The plugin's validated config (defaults merged with config/plugins.ts). */
export const pluginConfig = (strapi: Core.Strapi): SyndicationConfig => strapi.config.get('plugin::syndication') as SyndicationConfig;

/** Uid of the host's content type named `key` in `syndication.config.contentTypes` (checked at bootstrap). */
export const contentTypeUid = (strapi: Core.Strapi, key: ContentTypeKey): UID.ContentType => pluginConfig(strapi).contentTypes[key] as UID.ContentType;

/** Public base URL of the website stories link to (falls back to the CMS's own URL). */
export const siteBaseUrl = (strapi: Core.Strapi): string => (pluginConfig(strapi).siteUrl || publicBaseUrl(strapi)).replace(/\/+$/, '');
