import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Core } from '@strapi/strapi';
import { stringifyForScript } from '@union-comms/kit';
import { graphqlArmor } from '../src/graphql/armor';
import { graphqlErrorPrivacyPlugin } from '../src/graphql/error-privacy';

type Env = Core.Config.Shared.ConfigParams['env'];

/** Options of the graphql plugin's Apollo server. */
const apolloServer = (env: Env) => {
  const introspection = env.bool('GRAPHQL_INTROSPECTION', env('NODE_ENV') !== 'production');
  // Defaults: about ten times what the largest query of a real page needs (a story page with its
  // publisher, events, guides and topics: 200 tokens, cost 260, one alias).
  const armor = graphqlArmor({
    maxTokens: env.int('GRAPHQL_MAX_TOKENS', 2000),
    maxAliases: env.int('GRAPHQL_MAX_ALIASES', 20),
    maxCost: env.int('GRAPHQL_MAX_COST', 2500),
    maxDirectives: env.int('GRAPHQL_MAX_DIRECTIVES', 50),
    // Suggestions tell the schema: shown only where introspection shows it anyway.
    fieldSuggestions: introspection,
  });
  return {
    introspection,
    // Stack traces carry absolute paths of the server (Apollo sends them in development).
    includeStacktraceInErrorResponses: env.bool('GRAPHQL_STACKTRACES', false),
    // Token, alias, cost and directive limits (src/graphql/armor), refused with a 400.
    parseOptions: armor.parseOptions,
    validationRules: armor.validationRules,
    // The plugin's own CORS (any origin) off: the app's rule applies (src/middlewares/cors).
    cors: false,
    // Errors without SQL or internals (src/graphql/error-privacy). (The public-cache plugin adds
    // its own, which says which answers it may keep.)
    plugins: [graphqlErrorPrivacyPlugin, ...armor.plugins],
    // Every answer safe to embed in a <script> element (`<`, `>`, `&` as \u escapes: the same
    // values for any JSON parser), as the REST JSON-LD is: values such as `calendarEventJsonLd`
    // end up in sites' pages. Apollo's own serialiser, JSON.stringify and a newline, otherwise.
    stringifyResult: (value: unknown) => `${stringifyForScript(value)}\n`,
  };
};

/**
 * Where uploaded files are stored. `local` (default): public/uploads on this machine's disk,
 * which several instances behind a load balancer must share (a network file system). `aws-s3`:
 * any S3-compatible store, through @strapi/provider-upload-aws-s3 (install it at the version of
 * @strapi/strapi; see README, "Running in production").
 */
const upload = (env: Env) => {
  if (env('UPLOAD_PROVIDER', 'local') !== 'aws-s3') return {};
  return {
    config: {
      provider: 'aws-s3',
      providerOptions: {
        // Public base URL of the files (a CDN or the bucket's own), without a trailing slash.
        baseUrl: env('S3_PUBLIC_URL'),
        rootPath: env('S3_ROOT_PATH', ''),
        s3Options: {
          credentials: { accessKeyId: env('S3_ACCESS_KEY_ID'), secretAccessKey: env('S3_SECRET_ACCESS_KEY') },
          region: env('S3_REGION', 'us-east-1'),
          // For stores other than AWS (MinIO, Ceph, Garage, …): their URL, usually with path-style addressing.
          ...(env('S3_ENDPOINT') ? { endpoint: env('S3_ENDPOINT'), forcePathStyle: env.bool('S3_FORCE_PATH_STYLE', true) } : {}),
          params: { Bucket: env('S3_BUCKET'), ACL: env('S3_ACL', 'public-read') },
        },
      },
    },
  };
};

/** Whether the public-cache plugin (and its middleware) is part of the app. */
export const publicCacheEnabled = (env: Env): boolean => env.bool('PUBLIC_CACHE', true);

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  upload: upload(env),
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
    },
  },
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      // The playground is a development tool. In production no landing page at all is served
      // (Strapi's `false` still serves Apollo's page, which loads scripts from Apollo's CDN).
      landingPage: env('NODE_ENV') === 'production' ? () => ApolloServerPluginLandingPageDisabled() : true,
      // Nested selections deeper than this are refused (guards against expensive queries).
      depthLimit: env.int('GRAPHQL_DEPTH_LIMIT', 7),
      // Largest page a GraphQL list may return, as for REST.
      defaultLimit: 25,
      maxLimit: 100,
      apolloServer: apolloServer(env),
    },
  },
  // Local plugins (plugins/<id>), each built on its own into plugins/<id>/dist (npm run build).
  // The response cache of public reads, the content fingerprint and cache hints. Off
  // (PUBLIC_CACHE=false, read by config/middlewares.ts too): every answer is computed.
  'public-cache': {
    enabled: publicCacheEnabled(env),
    resolve: './plugins/public-cache',
  },
  syndication: {
    enabled: true,
    resolve: './plugins/syndication',
    config: {
      // The app's types the plugin reads (it has no defaults for them; checked at boot).
      contentTypes: {
        story: 'api::story.story',
        organisation: 'api::organisation.organisation',
        topic: 'api::topic.topic',
      },
    },
  },
  calendar: {
    enabled: true,
    resolve: './plugins/calendar',
    config: {
      // The app's types the calendar reads (checked at boot: plugins/calendar/README.md, "Configuration").
      contentTypes: {
        event: 'api::event.event',
        participant: 'api::participant.participant',
        organisation: 'api::organisation.organisation',
        guide: 'api::guide.guide',
        topic: 'api::topic.topic',
      },
    },
  },
  // Full-text search of published content (GET /api/search, GraphQL `search`): plugins/search/README.md.
  search: {
    enabled: true,
    resolve: './plugins/search',
    config: {
      contentTypes: {
        story: 'api::story.story',
        event: 'api::event.event',
        guide: 'api::guide.guide',
        organisation: 'api::organisation.organisation',
      },
      // A query ranks at most its newest SEARCH_MAX_HITS matches (plugins/search/README.md, "How many hits are ranked").
      maxHits: env.int('SEARCH_MAX_HITS', 1000),
    },
  },
  // schema.org JSON-LD of stories, guides and organisations: plugins/structured-data/README.md.
  'structured-data': {
    enabled: true,
    resolve: './plugins/structured-data',
    config: {
      contentTypes: {
        story: 'api::story.story',
        guide: 'api::guide.guide',
        organisation: 'api::organisation.organisation',
        topic: 'api::topic.topic',
      },
    },
  },
  // GET /api/openapi.json, generated from the routes and schemas: plugins/openapi/README.md.
  openapi: {
    enabled: true,
    resolve: './plugins/openapi',
  },
  // Publish and unpublish at a set time, once across instances: plugins/scheduler/README.md.
  scheduler: {
    enabled: true,
    resolve: './plugins/scheduler',
    config: {
      contentTypes: ['api::story.story', 'api::event.event', 'api::guide.guide'],
    },
  },
  // Custom fields for editors (country, time zone, licence pickers; local event times):
  // plugins/editor-fields/README.md.
  'editor-fields': {
    enabled: true,
    resolve: './plugins/editor-fields',
  },
  // Strapi's Preview of stories, events and guides: plugins/preview/README.md.
  preview: {
    enabled: true,
    resolve: './plugins/preview',
    config: {
      contentTypes: {
        story: 'api::story.story',
        event: 'api::event.event',
        guide: 'api::guide.guide',
      },
    },
  },
});

export default config;
