/**
 * Public routes, mounted under /api/calendar. They are public because calendars, event
 * pages and search engines read them without an account; access still goes through the
 * users-permissions Public role (granted at bootstrap), so an administrator can revoke it.
 *
 * Every answer is the same for every public client (`publicCache: true`: the public-cache plugin
 * may keep it; the list says when it expires, see controllers/events).
 *
 * `/events/:slug.ics` and `/events.ics` cannot collide: path-to-regexp reads the first as
 * "a second segment ending in .ics" (`/events/([^/]+?)\.ics`), the second has no second segment.
 *
 * `config.openapi` describes each route in the OpenAPI document (plugins/openapi/README.md).
 */

const nullableString = { type: ['string', 'null'] };
const slug = { type: 'string', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' };

const locale = {
  name: 'locale',
  in: 'query' as const,
  description: 'A locale the CMS has (`en` by default); an unknown one is a 400.',
  schema: { type: 'string' },
};
const filterParameters = [
  locale,
  { name: 'organisation', in: 'query' as const, description: 'Slug of an organiser (`itc-ilo`).', schema: slug },
  { name: 'topic', in: 'query' as const, description: 'Slug of a topic (`advocacy`).', schema: slug },
  {
    name: 'from',
    in: 'query' as const,
    description: 'Events overlapping from this UTC day (`2025-03-24`) or instant with offset (`2025-03-24T09:00:00+01:00`).',
    schema: { type: 'string' },
  },
  { name: 'to', in: 'query' as const, description: 'Events overlapping until this day (its end) or instant.', schema: { type: 'string' } },
];
const slugParameter = { name: 'slug', in: 'path' as const, required: true, description: 'The event slug.', schema: slug };

const organisation = {
  type: 'object',
  properties: {
    slug: { type: 'string' },
    name: { type: 'string' },
    acronym: nullableString,
    kind: nullableString,
    country: nullableString,
    website: nullableString,
  },
  required: ['slug', 'name'],
  additionalProperties: false,
};

const event = {
  type: 'object',
  properties: {
    documentId: { type: 'string' },
    slug: { type: 'string' },
    locale: { type: 'string' },
    title: { type: 'string' },
    summary: nullableString,
    startsAt: { type: 'string', format: 'date-time' },
    endsAt: { type: 'string', format: 'date-time' },
    timeZone: { type: 'string', description: 'IANA time zone of the event.' },
    localStart: { type: 'string', format: 'date-time', description: "Start on the event's own clock, with offset." },
    localEnd: { type: 'string', format: 'date-time' },
    format: { enum: ['in_person', 'online', 'hybrid'] },
    eventStatus: { enum: ['scheduled', 'postponed', 'cancelled'] },
    venue: {
      anyOf: [
        {
          type: 'object',
          properties: { name: nullableString, street: nullableString, postalCode: nullableString, city: nullableString, country: nullableString },
          additionalProperties: false,
        },
        { type: 'null' },
      ],
    },
    onlineUrl: nullableString,
    url: { type: 'string', format: 'uri' },
    organisers: { type: 'array', items: organisation },
    partners: { type: 'array', items: organisation },
    topics: { type: 'array', items: { type: 'object', properties: { slug: { type: 'string' }, name: { type: 'string' } }, required: ['slug', 'name'] } },
    guides: { type: 'array', items: { type: 'object', properties: { slug: { type: 'string' }, title: { type: 'string' } }, required: ['slug', 'title'] } },
    links: {
      type: 'object',
      properties: { ics: { type: 'string', format: 'uri' }, jsonld: { type: 'string', format: 'uri' }, participants: { type: 'string', format: 'uri' } },
      required: ['ics', 'jsonld', 'participants'],
    },
  },
  required: ['documentId', 'slug', 'locale', 'title', 'startsAt', 'endsAt', 'timeZone', 'format', 'eventStatus', 'url', 'links'],
  additionalProperties: false,
};

const count = { type: 'integer', minimum: 0 };
const participants = {
  type: 'object',
  properties: {
    data: {
      type: 'object',
      properties: {
        event: {
          type: 'object',
          properties: { slug: { type: 'string' }, title: { type: 'string' }, locale: { type: 'string' } },
          required: ['slug', 'title', 'locale'],
        },
        roster: {
          type: 'array',
          description: 'Only participants who consented to appear.',
          items: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              position: nullableString,
              organisation: {
                anyOf: [
                  {
                    type: 'object',
                    properties: { slug: { type: 'string' }, name: { type: 'string' }, acronym: nullableString, country: nullableString },
                    additionalProperties: false,
                  },
                  { type: 'null' },
                ],
              },
              country: nullableString,
              role: { type: 'string' },
            },
            required: ['name', 'role'],
            additionalProperties: false,
          },
        },
        statistics: {
          type: 'object',
          description: 'Counts built so that no subtraction singles out a non-consenting person (plugins/calendar/README.md).',
          properties: {
            participants: count,
            countries: count,
            organisations: count,
            internationalOrganisations: count,
            byCountry: { type: 'array', items: { type: 'object', properties: { country: { type: 'string' }, count }, required: ['country', 'count'] } },
            byOrganisation: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  organisation: { type: 'object', properties: { slug: { type: 'string' }, name: { type: 'string' }, acronym: nullableString } },
                  count,
                },
                required: ['organisation', 'count'],
              },
            },
            byCountryOther: count,
            byOrganisationOther: count,
            minimumGroupSize: count,
          },
          required: ['participants', 'byCountry', 'byOrganisation', 'byCountryOther', 'byOrganisationOther'],
        },
      },
      required: ['event', 'roster', 'statistics'],
    },
  },
  required: ['data'],
};

