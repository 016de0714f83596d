import { createRequire } from 'node:module';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import get from 'lodash/fp/get';
import { getOptimisedReads } from '../privacy/compiled-output';

/**
 * GraphQL fields with nothing to run around them resolve as they are.
 *
 * The graphql plugin wraps the resolver of every field of every type (wrap-resolvers.js) in an
 * async function that checks auth, runs the field's middlewares and policies, and builds a policy
 * context for them, even for a plain scalar of a nested type that has none of these: a list of 25
 * stories resolved ~600 such wrappers, the largest cost of a GraphQL read after the database.
 * For a field of a type other than Query, Mutation and Subscription with no resolver
 * configuration (no `auth`, `middlewares` or `policies` under `Type.field` in the extensions'
 * `resolversConfig`), the wrapper only calls the field's own resolver: this gives the field that
 * resolver back. Root fields, and every configured field, keep the plugin's wrapper.
 *
 * It takes the place of the plugin's `wrapResolvers` (the module its content-API service calls at
 * each schema build); if this version of the plugin keeps it elsewhere, nothing changes.
 * `OPTIMISED_READS=false` at boot keeps the plugin's own; the run-time switch of
 * src/privacy/compiled-output.ts chooses per call (tests/api/optimised-reads compares the two).
 */

type Resolver = (...args: unknown[]) => unknown;
type Field = { resolve?: Resolver };
type ObjectType = { getFields(): Record<string, Field> };
type WrapOptions = { schema: { getTypeMap(): Record<string, unknown> }; extension?: { resolversConfig?: Record<string, unknown> } };
type WrapModule = { wrapResolvers?: (options: WrapOptions) => unknown; __plainFieldResolvers?: true };

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** A module as the graphql plugin loads it (its own file, or a package resolved from its folder). */
const loadFromPlugin = <T>(request: string): T | undefined => {
  try {
    const pluginPackage = createRequire(__filename).resolve('@strapi/plugin-graphql/package.json');
    const load = createRequire(pluginPackage);
    return load(request.startsWith('./') ? path.join(path.dirname(pluginPackage), request) : request) as T;
  } catch {
    return undefined;
  }
};

/** The app being booted: the plugin's module (and so this patch) outlives an app in the same process. */
let booting: Core.Strapi | undefined;

export const registerPlainFieldResolvers = (strapi: Core.Strapi): void => {
  if (!strapi.plugin('graphql')) return;
  booting = strapi;
  const wrap = loadFromPlugin<WrapModule>('./dist/server/services/content-api/wrap-resolvers.js');
  const graphql = loadFromPlugin<{ GraphQLObjectType: new (...args: never[]) => ObjectType }>('graphql');
  if (!wrap || typeof wrap.wrapResolvers !== 'function' || !graphql?.GraphQLObjectType || wrap.__plainFieldResolvers) return;
  const pluginWrap = wrap.wrapResolvers;
  const { GraphQLObjectType } = graphql;

  wrap.wrapResolvers = (options: WrapOptions) => {
    // The optimised read path's switch (absent with OPTIMISED_READS=false: the plugin's wrappers stay).
    const control = booting && getOptimisedReads(booting);
    if (!control) return pluginWrap(options);
    const resolversConfig = options.extension?.resolversConfig ?? {};
    const own = new Map<Field, Resolver>();
    for (const [typeName, type] of Object.entries(options.schema.getTypeMap())) {
      if (!(type instanceof GraphQLObjectType) || typeName.startsWith('__') || ROOT_TYPES.has(typeName)) continue;
      for (const [fieldName, field] of Object.entries(type.getFields())) {
        // The plugin's own lookup of a field's configuration (`Type.field`, nested or as one key).
        if (fieldName.startsWith('__') || get(`${typeName}.${fieldName}`, resolversConfig) !== undefined) continue;
        // The plugin's default for a field without a resolver: the parent's property of that name.
        own.set(field, field.resolve ?? (get(fieldName) as Resolver));
      }
    }
    const wrapped = pluginWrap(options);
    for (const [field, resolve] of own) {
      const pluginResolve = field.resolve as Resolver;
      field.resolve = (...args: unknown[]) => (control.enabled() ? resolve(...args) : pluginResolve(...args));
    }
    return wrapped;
  };
  wrap.__plainFieldResolvers = true;
};
