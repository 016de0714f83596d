import {
  planDeliveries,
  type PlanInput,
  type PlannedDelivery,
  type PlannedPartner,
  type StoryFacts,
} from '../../plugins/syndication/server/src/utils/plan-deliveries';

const NOW = new Date('2025-03-28T10:00:00.000Z');
const LATER = new Date('2025-03-29T08:00:00.000Z');
const EARLIER = new Date('2025-03-27T08:00:00.000Z');

const partner = (id: number, overrides: Partial<PlannedPartner> = {}): PlannedPartner => ({ id, status: 'active', locales: [], topics: [], ...overrides });
const story = (overrides: Partial<StoryFacts> = {}): StoryFacts => ({ allowed: true, embargoUntil: null, topics: ['advocacy'], ...overrides });

const en1 = { id: 1, locale: 'en' };
const ru2 = { id: 2, locale: 'ru' };
/** A republication of en: a new published row. */
const en3 = { id: 3, locale: 'en' };

const published = (partnerId: number, locales: string[], payloadLocales = locales, dueAt = NOW.getTime()): PlannedDelivery => ({
  partnerId,
  event: 'story.published',
  locales,
  payloadLocales,
  dueAt,
});
const updated = (partnerId: number, locales: string[], payloadLocales = locales): PlannedDelivery => ({
  partnerId,
  event: 'story.updated',
  locales,
  payloadLocales,
  dueAt: NOW.getTime(),
});
const unpublished = (
  partnerId: number,
  locales: string[],
  remainingLocales: string[],
  reason: 'unpublished' | 'withdrawn' = 'unpublished',
): PlannedDelivery => ({
  partnerId,
  event: 'story.unpublished',
  reason,
  locales,
  remainingLocales,
  dueAt: NOW.getTime(),
});

const cases: Array<[string, Omit<PlanInput, 'now'>, PlannedDelivery[]]> = [
  [
    'first publication: story.published to every partner',
    { before: [], after: [en1], partners: [partner(1), partner(2)], story: story() },
    [published(1, ['en']), published(2, ['en'])],
  ],
  ['two locales at once: one delivery with both', { before: [], after: [en1, ru2], partners: [partner(1)], story: story() }, [published(1, ['en', 'ru'])]],
  ['republication of a locale: story.updated', { before: [en1], after: [en3], partners: [partner(1)], story: story() }, [updated(1, ['en'])]],
  [
    'a new translation: story.updated, the payload with every locale',
    { before: [en1], after: [en1, ru2], partners: [partner(1)], story: story() },
    [updated(1, ['ru'], ['en', 'ru'])],
  ],
  [
    'locales filter: only partners taking a changed locale, with only their locales',
    {
      before: [],
      after: [en1, ru2],
      partners: [partner(1, { locales: ['ru'] }), partner(2, { locales: ['fr'] }), partner(3, { locales: ['en', 'fr'] })],
      story: story(),
    },
    [published(1, ['ru']), published(3, ['en'])],
  ],
  [
    'locales filter: a translation new to the partner is story.published when it held none of its locales',
    { before: [en1], after: [en1, ru2], partners: [partner(1, { locales: ['ru'] }), partner(2, { locales: ['en'] })], story: story() },
    [published(1, ['ru'])],
  ],
  [
    'topics filter: only partners sharing a topic (or with none)',
    {
      before: [],
      after: [en1],
      partners: [partner(1, { topics: ['health'] }), partner(2, { topics: ['health', 'advocacy'] }), partner(3)],
      story: story({ topics: ['advocacy'] }),
    },
    [published(2, ['en']), published(3, ['en'])],
  ],
  [
    'topics filter: a story without topics reaches only partners without a topics filter',
    { before: [], after: [en1], partners: [partner(1, { topics: ['advocacy'] }), partner(2)], story: story({ topics: [] }) },
    [published(2, ['en'])],
  ],
  [
    'embargo not yet passed: due when it ends',
    { before: [], after: [en1], partners: [partner(1)], story: story({ embargoUntil: LATER.toISOString() }) },
    [published(1, ['en'], ['en'], LATER.getTime())],
  ],
  ['embargo passed: due now', { before: [], after: [en1], partners: [partner(1)], story: story({ embargoUntil: EARLIER }) }, [published(1, ['en'])]],
  ['syndication not allowed, never published before: nothing', { before: [], after: [en1], partners: [partner(1)], story: story({ allowed: false }) }, []],
  [
    'withdrawal: republished with syndication off, partners that may hold it take it down',
    {
      before: [en1, ru2],
      after: [en3, ru2],
      partners: [partner(1), partner(2, { locales: ['ru'] }), partner(3, { topics: ['health'] })],
      story: story({ allowed: false }),
    },
    // Partner 2 takes no changed locale; partner 3 is told regardless of topics.
    [unpublished(1, ['en', 'ru'], [], 'withdrawn'), unpublished(3, ['en', 'ru'], [], 'withdrawn')],
  ],
  ['unpublish of the only locale', { before: [en1], after: [], partners: [partner(1)], story: null }, [unpublished(1, ['en'], [])]],
  [
    'partial unpublish: one locale of two, the other remains',
    { before: [en1, ru2], after: [ru2], partners: [partner(1), partner(2, { locales: ['en'] }), partner(3, { locales: ['ru'] })], story: null },
    [unpublished(1, ['en'], ['ru']), unpublished(2, ['en'], [])],
  ],
  [
    'a locale republished and another unpublished: both events, in that order',
    { before: [en1, ru2], after: [en3], partners: [partner(1)], story: story() },
    [updated(1, ['en']), unpublished(1, ['ru'], ['en'])],
  ],
  [
    'republished with syndication off while another locale is unpublished: withdrawn, then unpublished with nothing remaining',
    { before: [en1, ru2], after: [en3], partners: [partner(1)], story: story({ allowed: false }) },
    [unpublished(1, ['en'], [], 'withdrawn'), unpublished(1, ['ru'], [])],
  ],
  [
    'paused partners still get deliveries (queued until resumed)',
    { before: [], after: [en1], partners: [partner(1, { status: 'paused' })], story: story() },
    [published(1, ['en'])],
  ],
  [
    'disabled partners get none',
    { before: [], after: [en1], partners: [partner(1, { status: 'disabled' }), partner(2)], story: story() },
    [published(2, ['en'])],
  ],
  ['disabled partners get no unpublish either', { before: [en1], after: [], partners: [partner(1, { status: 'disabled' })], story: null }, []],
  ['no change (the same published rows): nothing', { before: [en1, ru2], after: [en1, ru2], partners: [partner(1)], story: story() }, []],
  ['nothing published before or after (a draft saved): nothing', { before: [], after: [], partners: [partner(1)], story: null }, []],
  ['no partners: nothing', { before: [], after: [en1], partners: [], story: story() }, []],
];

describe('planDeliveries', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(planDeliveries({ ...input, now: NOW })).toEqual(expected);
  });
});
