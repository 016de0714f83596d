import type { Core } from '@strapi/strapi';
import { cacheHints } from '@union-comms/kit';
import { CACHE_MAX_AGE_MS } from '../services/search';
import { getService } from '../utils/get-service';
import { validateSearchQuery } from '../validation/query';

/**
 * GraphQL `search`, the REST query's twin: the same arguments (every one optional in the
 * schema, so that a missing `q` gets the same validation error as over REST), the same
 * validation, the same service and the same answer. Public like the REST route.
 */
const typeDefs = /* GraphQL */ `
  type SearchHit {
    "story, event, guide or organisation"
    type: String!
    documentId: ID!
    "The locale of the version shown"
    locale: String!
    slug: String
    title: String!
    "Plain text; each matched word between [[ and ]]"
    snippet: String!
    score: Float!
    publishedAt: String!
  }

  type SearchPagination {
    page: Int!
    pageSize: Int!
    pageCount: Int!
    total: Int!
  }

  type SearchMeta {
    "total is at most the plugin's maxHits (1,000 by default)"
    pagination: SearchPagination!
    "The query matched more than maxHits entries: the hits are the most recently published maxHits of them, ranked"
    capped: Boolean!
  }

  type SearchResults {
    "Best match first"
    data: [SearchHit!]!
    meta: SearchMeta!
  }

  extend type Query {
    "Full-text search of published content"
    search(q: String, locale: String, types: [String!], page: Int, pageSize: Int, fallback: Boolean): SearchResults!
  }
`;

type Args = Record<string, unknown>;

/** The arguments as the REST query string carries them (absent and null are the same; a list is comma-separated). */
export const asQuery = (args: Args): Record<string, unknown> => {
  const query: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || value === null) continue;
    query[key] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return query;
};

export const registerGraphql = (strapi: Core.Strapi): void => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  graphql.service('extension').use(() => ({
    typeDefs,
    resolvers: {
      Query: {
        async search(_parent: unknown, args: Args, context: { state: Record<string, unknown> }) {
          const page = await getService(strapi, 'search').search(await validateSearchQuery(strapi, asQuery(args)));
          cacheHints(strapi).expireAt(context.state, Date.now() + CACHE_MAX_AGE_MS);
          return page;
        },
      },
    },
    resolversConfig: { 'Query.search': { auth: false } },
  }));
};
