import { refuseUnreadableBody } from '../src/middlewares/body-errors';

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
  // A body the parser cannot read (broken multipart, bad JSON, an unknown type) is a 400, not a
  // 500; an absent one an empty object (src/middlewares/body-errors.ts).
  { name: 'strapi::body', config: { onError: refuseUnreadableBody } },
  'global::body-errors',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
  // The content API's query guard is mounted on its router (src/middlewares/query-guard.ts).
];
