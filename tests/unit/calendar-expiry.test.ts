import eventsController from '../../plugins/calendar/server/src/controllers/events';
import { registerGraphql } from '../../plugins/calendar/server/src/graphql';
import eventsService, { toDocumentFilters } from '../../plugins/calendar/server/src/services/events';
import type { EventFilters } from '../../plugins/calendar/server/src/validation/query';
import { fakeDocuments, matches } from '../helpers/document-filters';

/**
 * When an event leaves the upcoming list and joins the past, and until when a list answered
 * before may be reused: decided on an explicit `now`, never by waiting. The running app's
 * outcome (the event does move, REST and GraphQL, without an edit) is checked in
 * tests/api/response-cache.test.ts.
 */

const NOW = Date.parse('2025-03-28T10:00:00.000Z');
const HOUR = 3_600_000;
const iso = (time: number) => new Date(time).toISOString();

type EventFacts = { slug: string; endsAt: number; organiser?: string };
const event = ({ slug, endsAt, organiser = 'itc-ilo' }: EventFacts) => ({
  slug,
  locale: 'en',
  startsAt: iso(endsAt - 4 * HOUR),
  endsAt: iso(endsAt),
  organisers: [{ slug: organiser }],
});

const EVENTS: EventFacts[] = [
  { slug: 'ended-an-hour-ago', endsAt: NOW - HOUR },
  { slug: 'ends-in-an-hour', endsAt: NOW + HOUR },
  { slug: 'ends-in-two-hours', endsAt: NOW + 2 * HOUR, organiser: 'fprk' },
];

/** The slugs `filters` selects at `now`, as the database would answer. */
const listed = (filters: EventFilters, now: number, events = EVENTS) =>
  events
    .map(event)
    .filter((row) => matches(row, toDocumentFilters(filters, new Date(now))))
    .map((row) => row.slug);

const calendarConfig = { contentTypes: { event: 'api::event.event' }, maxAge: 300 };

describe('upcoming and past at an instant', () => {
  it('lists an event as upcoming up to and including its last millisecond, and as past from the next', () => {
    const end = NOW + HOUR;
    expect(listed({ when: 'upcoming' }, end)).toEqual(['ends-in-an-hour', 'ends-in-two-hours']);
    expect(listed({ when: 'past' }, end)).toEqual(['ended-an-hour-ago']);
    expect(listed({ when: 'upcoming' }, end + 1)).toEqual(['ends-in-two-hours']);
    expect(listed({ when: 'past' }, end + 1)).toEqual(['ended-an-hour-ago', 'ends-in-an-hour']);
  });

  it('keeps an event that has started but not ended in upcoming', () => {
    const underWay = [{ slug: 'under-way', endsAt: NOW + 2 * HOUR }];
    // Started two hours ago (see `event`: four hours long).
    expect(listed({ when: 'upcoming' }, NOW, underWay)).toEqual(['under-way']);
    expect(listed({ when: 'past' }, NOW, underWay)).toEqual([]);
  });
});

describe('the next change of a list by time alone', () => {
  const documents = fakeDocuments(EVENTS.map(event));
  const events = eventsService({
    strapi: { config: { get: (key: string) => (key === 'plugin::calendar' ? calendarConfig : undefined) }, documents: () => documents } as never,
  });
  const nextChange = (filters: EventFilters, now: number) => events.nextChange({ locale: 'en', filters, now: new Date(now) });

  it('is the millisecond after the earliest end not yet passed, for upcoming and for past alike', async () => {
    for (const when of ['upcoming', 'past'] as const) {
      expect(await nextChange({ when }, NOW)).toBe(NOW + HOUR + 1);
      expect(await nextChange({ when }, NOW + HOUR)).toBe(NOW + HOUR + 1);
      expect(await nextChange({ when }, NOW + HOUR + 1)).toBe(NOW + 2 * HOUR + 1);
      expect(await nextChange({ when }, NOW + 2 * HOUR + 1)).toBeNull();
    }
  });

  it('is the first instant at which the list differs: the same list just before, another one from then on', async () => {
    for (const when of ['upcoming', 'past'] as const) {
      let now = NOW;
      for (let change = await nextChange({ when }, now); change !== null; change = await nextChange({ when }, now)) {
        expect(listed({ when }, change - 1)).toEqual(listed({ when }, now));
        expect(listed({ when }, change)).not.toEqual(listed({ when }, now));
        now = change;
      }
      expect(now).toBe(NOW + 2 * HOUR + 1);
    }
  });

  it('counts only the events the other filters keep', async () => {
    expect(await nextChange({ when: 'upcoming', organisation: 'fprk' }, NOW)).toBe(NOW + 2 * HOUR + 1);
    expect(await nextChange({ when: 'upcoming', organisation: 'nobody' }, NOW)).toBeNull();
  });

  it('is none for a list that time does not change (no upcoming or past in it)', async () => {
    expect(await nextChange({}, NOW)).toBeNull();
    expect(await nextChange({ organisation: 'itc-ilo' }, NOW)).toBeNull();
  });
});

