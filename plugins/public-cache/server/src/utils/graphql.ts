import type { ApolloServerPlugin } from '@apollo/server';
import type { HintsService } from '../services/hints';

/** Strapi's GraphQL context: Koa's `ctx.state` travels as `state`. */
type Context = { state?: Record<string, unknown> };

/**
 * Tells the response cache which GraphQL answers it may keep: queries (never mutations) whose
 * result has no error. Resolvers whose output changes with time lower the expiry themselves
 * (the `hints` service). Added to the graphql plugin's Apollo server by this plugin's register.
 */
export const graphqlResponseCachePlugin = (hints: HintsService): ApolloServerPlugin<Context> => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        if (contextValue.state && operation?.operation === 'query') hints.allow(contextValue.state);
      },
      async willSendResponse({ response, contextValue }) {
        if (!contextValue.state) return;
        if (response.body.kind !== 'single' || (response.body.singleResult.errors?.length ?? 0) > 0) hints.refuse(contextValue.state);
      },
    };
  },
});
