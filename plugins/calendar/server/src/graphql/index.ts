import type { Core } from '@strapi/strapi';
import { cacheHints } from '@union-comms/kit';
import { getService } from '../utils/get-service';
import { validateListQuery, validateLocaleQuery } from '../validation/query';
import { REVISION } from '../services/revisions';

/**
 * The REST queries in GraphQL. Resolvers turn their arguments into the REST query shape
 * and go through the same validation and the same calendar service; only the response
 * format differs. Public like the REST routes (auth: false), read-only.
 */
const typeDefs = /* GraphQL */ `
  enum CalendarWhen {
    upcoming
    past
  }

  type CalendarOrganisation {
    slug: String!
    name: String!
    acronym: String
    kind: String
    country: String
    website: String
  }

  type CalendarVenue {
    name: String
    street: String
    postalCode: String
    city: String
    country: String
  }

  type CalendarTopic {
    slug: String!
    name: String!
  }

  type CalendarGuide {
    slug: String!
    title: String!
  }

  type CalendarLinks {
    ics: String!
    jsonld: String!
    participants: String!
  }

  type CalendarEvent {
    documentId: ID!
    slug: String!
    locale: String!
    title: String!
    summary: String
    "UTC instant (ISO 8601)"
    startsAt: String!
    endsAt: String!
    "IANA time zone of the event"
    timeZone: String!
    "Start on the event's own clock, with offset (2025-03-24T09:00:00+01:00)"
    localStart: String!
    localEnd: String!
    format: String!
    eventStatus: String!
    venue: CalendarVenue
    onlineUrl: String
    url: String!
    organisers: [CalendarOrganisation!]!
    partners: [CalendarOrganisation!]!
    topics: [CalendarTopic!]!
    guides: [CalendarGuide!]!
    links: CalendarLinks!
  }

  type CalendarPagination {
    page: Int!
    pageSize: Int!
    pageCount: Int!
    total: Int!
  }

  type CalendarEventPage {
    data: [CalendarEvent!]!
    pagination: CalendarPagination!
  }

  type CalendarRosterOrganisation {
    slug: String!
    name: String!
    acronym: String
    country: String
  }

  type CalendarRosterEntry {
    name: String!
    position: String
    organisation: CalendarRosterOrganisation
    country: String
    role: String!
  }

  type CalendarCountryCount {
    country: String!
    count: Int!
  }

  type CalendarOrganisationCount {
    organisation: CalendarRosterOrganisation!
    count: Int!
  }

  type CalendarParticipantStatistics {
    participants: Int!
    countries: Int!
    organisations: Int!
    internationalOrganisations: Int!
    byCountry: [CalendarCountryCount!]!
    byOrganisation: [CalendarOrganisationCount!]!
    "Participants in country groups too small to show without singling someone out"
    byCountryOther: Int!
    byOrganisationOther: Int!
    minimumGroupSize: Int!
  }

  type CalendarEventReference {
    slug: String!
    title: String!
    locale: String!
  }

  type CalendarParticipants {
    event: CalendarEventReference!
    "Only participants who consented to be named"
    roster: [CalendarRosterEntry!]!
    "Counts over all participants; no individual is identifiable"
    statistics: CalendarParticipantStatistics!
  }

  extend type Query {
    calendarEvents(
      when: CalendarWhen
      from: String
      to: String
      country: String
      organisation: String
      topic: String
      locale: String
      page: Int
      pageSize: Int
    ): CalendarEventPage!
    calendarEventJsonLd(slug: String!, locale: String): JSON!
    calendarEventParticipants(slug: String!, locale: String): CalendarParticipants!
  }
`;

type Args = Record<string, unknown>;

/** GraphQL arguments as the REST query string would carry them (absent and null are the same). */
const asQuery = (args: Args, keys: string[]): Record<string, string> => {
  const query: Record<string, string> = {};
  for (const key of keys) {
    const value = args[key];
    if (value !== undefined && value !== null) query[key] = String(value);
  }
  return query;
};

const slugArg = (args: Args): string => String(args.slug ?? '');

export const registerGraphql = (strapi: Core.Strapi): void => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension');
  // The revision counter is internal; no GraphQL type or query for it.
  extension.shadowCRUD(REVISION).disable();
  extension.use(() => ({
    typeDefs,
    resolvers: {
      Query: {
        async calendarEvents(_parent: unknown, args: Args, context: { state: Record<string, unknown> }) {
          const query = asQuery(args, ['when', 'from', 'to', 'country', 'organisation', 'topic', 'locale']);
          const pagination = asQuery(args, ['page', 'pageSize']);
          const { page, expiresAt } = await getService(strapi, 'calendar').list(
            validateListQuery(Object.keys(pagination).length ? { ...query, pagination } : query),
          );
          // A cached answer must not outlive the next end of a listed event.
          cacheHints(strapi).expireAt(context.state, expiresAt);
          return { data: page.data, pagination: page.meta.pagination };
        },
        async calendarEventJsonLd(_parent: unknown, args: Args) {
          return getService(strapi, 'calendar').jsonLd(slugArg(args), validateLocaleQuery(asQuery(args, ['locale'])));
        },
        async calendarEventParticipants(_parent: unknown, args: Args) {
          return getService(strapi, 'calendar').participants(slugArg(args), validateLocaleQuery(asQuery(args, ['locale'])));
        },
      },
    },
    resolversConfig: {
      'Query.calendarEvents': { auth: false },
      'Query.calendarEventJsonLd': { auth: false },
      'Query.calendarEventParticipants': { auth: false },
    },
  }));
};
