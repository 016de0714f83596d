import type { ApolloServerPlugin } from '@apollo/server';
import type { Core, UID } from '@strapi/strapi';
import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { findFiltersProblem, findPaginationProblem, type QueryModel, type QueryProblem } from '../validation/content-query';
import { containsNul } from '../validation/database-errors';

type Model = QueryModel & { uid: string; modelType: string };

type GraphqlUtils = {
  naming: { getFiltersInputTypeName(model: unknown): string };
  mappers: { graphQLFiltersToStrapiQuery(filters: unknown, model: unknown): unknown };
};

/** A refused argument, before anything runs: Apollo answers it with a 400 (and shows where the field is). */
const badUserInput = ({ message }: QueryProblem, field: FieldNode): GraphQLError =>
  new GraphQLError(message, { nodes: [field], extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

/**
 * Checks the arguments of every field of an operation before it runs, at any depth: `filters`
 * (in Strapi's shape, by the same rules as REST: src/validation/content-query), `pagination`,
 * and NUL characters in any argument, including those written as `\u0000` in the query text
 * (the NUL check of src/graphql/error-privacy sees the text, where it is six characters).
 *
 * Nested relation fields (`events { organisers(filters: …) }`) are covered as root fields are,
 * and a refused argument refuses the whole operation with a 400 instead of nulling one field.
 */
const createArgumentGuardPlugin = (strapi: Core.Strapi): ApolloServerPlugin => {
  const utils = () => strapi.plugin('graphql').service<GraphqlUtils>('utils');
  const getModel = (uid: string): QueryModel | undefined => strapi.getModel(uid as UID.Schema);

  // GraphQL names each model's filters input type (StoryFiltersInput, ComponentSharedVenueFiltersInput).
  let modelsByFiltersType: Map<string, Model> | undefined;
  const modelOfFilters = (type: GraphQLNamedType): Model | undefined => {
    if (!modelsByFiltersType) {
      const models: Model[] = [...Object.values(strapi.contentTypes), ...Object.values(strapi.components)];
      modelsByFiltersType = new Map(models.map((model) => [utils().naming.getFiltersInputTypeName(model), model]));
    }
    return modelsByFiltersType.get(type.name);
  };

  const checkArguments = (args: Record<string, unknown>, filtersType: GraphQLNamedType | undefined): QueryProblem | undefined => {
    if (containsNul(args)) return { path: [], message: 'The query contains a NUL character' };
    if (args.pagination !== undefined && args.pagination !== null) {
      const found = findPaginationProblem(args.pagination, { getModel, style: 'graphql' });
      if (found) return found;
    }
    const model = filtersType && modelOfFilters(filtersType);
    if (model && args.filters !== undefined && args.filters !== null) {
      const filters = utils().mappers.graphQLFiltersToStrapiQuery(args.filters, model);
      return findFiltersProblem(filters, model, { getModel, style: 'graphql' });
    }
    return undefined;
  };

  const findProblem = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ): GraphQLError | undefined => {
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 });
    // Variables of the wrong type: Apollo refuses them itself when the operation runs.
    if (coerced.errors) return undefined;
    const fragments = new Map(
      document.definitions
        .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
        .map((fragment) => [fragment.name.value, fragment]),
    );
    const visitedFragments = new Set<string>();

    const visit = (selectionSet: SelectionSetNode, parentType: GraphQLNamedType | null | undefined): GraphQLError | undefined => {
      for (const selection of selectionSet.selections) {
        let found: GraphQLError | undefined;
        if (selection.kind === Kind.FIELD) {
          const field = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[selection.name.value] : undefined;
          if (!field) continue;
          if (field.args.length > 0) {
            let args: Record<string, unknown>;
            try {
              args = getArgumentValues(field, selection, coerced.coerced);
            } catch {
              continue; // Refused by Apollo's own validation of the operation.
            }
            const filtersArgument = field.args.find((argument) => argument.name === 'filters');
            const problem = checkArguments(args, filtersArgument && getNamedType(filtersArgument.type));
            if (problem) return badUserInput(problem, selection);
          }
          if (selection.selectionSet) found = visit(selection.selectionSet, getNamedType(field.type));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          found = visit(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType);
        } else {
          // A fragment's arguments are the same wherever it is spread: checked once.
          const fragment = fragments.get(selection.name.value);
          if (!fragment || visitedFragments.has(fragment.name.value)) continue;
          visitedFragments.add(fragment.name.value);
          found = visit(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
        }
        if (found) return found;
      }
      return undefined;
    };

    const rootType =
      operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    return visit(operation.selectionSet, rootType);
  };

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo refuses a document without the operation asked for.
          const problem = findProblem(schema, document, operation, request.variables ?? {});
          if (problem) throw problem;
        },
      };
    },
  };
};

export const registerGraphqlQueryGuard = (strapi: Core.Strapi): void => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  // Drafts (`status: DRAFT`, `publicationFilter`) are refused where every public read is
  // ruled (src/privacy/public-reads.ts), for REST and GraphQL alike.

  // The argument checks need the app's content types, which config/plugins.ts cannot import:
  // added to the Apollo plugins configured there, before the graphql plugin starts its server.
  const pluginsPath = 'plugin::graphql.apolloServer.plugins';
  const configured = strapi.config.get(pluginsPath, []) as ApolloServerPlugin[];
  strapi.config.set(pluginsPath, [...configured, createArgumentGuardPlugin(strapi)]);
};
