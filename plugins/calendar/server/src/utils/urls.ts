import type { Core } from '@strapi/strapi';
import type { CalendarConfig } from '../config';

/** Public base URL of the CMS (server.url, from PUBLIC_URL), without a trailing slash. */
export const publicUrl = (strapi: Core.Strapi): string => String(strapi.config.get('server.url', '') ?? '').replace(/\/+$/, '');

export const pluginConfig = (strapi: Core.Strapi): CalendarConfig => strapi.config.get('plugin::calendar') as CalendarConfig;

const apiBase = (strapi: Core.Strapi): string => `${publicUrl(strapi)}${String(strapi.config.get('api.rest.prefix', '/api'))}/calendar`;

/** The event's public page, from the configured template. */
export const eventUrl = (strapi: Core.Strapi, slug: string, locale: string): string =>
  pluginConfig(strapi)
    .eventUrlTemplate.replace(/\{publicUrl\}/g, publicUrl(strapi))
    .replace(/\{slug\}/g, encodeURIComponent(slug))
    .replace(/\{locale\}/g, encodeURIComponent(locale));

/** Links to the plugin's own resources for an event. */
export const eventLinks = (strapi: Core.Strapi, slug: string, locale: string) => {
  const base = `${apiBase(strapi)}/events/${encodeURIComponent(slug)}`;
  const query = `?locale=${encodeURIComponent(locale)}`;
  return { ics: `${base}.ics${query}`, jsonld: `${base}/jsonld${query}`, participants: `${base}/participants${query}` };
};

export const feedUrl = (strapi: Core.Strapi, locale: string): string => `${apiBase(strapi)}/events.ics?locale=${encodeURIComponent(locale)}`;

/** Host name used to make iCalendar UIDs globally unique. */
export const uidDomain = (strapi: Core.Strapi): string => {
  try {
    return new URL(publicUrl(strapi)).hostname || 'union-comms.invalid';
  } catch {
    return 'union-comms.invalid';
  }
};
