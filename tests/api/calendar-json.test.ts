import type { Core } from '@strapi/strapi';
import jsonld from 'jsonld';
import { bootStrapi, http } from '../helpers/strapi';
import { createEvent, DEMO_SLUG, NON_CONSENTING_NAME, PRIVATE_STRINGS } from '../helpers/calendar-fixtures';
import { documentLoader, S } from '../helpers/schema-org';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

const DAY = 24 * 3600 * 1000;
// Relative to the real clock: "upcoming" means after now whenever the suite runs.
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
  await createEvent(strapi, {
    slug: 'future-youth-forum',
    title: 'Future youth forum',
    timeZone: 'Asia/Almaty',
    venue: { city: 'Almaty', country: 'KZ' },
    startsAt: inDays(30),
    endsAt: inDays(31),
  });
});
afterAll(async () => teardown());

const get = (path: string) => http(strapi).get(path);
const slugs = (res: { body: { data: Array<{ slug: string }> } }) => res.body.data.map((event) => event.slug);

type Expanded = Record<string, unknown>;
const first = (node: Expanded, term: string): Expanded => (node[`${S}${term}`] as Expanded[])[0];
const value = (node: Expanded, term: string): unknown => first(node, term)['@value'];

describe('GET /api/calendar/events', () => {
  it('lists published events with local times and paging', async () => {
    const res = await get('/api/calendar/events?locale=en');
    expect(res.status).toBe(200);
    const course = res.body.data.find((event: { slug: string }) => event.slug === DEMO_SLUG);
    expect(course).toMatchObject({
      title: 'Information and advocacy work for union revitalisation',
      startsAt: '2025-03-24T08:00:00.000Z',
      localStart: '2025-03-24T09:00:00+01:00',
      timeZone: 'Europe/Rome',
      venue: { city: 'Turin', country: 'IT' },
      organisers: [expect.objectContaining({ slug: 'itc-ilo' })],
    });
    expect(res.body.meta.pagination).toMatchObject({ page: 1, pageSize: 25, total: 2, pageCount: 1 });

    const paged = await get('/api/calendar/events?pagination[page]=2&pagination[pageSize]=1');
    expect(paged.status).toBe(200);
    expect(paged.body.data).toHaveLength(1);
    expect(paged.body.meta.pagination).toMatchObject({ page: 2, pageSize: 1, total: 2, pageCount: 2 });
  });

  it('separates upcoming from past events', async () => {
    expect(slugs(await get('/api/calendar/events?when=upcoming'))).toEqual(['future-youth-forum']);
    expect(slugs(await get('/api/calendar/events?when=past'))).toEqual([DEMO_SLUG]);
  });

  it('filters by country, organiser, topic and dates', async () => {
    expect(slugs(await get('/api/calendar/events?country=it'))).toEqual([DEMO_SLUG]);
    expect(slugs(await get('/api/calendar/events?country=KZ'))).toEqual(['future-youth-forum']);
    expect(slugs(await get('/api/calendar/events?organisation=itc-ilo&topic=advocacy'))).toEqual([DEMO_SLUG, 'future-youth-forum']);
    expect(slugs(await get('/api/calendar/events?organisation=actrav'))).toEqual([]);
    expect(slugs(await get('/api/calendar/events?from=2025-03-01&to=2025-03-31'))).toEqual([DEMO_SLUG]);
  });

  it('speaks the requested language', async () => {
    const res = await get('/api/calendar/events?locale=ru&when=past');
    expect(res.body.data[0].title).toBe('Информационно-пропагандистская деятельность в целях активизации деятельности профсоюзов');
  });

  it.each([
    ['when=soon', ['when']],
    ['country=ITA', ['country']],
    ['locale=xx', ['locale']],
    ['from=2025-13-01', ['from']],
    ['from=2025-04-01&to=2025-03-01', ['from']],
    ['pagination[pageSize]=500', ['pagination', 'pageSize']],
    ['pagination[page]=0', ['pagination', 'page']],
    ['sort=title', []],
  ])('?%s is a 400 ValidationError', async (query, path) => {
    const res = await get(`/api/calendar/events?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(res.body.error.details.errors[0].path).toEqual(path);
  });
});

describe('GET /api/calendar/events/:slug/jsonld', () => {
  it('is a schema.org Event that a JSON-LD processor expands with the expected types', async () => {
    const res = await get(`/api/calendar/events/${DEMO_SLUG}/jsonld`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    const document = JSON.parse(res.text);
    expect(document['@context']).toBe('https://schema.org');
    expect(document.startDate).toBe('2025-03-24T09:00:00+01:00');
    expect(document.endDate).toBe('2025-03-28T17:00:00+01:00');

    const [event] = (await jsonld.expand(document, { documentLoader })) as Expanded[];
    expect(event['@type']).toEqual([`${S}Event`]);
    expect(value(event, 'name')).toBe('Information and advocacy work for union revitalisation');
    expect(value(event, 'startDate')).toBe('2025-03-24T09:00:00+01:00');
    expect(value(event, 'eventStatus')).toBe('https://schema.org/EventScheduled');
    expect(value(event, 'eventAttendanceMode')).toBe('https://schema.org/OfflineEventAttendanceMode');
    expect(value(event, 'inLanguage')).toBe('en');
    expect(value(event, 'url')).toContain(DEMO_SLUG);

    const place = first(event, 'location');
    expect(place['@type']).toEqual([`${S}Place`]);
    const address = first(place, 'address');
    expect(address['@type']).toEqual([`${S}PostalAddress`]);
    expect(value(address, 'addressLocality')).toBe('Turin');
    expect(value(address, 'addressCountry')).toBe('IT');

    const organiser = first(event, 'organizer');
    expect(organiser['@type']).toEqual([`${S}Organization`]);
    expect(value(organiser, 'alternateName')).toBe('ITC-ILO');
    const parent = first(organiser, 'parentOrganization');
    expect(parent['@type']).toEqual([`${S}Organization`]);
    expect(value(parent, 'alternateName')).toBe('ILO');

    const guide = first(event, 'workFeatured');
    expect(guide['@type']).toEqual([`${S}Book`]);
    expect(value(guide, 'name')).toBe("Advocacy for strengthening workers' organisations");

    for (const secret of [...PRIVATE_STRINGS, NON_CONSENTING_NAME, 'Takhmina']) expect(res.text).not.toContain(secret);
  });

  it('describes an online event with a VirtualLocation', async () => {
    await createEvent(strapi, {
      slug: 'online-webinar',
      title: 'Online webinar',
      format: 'online',
      venue: null,
      onlineUrl: 'https://meet.example.net/webinar',
      eventStatus: 'cancelled',
      startsAt: '2025-11-12T13:00:00.000Z',
      endsAt: '2025-11-12T14:00:00.000Z',
    });
    const res = await get('/api/calendar/events/online-webinar/jsonld');
    const [event] = (await jsonld.expand(JSON.parse(res.text), { documentLoader })) as Expanded[];
    expect(first(event, 'location')['@type']).toEqual([`${S}VirtualLocation`]);
    expect(value(event, 'eventAttendanceMode')).toBe('https://schema.org/OnlineEventAttendanceMode');
    expect(value(event, 'eventStatus')).toBe('https://schema.org/EventCancelled');
    // 13:00Z on 12 November is 14:00 in Rome (CET).
    expect(value(event, 'startDate')).toBe('2025-11-12T14:00:00+01:00');
  });

  it('is a 404 for an unknown slug', async () => {
    const res = await get('/api/calendar/events/no-such-event/jsonld');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
  });
});

describe('GET /api/calendar/events/:slug/participants', () => {
  it('names only consenting participants and counts everyone without singling anyone out', async () => {
    const res = await get(`/api/calendar/events/${DEMO_SLUG}/participants?locale=en`);
    expect(res.status).toBe(200);
    const { roster, statistics } = res.body.data;
    expect(roster).toEqual([
      {
        name: 'Takhmina Kubasheva',
        position: 'Director of the Department of International Cooperation, FPRK',
        organisation: expect.objectContaining({ slug: 'fprk', acronym: 'FPRK', country: 'KZ' }),
        country: 'KZ',
        role: 'participant',
      },
    ]);
    // Two participants. The unnamed one is the only person from Italy and from ITC-ILO: neither
    // group may show, not even in a distinct count (countries 2 beside a roster from one country
    // would say the hidden person came from elsewhere).
    expect(statistics).toMatchObject({ participants: 2, countries: 1, organisations: 1, internationalOrganisations: 0 });
    // The group holding only the consenting participant is shown; the non-consenting one is pooled.
    expect(statistics.byCountry).toEqual([{ country: 'KZ', count: 1 }]);
    expect(statistics.byOrganisation).toEqual([{ organisation: expect.objectContaining({ slug: 'fprk' }), count: 1 }]);
    expect(statistics.byCountryOther).toBe(1);
    expect(statistics.byOrganisationOther).toBe(1);

    for (const secret of [...PRIVATE_STRINGS, NON_CONSENTING_NAME, 'Course participant', 'itc-ilo', '"IT"']) {
      expect(res.text).not.toContain(secret);
    }
  });

  it('translates positions', async () => {
    const res = await get(`/api/calendar/events/${DEMO_SLUG}/participants?locale=ru`);
    expect(res.body.data.roster[0].position).toBe('Директор Департамента международного сотрудничества ФПРК');
  });

  it('is a 404 for an unknown slug and a 400 for an unknown parameter', async () => {
    expect((await get('/api/calendar/events/no-such-event/participants')).status).toBe(404);
    const bad = await get(`/api/calendar/events/${DEMO_SLUG}/participants?fields=email`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.name).toBe('ValidationError');
  });
});

describe('GraphQL', () => {
  const query = (text: string, variables: Record<string, unknown> = {}) => http(strapi).post('/graphql').send({ query: text, variables });

  it('answers the same queries as REST from the same data', async () => {
    const res = await query(
      `query ($slug: String!) {
        calendarEvents(when: past, locale: "en", to: "2025-06-30", pageSize: 10) { data { slug localStart organisers { slug } } pagination { total pageSize } }
        calendarEventJsonLd(slug: $slug)
        calendarEventParticipants(slug: $slug) {
          roster { name position organisation { slug } country role }
          statistics { participants countries organisations internationalOrganisations byCountry { country count } byCountryOther }
        }
      }`,
      { slug: DEMO_SLUG },
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const { calendarEvents, calendarEventJsonLd, calendarEventParticipants } = res.body.data;
    expect(calendarEvents.data).toEqual([{ slug: DEMO_SLUG, localStart: '2025-03-24T09:00:00+01:00', organisers: [{ slug: 'itc-ilo' }] }]);
    expect(calendarEvents.pagination).toEqual({ total: 1, pageSize: 10 });
    const rest = await get(`/api/calendar/events/${DEMO_SLUG}/jsonld`);
    expect(calendarEventJsonLd).toEqual(JSON.parse(rest.text));
    expect(calendarEventParticipants.roster.map((entry: { name: string }) => entry.name)).toEqual(['Takhmina Kubasheva']);
    expect(calendarEventParticipants.statistics).toMatchObject({ participants: 2, countries: 1, byCountryOther: 1 });
    for (const secret of [...PRIVATE_STRINGS, NON_CONSENTING_NAME]) expect(res.text).not.toContain(secret);
  });

  it('refuses bad arguments with a validation error and nothing internal', async () => {
    const res = await query('{ calendarEvents(locale: "xx", from: "2025-05-01", to: "2025-04-01") { data { slug } } }');
    expect(res.body.data).toBeNull();
    expect(res.body.errors[0].extensions.error).toMatchObject({ name: 'ValidationError' });
    const bad = await query('{ calendarEvents(from: "2025-05-01", to: "2025-04-01") { data { slug } } }');
    expect(bad.body.errors[0].message).toBe('from must not be after to');
    const missing = await query('{ calendarEventParticipants(slug: "no-such-event") { roster { name } } }');
    expect(missing.body.errors[0].extensions.error).toMatchObject({ name: 'NotFoundError' });
    for (const body of [res.text, bad.text, missing.text]) expect(body).not.toMatch(/select |sqlite|knex|stack|\.ts:/i);
  });
});
