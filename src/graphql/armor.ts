import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ParseOptions, ValidationRule } from 'graphql';

/** Limits on one GraphQL document (config/plugins.ts reads them from the environment). */
export type GraphqlLimits = {
  /** Most tokens (names, punctuation, values) in a query. */
  maxTokens: number;
  /** Most aliases in an operation: each alias of a list field is one more query of the database. */
  maxAliases: number;
  /** Highest graphql-armor cost: 1 per scalar, 2 per object, times 1.5 per level of nesting. */
  maxCost: number;
  /** Most directives (`@include`, `@skip`, ...) in an operation. */
  maxDirectives: number;
  /** "Did you mean ...?" in errors. They tell the schema, so they go wherever introspection is off. */
  fieldSuggestions: boolean;
};

/** What the limits add to the Apollo server options of the graphql plugin. */
export type GraphqlArmor = {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
};

const checked = (limits: GraphqlLimits): GraphqlLimits => {
  for (const [name, value] of Object.entries(limits)) {
    if (typeof value === 'number' && !(Number.isInteger(value) && value > 0)) {
      throw new Error(`GraphQL limit ${name} must be a positive integer, got ${value}`);
    }
  }
  return limits;
};

/**
 * Limits that refuse an expensive document before anything runs (a 400 with a message naming the
 * limit), composed from graphql-armor:
 * - tokens, counted while parsing: graphql-js's own `maxTokens`, which stops the parser at the
 *   first token over the limit however long the query is, and which Apollo answers as a 400
 *   syntax error. (graphql-armor's max-tokens and character-limit plugins throw from a hook Apollo
 *   does not guard, and Apollo answers 500; the body itself is bounded by the JSON body parser.)
 * - aliases, cost and directives: graphql-armor's validation rules, run with GraphQL's own
 *   before anything executes; the depth limit stays Strapi's (`depthLimit`), so graphql-armor's
 *   max-depth is off;
 * - field suggestions masked (graphql-armor) when `fieldSuggestions` is off.
 */
export const graphqlArmor = (limits: GraphqlLimits): GraphqlArmor => {
  const { maxTokens, maxAliases, maxCost, maxDirectives, fieldSuggestions } = checked(limits);
  // A new ApolloArmor per call: it writes its rejection handlers into the options it is given.
  const armor = new ApolloArmor({
    maxAliases: { n: maxAliases },
    costLimit: { maxCost },
    maxDirectives: { n: maxDirectives },
    blockFieldSuggestion: { enabled: !fieldSuggestions },
    maxDepth: { enabled: false },
    maxTokens: { enabled: false },
  }).protect();
  return {
    plugins: armor.plugins,
    validationRules: armor.validationRules,
    parseOptions: { maxTokens },
  };
};
