import type { Core } from '@strapi/strapi';
import { publicBaseUrl, restPrefix } from '@union-comms/kit';
import type { CalendarConfig } from '../config';

export const pluginConfig = (strapi: Core.Strapi): CalendarConfig => strapi.config.get('plugin::calendar') as CalendarConfig;

/** The plugin's REST base, absolute (the one public base URL of @union-comms/kit). */
const apiBase = (strapi: Core.Strapi): string => `${publicBaseUrl(strapi)}${restPrefix(strapi)}/calendar`;

/** The event's public page, from the configured template (`{publicUrl}`: the CMS's absolute base URL). */
export const eventUrl = (strapi: Core.Strapi, slug: string, locale: string): string =>
  pluginConfig(strapi)
    .eventUrlTemplate.replace(/\{publicUrl\}/g, publicBaseUrl(strapi))
    .replace(/\{slug\}/g, encodeURIComponent(slug))
    .replace(/\{locale\}/g, encodeURIComponent(locale));

/** Links to the plugin's own resources for an event. */
export const eventLinks = (strapi: Core.Strapi, slug: string, locale: string) => {
  const base = `${apiBase(strapi)}/events/${encodeURIComponent(slug)}`;
  const query = `?locale=${encodeURIComponent(locale)}`;
  return { ics: `${base}.ics${query}`, jsonld: `${base}/jsonld${query}`, participants: `${base}/participants${query}` };
};

export const feedUrl = (strapi: Core.Strapi, locale: string): string => `${apiBase(strapi)}/events.ics?locale=${encodeURIComponent(locale)}`;

/**
 * Host name that makes iCalendar UIDs globally unique: the host of PUBLIC_URL (`server.url`) as
 * configured, else `union-comms.invalid`. Not the derived base URL above: a UID must never change
 * (calendar apps would show the event twice), so it does not follow the host and port a process
 * happens to listen on.
 */
export const uidDomain = (strapi: Core.Strapi): string => {
  try {
    return new URL(String(strapi.config.get('server.url', '') ?? '')).hostname || 'union-comms.invalid';
  } catch {
    return 'union-comms.invalid';
  }
};
