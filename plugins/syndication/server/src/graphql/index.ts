import type { Core } from '@strapi/strapi';
import type * as Nexus from 'nexus';
import { cacheHints } from '@union-comms/kit';
import { validateGraphqlArgs } from '../validation/feed-query';
import { getService } from '../utils/get-service';
import {
  DELIVERY,
  DELIVERY_ATTEMPT,
  FEED_STATE,
  INBOUND_MESSAGE,
  PARTNER,
  RECEIVED_ITEM,
  RECEIVED_LOG,
  WEBSUB_DELIVERY,
  WEBSUB_LEASE,
  WEBSUB_SUBSCRIPTION,
  WEBSUB_TOPIC,
} from '../content-types';

type NexusModule = typeof Nexus;

interface StoriesArgs {
  locale?: string | null;
  topic?: string | null;
  organisation?: string | null;
  limit?: number | null;
}

/** The GraphQL types: the same items as the feeds, typed. */
const types = (nexus: NexusModule) => [
  nexus.objectType({
    name: 'SyndicationLicence',
    definition(t) {
      t.nonNull.string('id', { description: 'SPDX identifier, e.g. CC-BY-4.0' });
      t.string('url');
    },
  }),
  nexus.objectType({
    name: 'SyndicationPublisher',
    definition(t) {
      t.nonNull.string('name');
      t.nonNull.string('slug');
      t.string('url');
    },
  }),
  nexus.objectType({
    name: 'SyndicationCategory',
    definition(t) {
      t.nonNull.string('slug');
      t.nonNull.string('name');
    },
  }),
  nexus.objectType({
    name: 'SyndicationImage',
    definition(t) {
      t.nonNull.string('url');
      t.nonNull.string('mime');
      t.int('length');
      t.string('alternativeText');
    },
  }),
  nexus.objectType({
    name: 'SyndicationTranslation',
    definition(t) {
      t.nonNull.string('locale');
      t.nonNull.string('link');
      t.nonNull.string('title');
    },
  }),
  nexus.objectType({
    name: 'SyndicationItem',
    definition(t) {
      t.nonNull.string('id', { description: 'Stable id, the same as in the RSS, Atom and JSON feeds' });
      t.nonNull.string('documentId');
      t.nonNull.string('title');
      t.nonNull.string('link');
      t.nonNull.field('publishedAt', { type: 'DateTime' });
      t.nonNull.field('updatedAt', { type: 'DateTime' });
      t.field('publisher', { type: 'SyndicationPublisher' });
      t.nonNull.list.nonNull.field('categories', { type: 'SyndicationCategory' });
      t.string('summary');
      t.nonNull.string('contentHtml', { description: 'The body as sanitized HTML' });
      t.field('image', { type: 'SyndicationImage' });
      t.nonNull.field('licence', { type: 'SyndicationLicence' });
      t.nonNull.string('language');
      t.nonNull.list.nonNull.field('translations', { type: 'SyndicationTranslation' });
    },
  }),
  nexus.extendType({
    type: 'Query',
    definition(t) {
      t.nonNull.list.nonNull.field('syndicationStories', {
        type: 'SyndicationItem',
        description: 'The stories of the syndication feeds (same filters, same items, newest first)',
        args: {
          locale: nexus.stringArg(),
          topic: nexus.stringArg(),
          organisation: nexus.stringArg(),
          limit: nexus.intArg(),
        },
      });
    },
  }),
];

/** Adds `syndicationStories` to the GraphQL schema when the graphql plugin is installed. */
export const registerGraphql = (strapi: Core.Strapi): void => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  // Partners and deliveries are admin business: no GraphQL type, query or mutation for them.
  const internal = [
    PARTNER,
    DELIVERY,
    DELIVERY_ATTEMPT,
    FEED_STATE,
    INBOUND_MESSAGE,
    RECEIVED_ITEM,
    RECEIVED_LOG,
    WEBSUB_LEASE,
    WEBSUB_SUBSCRIPTION,
    WEBSUB_TOPIC,
    WEBSUB_DELIVERY,
  ];
  for (const uid of internal) graphql.service('extension').shadowCRUD(uid).disable();
  graphql.service('extension').use(({ nexus }: { nexus: NexusModule }) => ({
    types: types(nexus),
    resolvers: {
      Query: {
        async syndicationStories(_parent: unknown, args: StoriesArgs, context: { state: Record<string, unknown> }) {
          const query = await validateGraphqlArgs(args);
          const { items, expiresAt } = await getService(strapi, 'feeds').items(query);
          // A cached answer must not outlive the next embargo end.
          cacheHints(strapi).expireAt(context.state, expiresAt);
          return items;
        },
      },
    },
    // Public like the feeds themselves.
    resolversConfig: { 'Query.syndicationStories': { auth: false } },
  }));
};
