import type { Core } from '@strapi/strapi';

type Resolve = (parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

/** Adds "consented only" to a GraphQL list query's filters before it runs. */
const onlyConsenting = (next: Resolve, parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => {
  const consented = { publicConsent: { eq: true } };
  const filters = args.filters ? { and: [args.filters, consented] } : consented;
  return next(parent, { ...args, filters }, context, info);
};

/**
 * The GraphQL side of participant privacy: list queries and their connection (with its
 * page count) only see consenting participants, as over REST. Single lookups and nested
 * participants go through the content-API output sanitizer (participant-consent.ts).
 */
export const registerParticipantGraphqlPrivacy = (strapi: Core.Strapi): void => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  graphql.service('extension').use(() => ({
    resolversConfig: {
      'Query.participants': { middlewares: [onlyConsenting] },
      'Query.participants_connection': { middlewares: [onlyConsenting] },
    },
  }));
};
