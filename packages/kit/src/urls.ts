import type { Core } from '@strapi/strapi';

/**
 * THE public base URL of the CMS, absolute and without a trailing slash, for every link an
 * answer carries (feed self links, calendar links, uploads): `server.url` (PUBLIC_URL) when it
 * is absolute, else the absolute URL Strapi derives from it and the host and port it listens on
 * (`http://localhost:1337` in development).
 */
export const publicBaseUrl = (strapi: Core.Strapi): string => {
  const absolute = String(strapi.config.get('server.absoluteUrl', '') ?? '');
  const url = /^https?:\/\//i.test(absolute) ? absolute : `http://localhost:${String(strapi.config.get('server.port', 1337))}`;
  return url.replace(/\/+$/, '');
};

/** The content API's path prefix (`/api`). */
export const restPrefix = (strapi: Core.Strapi): string => String(strapi.config.get('api.rest.prefix', '/api')).replace(/\/+$/, '');
