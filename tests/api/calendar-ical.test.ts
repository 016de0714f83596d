import type { Core } from '@strapi/strapi';
import { bootStrapi, http } from '../helpers/strapi';
import { createEvent, DEMO_SLUG, editAndPublish, eventBySummary, NON_CONSENTING_NAME, parseCalendar, PRIVATE_STRINGS } from '../helpers/calendar-fixtures';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

const DEMO_TITLE = 'Information and advocacy work for union revitalisation';

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi({ CALENDAR_ORGANIZER_EMAIL: 'events@cms.test' }));
});
afterAll(async () => teardown());

const get = (path: string) => http(strapi).get(path);

describe('GET /api/calendar/events.ics', () => {
  it('serves the demo course as RFC 5545 that ical.js reads, at 09:00 Rome time', async () => {
    const res = await get('/api/calendar/events.ics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).toMatch(/max-age=\d+/);

    const { calendar, events } = parseCalendar(res.text);
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Rome');
    const course = eventBySummary(events, DEMO_TITLE);
    expect(res.text).toContain('DTSTART;TZID=Europe/Rome:20250324T090000');
    expect(course.startDate.zone?.tzid).toBe('Europe/Rome');
    expect(course.startDate.hour).toBe(9);
    expect(course.startDate.toJSDate().toISOString()).toBe('2025-03-24T08:00:00.000Z');
    expect(course.endDate.toJSDate().toISOString()).toBe('2025-03-28T16:00:00.000Z');
    expect(course.uid).toMatch(/@cms\.test$/);
    expect(course.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(course.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
    expect(course.location).toContain('Turin');
    expect(course.component.getFirstPropertyValue('url')).toContain(DEMO_SLUG);
    expect(course.organizer).toBe('mailto:events@cms.test');
    expect(course.component.getFirstProperty('organizer')?.getParameter('cn')).toContain('ITC-ILO');
    expect(course.component.getFirstProperty('categories')?.getValues()).toEqual(expect.arrayContaining(['Advocacy', 'Communication', 'Union revitalisation']));
  });

  it('answers 304 to a client holding the current ETag', async () => {
    const first = await get('/api/calendar/events.ics');
    expect(first.headers.etag).toBeTruthy();
    const again = await get('/api/calendar/events.ics').set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    expect(again.text).toBeFalsy();
    const other = await get('/api/calendar/events.ics').set('If-None-Match', '"something-else"');
    expect(other.status).toBe(200);
  });

  it('speaks the requested language', async () => {
    const res = await get('/api/calendar/events.ics?locale=ru');
    expect(res.status).toBe(200);
    const { events } = parseCalendar(res.text);
    expect(events.map((event) => event.summary)).toContain('Информационно-пропагандистская деятельность в целях активизации деятельности профсоюзов');
  });

  it('filters by organiser, topic and dates', async () => {
    const summaries = async (query: string) => parseCalendar((await get(`/api/calendar/events.ics?${query}`)).text).events.map((e) => e.summary);
    expect(await summaries('organisation=itc-ilo')).toContain(DEMO_TITLE);
    expect(await summaries('organisation=fprk')).not.toContain(DEMO_TITLE);
    expect(await summaries('topic=advocacy')).toContain(DEMO_TITLE);
    expect(await summaries('topic=youth')).not.toContain(DEMO_TITLE);
    expect(await summaries('from=2025-03-28&to=2025-03-28')).toContain(DEMO_TITLE);
    expect(await summaries('from=2025-03-29')).not.toContain(DEMO_TITLE);
    expect(await summaries('to=2025-03-23T23:59:59Z')).not.toContain(DEMO_TITLE);
  });

  it('never carries participants or their contact details', async () => {
    const res = await get('/api/calendar/events.ics');
    for (const secret of [...PRIVATE_STRINGS, NON_CONSENTING_NAME, 'Takhmina']) expect(res.text).not.toContain(secret);
  });
});

describe('times, status and sequence', () => {
  it('keeps local wall-clock times across a DST change (Rome, 30 March 2025)', async () => {
    // Friday 28 March 09:00 CET (UTC+1) to Monday 31 March 17:00 CEST (UTC+2).
    await createEvent(strapi, {
      slug: 'dst-crossing-seminar',
      title: 'DST crossing seminar',
      startsAt: '2025-03-28T08:00:00.000Z',
      endsAt: '2025-03-31T15:00:00.000Z',
    });
    const res = await get('/api/calendar/events/dst-crossing-seminar.ics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('DTSTART;TZID=Europe/Rome:20250328T090000');
    expect(res.text).toContain('DTEND;TZID=Europe/Rome:20250331T170000');
    const event = eventBySummary(parseCalendar(res.text).events, 'DST crossing seminar');
    expect([event.startDate.hour, event.endDate.hour]).toEqual([9, 17]);
    expect(event.startDate.toJSDate().toISOString()).toBe('2025-03-28T08:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2025-03-31T15:00:00.000Z');
    expect(event.startDate.utcOffset()).toBe(3600);
    expect(event.endDate.utcOffset()).toBe(7200);
  });

  it('writes each event in its own zone, with one VTIMEZONE per zone', async () => {
    await createEvent(strapi, {
      slug: 'almaty-round-table',
      title: 'Almaty round table',
      timeZone: 'Asia/Almaty',
      startsAt: '2025-06-10T04:00:00.000Z',
      endsAt: '2025-06-10T08:00:00.000Z',
      venue: { city: 'Almaty', country: 'KZ' },
    });
    const res = await get('/api/calendar/events.ics?from=2025-01-01&to=2025-12-31');
    const { calendar, events } = parseCalendar(res.text);
    const zones = calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'));
    expect(zones).toEqual(expect.arrayContaining(['Europe/Rome', 'Asia/Almaty']));
    expect(new Set(zones).size).toBe(zones.length);
    const almaty = eventBySummary(events, 'Almaty round table');
    expect(almaty.startDate.zone?.tzid).toBe('Asia/Almaty');
    expect(almaty.startDate.toJSDate().toISOString()).toBe('2025-06-10T04:00:00.000Z');
  });

  it('marks a cancelled event CANCELLED and keeps it in the feed so calendars remove it', async () => {
    await createEvent(strapi, {
      slug: 'cancelled-congress',
      title: 'Cancelled congress',
      eventStatus: 'cancelled',
      startsAt: '2025-05-05T07:00:00.000Z',
      endsAt: '2025-05-05T15:00:00.000Z',
    });
    const feed = parseCalendar((await get('/api/calendar/events.ics')).text);
    expect(eventBySummary(feed.events, 'Cancelled congress').component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(eventBySummary(feed.events, DEMO_TITLE).component.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('keeps a postponed event CONFIRMED at its new dates', async () => {
    await createEvent(strapi, {
      slug: 'postponed-workshop',
      title: 'Postponed workshop',
      eventStatus: 'postponed',
      startsAt: '2025-10-01T07:00:00.000Z',
      endsAt: '2025-10-01T15:00:00.000Z',
    });
    const event = eventBySummary(parseCalendar((await get('/api/calendar/events/postponed-workshop.ics')).text).events, 'Postponed workshop');
    expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.startDate.toJSDate().toISOString()).toBe('2025-10-01T07:00:00.000Z');
  });

  it('raises SEQUENCE, keeps UID and changes the ETag when an editor republishes a change', async () => {
    const documentId = await createEvent(strapi, {
      slug: 'sequence-seminar',
      title: 'Sequence seminar',
      startsAt: '2025-09-01T07:00:00.000Z',
      endsAt: '2025-09-01T15:00:00.000Z',
    });
    const before = await get('/api/calendar/events/sequence-seminar.ics');
    const [first] = parseCalendar(before.text).events;
    expect(first.sequence).toBe(0);

    // A draft edit is not public: nothing changes yet.
    await strapi
      .documents('api::event.event' as never)
      .update({ documentId, locale: 'en', data: { startsAt: '2025-09-02T07:00:00.000Z', endsAt: '2025-09-02T15:00:00.000Z' } } as never);
    const draftOnly = await get('/api/calendar/events/sequence-seminar.ics').set('If-None-Match', before.headers.etag);
    expect(draftOnly.status).toBe(304);

    await editAndPublish(strapi, documentId, { title: 'Sequence seminar (moved)' });
    const after = await get('/api/calendar/events/sequence-seminar.ics').set('If-None-Match', before.headers.etag);
    expect(after.status).toBe(200);
    const [second] = parseCalendar(after.text).events;
    expect(second.uid).toBe(first.uid);
    expect(second.sequence).toBeGreaterThan(first.sequence);
    expect(second.summary).toBe('Sequence seminar (moved)');
    expect(second.startDate.toJSDate().toISOString()).toBe('2025-09-02T07:00:00.000Z');

    // The feed agrees with the single event (same cache rules, same counter).
    const feedEvent = eventBySummary(parseCalendar((await get('/api/calendar/events.ics')).text).events, 'Sequence seminar (moved)');
    expect(feedEvent.sequence).toBe(second.sequence);

    await editAndPublish(strapi, documentId, { title: 'Sequence seminar (moved again)' });
    const [third] = parseCalendar((await get('/api/calendar/events/sequence-seminar.ics')).text).events;
    expect(third.sequence).toBeGreaterThan(second.sequence);
  });
});

describe('GET /api/calendar/events/:slug.ics', () => {
  it('serves one event with ETag and 304', async () => {
    const res = await get(`/api/calendar/events/${DEMO_SLUG}.ics?locale=en`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const { events } = parseCalendar(res.text);
    expect(events.map((event) => event.summary)).toEqual([DEMO_TITLE]);
    const again = await get(`/api/calendar/events/${DEMO_SLUG}.ics?locale=en`).set('If-None-Match', res.headers.etag);
    expect(again.status).toBe(304);
  });

  it('is a 404 in Strapi error shape for an unknown slug and for an unpublished event', async () => {
    await createEvent(
      strapi,
      { slug: 'draft-only-meeting', title: 'Draft only meeting', startsAt: '2025-04-01T07:00:00.000Z', endsAt: '2025-04-01T09:00:00.000Z' },
      { publish: false },
    );
    for (const slug of ['no-such-event', 'draft-only-meeting']) {
      const res = await get(`/api/calendar/events/${slug}.ics`);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
    }
    const feed = await get('/api/calendar/events.ics');
    expect(feed.text).not.toContain('Draft only meeting');
  });
});

describe('bad parameters', () => {
  it.each([
    ['/api/calendar/events.ics?locale=xx', ['locale']],
    ['/api/calendar/events.ics?from=yesterday', ['from']],
    ['/api/calendar/events.ics?from=2025-02-30', ['from']],
    ['/api/calendar/events.ics?to=2025-03-24T09:00', ['to']],
    ['/api/calendar/events.ics?from=2025-04-01&to=2025-03-01', ['from']],
    ['/api/calendar/events.ics?organisation=ITC%20ILO', ['organisation']],
    ['/api/calendar/events.ics?topic[0]=a&topic[1]=b', ['topic']],
    ['/api/calendar/events.ics?when=upcoming', []],
    [`/api/calendar/events/${DEMO_SLUG}.ics?locale=zz`, ['locale']],
    [`/api/calendar/events/${DEMO_SLUG}.ics?format=json`, []],
  ])('%s is a 400 ValidationError', async (path, errorPath) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(typeof res.body.error.message).toBe('string');
    expect(res.body.error.details.errors[0].path).toEqual(errorPath);
  });
});
