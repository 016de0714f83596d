import type { ApolloServerPlugin } from '@apollo/server';
import { allowResponseCache, refuseResponseCache } from './response-hints';

/** Strapi's GraphQL context: Koa's `ctx.state` travels as `state`. */
type Context = { state?: Record<string, unknown> };

/**
 * Tells the response cache (src/middlewares/response-cache) which GraphQL answers it may keep:
 * queries (never mutations) whose result has no error. Resolvers whose output changes with time
 * lower the expiry themselves (src/cache/response-hints).
 */
export const graphqlResponseCachePlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        if (contextValue.state && operation?.operation === 'query') allowResponseCache(contextValue.state);
      },
      async willSendResponse({ response, contextValue }) {
        if (!contextValue.state) return;
        if (response.body.kind !== 'single' || (response.body.singleResult.errors?.length ?? 0) > 0) refuseResponseCache(contextValue.state);
      },
    };
  },
};
