import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { containsNul, DATABASE_VALUE_MESSAGE, isDatabaseValueError } from '../validation/database-errors';

/**
 * GraphQL errors that say nothing about the server's insides.
 *
 * Strapi answers an unexpected error with "Internal Server Error" but copies the original
 * message into `extensions.error`: for a database error that is the SQL statement with table
 * and column names. This plugin keeps the message, code, locations and path of such errors and
 * drops the rest. A value the database refuses (PostgreSQL data exception: a number out of
 * range, a malformed date) is the client's error and says so (BAD_USER_INPUT); a query or
 * variables containing a NUL character are refused before they run.
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
        let refusedValue = false;
        result.errors = result.errors?.map((formatted, index): GraphQLFormattedError => {
          if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
          const { locations, path } = formatted;
          if (isDatabaseValueError(errors?.[index]?.originalError)) {
            refusedValue = true;
            return { message: DATABASE_VALUE_MESSAGE, locations, path, extensions: { code: 'BAD_USER_INPUT' } };
          }
          return { message: 'Internal Server Error', locations, path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
        });
        // Nothing answered because of the client's value: a 400, as for REST.
        if (refusedValue && (result.data === null || result.data === undefined)) response.http.status = 400;
      },
    };
  },
};
