import type { Core } from '@strapi/strapi';
import type { HintsService } from './services/hints';
import { graphqlResponseCachePlugin } from './utils/graphql';

/**
 * Adds the plugin's Apollo plugin (which GraphQL answers may be kept) to the graphql plugin's
 * Apollo server, whose options are read at the graphql plugin's bootstrap.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  if (!strapi.plugin('graphql')) return;
  const hints = strapi.plugin('public-cache').service('hints') as HintsService;
  const apolloServer = (strapi.config.get('plugin::graphql.apolloServer') ?? {}) as { plugins?: unknown[] };
  strapi.config.set('plugin::graphql.apolloServer', { ...apolloServer, plugins: [...(apolloServer.plugins ?? []), graphqlResponseCachePlugin(hints)] });
};
