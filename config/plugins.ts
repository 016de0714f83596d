import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Core } from '@strapi/strapi';
import { graphqlResponseCachePlugin } from '../src/cache/graphql-response-cache';
import { graphqlErrorPrivacyPlugin } from '../src/graphql/error-privacy';

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
      apolloServer: {
        introspection: env.bool('GRAPHQL_INTROSPECTION', env('NODE_ENV') !== 'production'),
        // Errors without SQL or internals (src/graphql/error-privacy); query results the response
        // cache may keep (src/middlewares/response-cache).
        plugins: [graphqlErrorPrivacyPlugin, graphqlResponseCachePlugin],
      },
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
