import { env } from '@strapi/utils';
import { refuseUnreadableBody } from '../src/middlewares/body-errors';
import { publicCacheEnabled } from './plugins';

/** The origin uploaded files are served from when they are in an object store (UPLOAD_PROVIDER=aws-s3). */
const uploadsOrigin = (): string | undefined => {
  const url = env('S3_PUBLIC_URL', '');
  return url ? new URL(url).origin : undefined;
};

/** Strapi's security headers; the admin panel may show images and media from the object store. */
const security = () => {
  const origin = uploadsOrigin();
  if (!origin) return 'strapi::security';
  return {
    name: 'strapi::security',
    config: {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'connect-src': ["'self'", 'https:'],
          'img-src': ["'self'", 'data:', 'blob:', 'market-assets.strapi.io', origin],
          'media-src': ["'self'", 'data:', 'blob:', origin],
          upgradeInsecureRequests: null,
        },
      },
    },
  };
};

export default [
  // A 304 carries the validators, caching and CORS headers, not the whole answer's headers
  // (src/middlewares/not-modified.ts); first, so that it sees what every other one set.
  'global::not-modified',
  'strapi::logger',
  'strapi::errors',
  // CORS is decided by 'global::cors' (src/middlewares/cors.ts): credentials for the admin panel's
  // own origin only, the content API for the origins of CORS_ORIGINS. Strapi refuses to start
  // without 'strapi::cors' (which reflects any origin with credentials by default): it stays,
  // allowing no origin, and the app's rule after it has the last word.
  { name: 'strapi::cors', config: { origin: [], credentials: false } },
  { name: 'global::cors', config: { origins: env.array('CORS_ORIGINS', ['*']) } },
  'strapi::poweredBy',
  // GraphQL requests nested deeper than any real one are refused before anything walks them
  // (src/middlewares/graphql-body.ts).
  'global::graphql-body',
  // Public REST reads and GraphQL queries from memory (plugins/public-cache; settings in
  // config/plugins.ts). After CORS, whose headers depend on each request; before the work a
  // hit does not need: the security headers (Strapi rebuilds helmet for every request; a hit
  // replays the headers the answer was sent with), query and body parsing, sessions, the
  // guards (only answers that passed them are stored). Absent when the plugin is disabled.
  ...(publicCacheEnabled(env) ? ['plugin::public-cache.response-cache'] : []),
  // The reads the cache did not answer are computed a few at a time, first come first served
  // (src/middlewares/admission.ts): under a burst each is done sooner and memory stays bounded.
  {
    name: 'global::admission',
    config: { concurrency: env.int('API_READ_CONCURRENCY', 4), queue: env.int('API_READ_QUEUE', 1000) },
  },
  security(),
  // Partners' signed pushes (POST /api/syndication/inbox/:inboxId): read raw, at most 1 MiB, and
  // verified before any parser sees them (plugins/syndication, middlewares/inbox).
  'plugin::syndication.inbox',
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
