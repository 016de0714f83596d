import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Core } from '@strapi/strapi';
import { graphqlResponseCachePlugin } from '../src/cache/graphql-response-cache';
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
    // Errors without SQL or internals (src/graphql/error-privacy); query results the response
    // cache may keep (src/middlewares/response-cache).
    plugins: [graphqlErrorPrivacyPlugin, graphqlResponseCachePlugin, ...armor.plugins],
  };
};

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
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
  // Local plugins (plugins/<id>); their server code is compiled with the app into dist/.
  syndication: {
    enabled: true,
    resolve: './plugins/syndication',
    config: {},
  },
  calendar: {
    enabled: true,
    resolve: './plugins/calendar',
    config: {},
  },
});

export default config;
