import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { containsNul, DATABASE_VALUE_MESSAGE, isDatabaseValueError } from '../validation/database-errors';

/** Errors a client can act on: with one of these alone, and no data, the answer is a 400. */
const CLIENT_ERROR_CODES = new Set(['BAD_USER_INPUT', 'BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'PERSISTED_QUERY_NOT_FOUND']);

/**
 * An error Apollo raised about the request itself, before any resolver ran (a persisted-query
 * hash that does not match the query, an unsupported persisted-query version): Apollo gives it
 * no code, so Strapi's formatting calls it an internal error, though it already answers 400.
 */
const isRequestError = (error: unknown, status: number | undefined): boolean =>
  error instanceof GraphQLError && !error.originalError && !error.path && status !== undefined && status >= 400 && status < 500;

/**
 * GraphQL errors that say nothing about the server's insides.
 *
 * Strapi answers an unexpected error with "Internal Server Error" but copies the original
 * message into `extensions.error`: for a database error that is the SQL statement with table
 * and column names. This plugin keeps the message, code, locations and path of such errors and
 * drops the rest. A value the database refuses (PostgreSQL data exception: a number out of
 * range, a malformed date) is the client's error and says so (BAD_USER_INPUT); a query or
 * variables containing a NUL character are refused before they run. An answer with nothing but
 * the client's errors and no data is a 400, as for REST; so is an unknown persisted query
 * (Apollo answers it with a 200, which caches and proxies take for a good answer).
 */
export const graphqlErrorPrivacyPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request }) {
        // Before anything runs (Apollo answers an error thrown here with its http status).
        if (containsNul(request.query) || containsNul(request.variables)) {
          throw new GraphQLError('The query contains a NUL character', { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
        }
      },
      async willSendResponse({ response, errors }) {
        if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
        const result = response.body.singleResult;
        const formattedErrors = (result.errors ?? []).map((formatted, index): GraphQLFormattedError => {
          if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
          const { locations, path } = formatted;
          const original = errors?.[index];
          if (isDatabaseValueError(original?.originalError)) {
            return { message: DATABASE_VALUE_MESSAGE, locations, path, extensions: { code: 'BAD_USER_INPUT' } };
          }
          if (isRequestError(original, response.http.status)) {
            return { message: formatted.message, locations, path, extensions: { code: 'BAD_REQUEST' } };
          }
          return { message: 'Internal Server Error', locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
        });
        result.errors = formattedErrors;
        const onlyClientErrors = formattedErrors.every((error) => CLIENT_ERROR_CODES.has(String(error.extensions?.code)));
        // Nothing answered because of the client's input: a 400, as for REST.
        if (onlyClientErrors && (result.data === null || result.data === undefined)) response.http.status = 400;
      },
    };
  },
};
