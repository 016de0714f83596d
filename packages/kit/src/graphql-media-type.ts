import { createRequire } from 'module';

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