/** What the code told the response cache (the public-cache plugin's hints), read without naming its key. */
const hintIn = (state: Record<string, unknown>) =>
  Object.values(state).find((value): value is { expiresAt: number | null } => typeof value === 'object' && value !== null && 'expiresAt' in value);

/** The public-cache plugin's hints service, as far as a list uses it: it notes the expiry in the request's state. */
const HINTS = {
  expireAt: (state: Record<string, unknown>, expiresAt: number | null) => {
    state.expiry = { expiresAt };
  },
  refuse: () => undefined,
};

/** A calendar service whose list goes stale at `expiresAt`. */
const calendarUntil = (expiresAt: number | null) => ({
  list: jest.fn(async () => ({ page: { data: [], meta: { pagination: { page: 1, pageSize: 25, pageCount: 0, total: 0 } } }, expiresAt })),
});

describe('what a list tells the response cache', () => {
  const strapiWith = (calendar: unknown, graphql?: unknown) =>
    ({
      config: { get: (key: string) => (key === 'plugin::calendar' ? calendarConfig : undefined) },
      plugin: (name: string) => (name === 'graphql' ? graphql : { service: () => (name === 'public-cache' ? HINTS : calendar) }),
    }) as never;
  const context = (query: Record<string, unknown>) => ({ query, state: {} as Record<string, unknown>, set: jest.fn(), body: undefined as unknown });

  it('REST: the list goes stale when it changes by time alone', async () => {
    const calendar = calendarUntil(NOW + HOUR + 1);
    const ctx = context({ when: 'upcoming' });
    await eventsController({ strapi: strapiWith(calendar) }).find(ctx as never);
    expect(hintIn(ctx.state)?.expiresAt).toBe(NOW + HOUR + 1);
    expect(calendar.list).toHaveBeenCalledWith(expect.objectContaining({ filters: { when: 'upcoming' } }));
  });

  it('REST: a list time does not change never goes stale by time alone', async () => {
    const ctx = context({});
    await eventsController({ strapi: strapiWith(calendarUntil(null)) }).find(ctx as never);
    expect(hintIn(ctx.state)?.expiresAt ?? null).toBeNull();
  });

  it('GraphQL calendarEvents: the answer goes stale when the list does', async () => {
    let extension: (() => { resolvers: { Query: Record<string, (...args: unknown[]) => Promise<unknown>> } }) | undefined;
    const graphql = { service: () => ({ shadowCRUD: () => ({ disable: () => undefined }), use: (factory: typeof extension) => (extension = factory) }) };
    const calendar = calendarUntil(NOW + HOUR + 1);
    registerGraphql(strapiWith(calendar, graphql));
    if (!extension) throw new Error('the calendar registered no GraphQL extension');
    const state: Record<string, unknown> = {};
    await extension().resolvers.Query.calendarEvents(null, { when: 'upcoming', pageSize: 100 }, { state });
    expect(hintIn(state)?.expiresAt).toBe(NOW + HOUR + 1);
    expect(calendar.list).toHaveBeenCalledWith(expect.objectContaining({ filters: { when: 'upcoming' }, pageSize: 100 }));
  });
});
