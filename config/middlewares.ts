export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
  // Rejects unknown locales and oversized pages on the content API before any work.
  'global::query-guard',
  // Public REST reads and GraphQL queries from memory (settings: config/cache.ts); after the
  // guards, so that bad input is still refused.
  'global::response-cache',
];
