import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { consentingParticipantIds } from './participant-consent';
import { filtersReachParticipant, sortReachesParticipant } from './participant-filters';

type Resolve = (parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;
type Entity = { id?: unknown };

/** Adds "consented only" to a GraphQL list query's filters before it runs. */
const onlyConsenting = (next: Resolve, parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => {
  const consented = { publicConsent: { eq: true } };
  const filters = args.filters ? { and: [args.filters, consented] } : consented;
  return next(parent, { ...args, filters }, context, info);
};

/** Refuses event queries that filter or sort through participants (see participant-filters). */
const noParticipantFilters = (next: Resolve, parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => {
  if (filtersReachParticipant(args.filters) || sortReachesParticipant(args.sort)) {
    throw new errors.ValidationError('Filtering or sorting on participants is only possible on the participants query');
  }
  return next(parent, args, context, info);
};

/**
 * GraphQL resolves one participant either as the entity itself or wrapped as
 * `{ value, info }` (Strapi's entity response); this finds the entity in either shape.
 */
const entityOf = (result: unknown): Entity | null => {
  if (typeof result !== 'object' || result === null) return null;
  if ('value' in result) return ((result as { value: unknown }).value as Entity | null) ?? null;
  return result as Entity;
};

/** Resolves a single participant, then hides it (null) unless the participant consented. */
const consentedOrNull =
  (strapi: Core.Strapi) =>
  async (next: Resolve, parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => {
    const result = await next(parent, args, context, info);
    const entity = entityOf(result);
    if (!entity) return result;
    const allowed = await consentingParticipantIds(strapi, [entity.id]);
    return allowed.has(String(entity.id)) ? result : null;
  };

/**
 * The GraphQL side of participant privacy. GraphQL does not run REST's output sanitizers, so
 * every field that yields a participant is guarded here: list queries and their connection
 * (with its page count) only see consenting participants, and a single participant (by
 * document id, or inside an event's participation) comes out as null without consent.
 */
export const registerParticipantGraphqlPrivacy = (strapi: Core.Strapi): void => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const single = consentedOrNull(strapi);
  graphql.service('extension').use(() => ({
    resolversConfig: {
      'Query.participants': { middlewares: [onlyConsenting] },
      'Query.participants_connection': { middlewares: [onlyConsenting] },
      'Query.participant': { middlewares: [single] },
      'ComponentEventParticipation.participant': { middlewares: [single] },
      'Query.events': { middlewares: [noParticipantFilters] },
      'Query.events_connection': { middlewares: [noParticipantFilters] },
    },
  }));
};
