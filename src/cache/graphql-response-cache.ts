import { createRequire } from 'module';
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

/**
 * The media types Apollo Server 4 answers a single result with, in its order of preference
 * (`MEDIA_TYPES` and `chooseContentTypeForSingleResultResponse` in @apollo/server, which it
 * does not export). The response cache checks every answer it stores against this choice, so
 * an Apollo that chose otherwise would cost cache hits, never a wrong Content-Type.
 */
const APOLLO_SINGLE_RESULT_TYPES = [
  'application/json; charset=utf-8',
  'application/graphql-response+json; charset=utf-8',
  'application/json; callbackSpec=1.0; charset=utf-8',
];
const APOLLO_DEFAULT_TYPE = APOLLO_SINGLE_RESULT_TYPES[0];

type Negotiator = { mediaType(available: string[]): string | undefined };
type NegotiatorConstructor = new (request: { headers: { accept?: string } }) => Negotiator;

// The very copy of `negotiator` Apollo Server negotiates with (resolved from @apollo/server),
// so that the choice below is Apollo's, whatever version either of them is.
const ApolloNegotiator = createRequire(require.resolve('@apollo/server'))('negotiator') as NegotiatorConstructor;

/**
 * The Content-Type Apollo Server will answer a GraphQL request carrying `accept` with; null
 * when it accepts none of them (Apollo then answers 406). Many Accept headers map to one of
 * three types, which keeps the response cache's keys few.
 */
export const negotiatedGraphqlType = (accept: string | undefined): string | null => {
  if (!accept) return APOLLO_DEFAULT_TYPE;
  return new ApolloNegotiator({ headers: { accept } }).mediaType(APOLLO_SINGLE_RESULT_TYPES) ?? null;
};