const calendarResponses = (description: string) => ({
  '200': {
    description,
    headers: { ETag: { schema: { type: 'string' } } },
    content: { 'text/calendar': { schema: { type: 'string', description: 'iCalendar (RFC 5545)' } } },
  },
  '304': { description: 'Not modified (If-None-Match matched the ETag).' },
});

const tags = ['calendar'];

export default {
  type: 'content-api',
  routes: [
    {
      method: 'GET',
      path: '/events.ics',
      handler: 'events.calendar',
      config: {
        policies: [],
        publicCache: true,
        openapi: {
          summary: 'iCalendar feed of published events',
          description: 'A subscribable calendar (latest starts first beyond `maxFeedEvents`); cancelled events stay in it as CANCELLED.',
          tags,
          parameters: filterParameters,
          responses: calendarResponses('The calendar.'),
        },
      },
    },
    {
      method: 'GET',
      path: '/events/:slug.ics',
      handler: 'events.calendarEntry',
      config: {
        policies: [],
        publicCache: true,
        openapi: {
          summary: 'One event as iCalendar',
          description: 'For "add to calendar".',
          tags,
          parameters: [slugParameter, locale],
          responses: calendarResponses('The event as a calendar of one VEVENT.'),
        },
      },
    },
    {
      method: 'GET',
      path: '/events',
      handler: 'events.find',
      config: {
        policies: [],
        publicCache: true,
        openapi: {
          summary: 'Published events as JSON, for websites',
          tags,
          parameters: [
            ...filterParameters,
            {
              name: 'when',
              in: 'query',
              description: '`upcoming` (not over yet, soonest first) or `past` (most recent first).',
              schema: { enum: ['upcoming', 'past'] },
            },
            { name: 'country', in: 'query', description: 'ISO 3166-1 alpha-2 code of the venue (`IT`).', schema: { type: 'string', pattern: '^[A-Za-z]{2}$' } },
            { name: 'pagination[page]', in: 'query', schema: { type: 'integer', minimum: 1 } },
            { name: 'pagination[pageSize]', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
          ],
          responses: {
            '200': {
              description: 'A page of events.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      data: { type: 'array', items: event },
                      meta: {
                        type: 'object',
                        properties: {
                          pagination: {
                            type: 'object',
                            properties: { page: count, pageSize: count, pageCount: count, total: count },
                            required: ['page', 'pageSize', 'pageCount', 'total'],
                          },
                        },
                        required: ['pagination'],
                      },
                    },
                    required: ['data', 'meta'],
                  },
                },
              },
            },
          },
        },
      },
    },
    {
      method: 'GET',
      path: '/events/:slug/jsonld',
      handler: 'events.jsonLd',
      config: {
        policies: [],
        publicCache: true,
        openapi: {
          summary: 'One event as schema.org JSON-LD',
          description: 'A schema.org `Event` for search engines, safe to put in a `<script type="application/ld+json">` element as it is.',
          tags,
          parameters: [slugParameter, locale],
          responses: {
            '200': {
              description: 'The schema.org Event.',
              content: {
                'application/ld+json': {
                  schema: {
                    type: 'object',
                    properties: {
                      '@context': { const: 'https://schema.org' },
                      '@type': { const: 'Event' },
                      name: { type: 'string' },
                      startDate: { type: 'string' },
                    },
                    required: ['@context', '@type', 'name', 'startDate'],
                  },
                },
              },
            },
          },
        },
      },
    },
    {
      method: 'GET',
      path: '/events/:slug/participants',
      handler: 'events.participants',
      config: {
        policies: [],
        publicCache: true,
        openapi: {
          summary: "An event's consenting participants and its statistics",
          tags,
          parameters: [slugParameter, locale],
          responses: { '200': { description: 'Roster and statistics.', content: { 'application/json': { schema: participants } } } },
        },
      },
    },
  ],
};
