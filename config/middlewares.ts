export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::cors',
  'strapi::poweredBy',
  // Public REST reads and GraphQL queries from memory (settings: config/cache.ts). After CORS,
  // whose headers depend on each request; before the work a hit does not need: the security
  // headers (Strapi rebuilds helmet for every request; a hit replays the headers the answer
  // was sent with), query and body parsing, sessions, the guards (only answers that passed
  // them are stored).
  'global::response-cache',
  'strapi::security',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
  // The content API's query guard is mounted on its router (src/middlewares/query-guard.ts).
];
