import type { Core } from '@strapi/strapi';
import { publicBaseUrl, restPrefix } from '@union-comms/kit';
import type { StructuredDataConfig } from '../config';

export const pluginConfig = (strapi: Core.Strapi): StructuredDataConfig => strapi.config.get('plugin::structured-data') as StructuredDataConfig;

/** The kinds of resource the plugin describes, as they appear in its paths. */
export type ResourceKind = 'stories' | 'guides' | 'organisations';

/**
 * The JSON-LD resource of a document in a locale, absolute (the one public base URL of
 * @union-comms/kit): the node's `@id`. It always exists and names one language version, so
 * translations and related documents can point at each other.
 */
export const resourceUrl = (strapi: Core.Strapi, kind: ResourceKind, slug: string, locale: string): string =>
  `${publicBaseUrl(strapi)}${restPrefix(strapi)}/structured-data/${kind}/${encodeURIComponent(slug)}?locale=${encodeURIComponent(locale)}`;

/** An http(s) URL as given, or null (anything else is not a link a search engine may follow). */
export const httpUrl = (value: string | null): string | null => {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
};

/** An uploaded file's URL, absolute: the local provider stores `/uploads/…`, S3 an absolute URL. */
export const mediaUrl = (strapi: Core.Strapi, url: string): string | null =>
  /^https?:\/\//i.test(url) ? httpUrl(url) : url.startsWith('/') ? `${publicBaseUrl(strapi)}${url}` : null;
