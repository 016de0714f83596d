export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  // Public REST reads and GraphQL queries from memory (settings: config/cache.ts). After the
  // security and CORS headers, before the work a hit does not need (query and body parsing,
  // sessions, the guards: only answers that passed them are stored).
  'global::response-cache',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
  // Rejects unknown locales and oversized pages on the content API before any work.
  'global::query-guard',
];
