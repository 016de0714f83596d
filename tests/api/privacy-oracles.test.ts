import type { Core, UID } from '@strapi/strapi';
import { createEvent } from '../helpers/calendar-fixtures';
import { walkJson } from '../helpers/content';
import { bootStrapi, http } from '../helpers/strapi';

/**
 * The public API tried as a hostile anonymous client would, with oracles: for every way a
 * request can reach private data (filters at any depth, filters inside populate, GraphQL
 * arguments at any position, joins through `localizations`, totals, casing of the URL), the
 * same request with a hidden value and with a made-up value must answer identically, while the
 * same request with a public value answers differently (so the probe itself works).
 *
 * Planted: a non-consenting participant (HIDDEN_NAME, the only trainer, the only one from
 * Uzbekistan) beside a consenting one (VISIBLE_NAME) on one published event; a published
 * story with an unpublished edit of its lead, a never-published Kazakh translation, and a
 * never-published story. Add a row to a table to add a probe.
 */

const HIDDEN_NAME = 'Zarina Hiddenova';
const VISIBLE_NAME = 'Aliya Visibleva';
const MADE_UP_NAME = 'Qwerty Nobodyova';
const EDIT_SECRET = 'SECRETEDIT pending edit';
const KK_SECRET = 'SECRETKK never published translation';
const DRAFT_SECRET = 'SECRETDRAFT never published story';
const PUBLISHED_LEAD = 'Published lead of the oracle story';
const HIDDEN_STRINGS = [HIDDEN_NAME, 'Zarina', 'Hiddenova', 'SECRET', 'hidden@example.org', 'UZ'];

const PARTICIPANT = 'api::participant.participant' as UID.ContentType;
const STORY = 'api::story.story';
const EVENT_SLUG = 'oracle-course';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
  const docs = strapi.documents;
  const hidden = (await docs(PARTICIPANT).create({
    locale: 'en',
    data: { fullName: HIDDEN_NAME, position: 'Hidden organiser', country: 'UZ', publicConsent: false, email: 'hidden@example.org' },
  } as never)) as { documentId: string };
  await docs(PARTICIPANT).update({
    documentId: hidden.documentId,
    locale: 'ru',
    data: { fullName: HIDDEN_NAME, position: 'Скрытая', publicConsent: false },
  } as never);
  const visible = (await docs(PARTICIPANT).create({
    locale: 'en',
    data: { fullName: VISIBLE_NAME, position: 'Visible speaker', country: 'KZ', publicConsent: true },
  } as never)) as { documentId: string };
  const eventDocumentId = await createEvent(strapi, {
    slug: EVENT_SLUG,
    title: 'Oracle course',
    startsAt: '2025-05-05T07:00:00.000Z',
    endsAt: '2025-05-06T15:00:00.000Z',
    participations: [
      { participant: hidden.documentId, role: 'trainer' },
      { participant: visible.documentId, role: 'participant' },
    ],
  });

  const story = (await docs(STORY).create({
    locale: 'en',
    data: { title: 'Oracle story', slug: 'oracle-story', lead: PUBLISHED_LEAD, licence: 'CC-BY-4.0', events: [eventDocumentId] },
  } as never)) as { documentId: string };
  await docs(STORY).publish({ documentId: story.documentId, locale: 'en' } as never);
  await docs(STORY).update({ documentId: story.documentId, locale: 'en', data: { lead: EDIT_SECRET } } as never);
  await docs(STORY).update({ documentId: story.documentId, locale: 'kk', data: { title: 'Oracle kk', slug: 'oracle-kk', lead: KK_SECRET } } as never);
  await docs(STORY).create({ locale: 'en', data: { title: 'Draft only story', slug: 'draft-only-story', lead: DRAFT_SECRET, licence: 'CC-BY-4.0' } } as never);
});
afterAll(async () => teardown());

type Answer = { status: number; body: unknown };

const rest = async (path: string): Promise<Answer> => {
  const res = await http(strapi).get(path);
  return { status: res.status, body: res.body };
};

const graphql = async (query: string, variables: Record<string, unknown>): Promise<Answer> => {
  const res = await http(strapi).post('/graphql').send({ query, variables });
  return { status: res.status, body: res.body };
};

/** No hidden string anywhere in an answer, as a value or a key. */
const expectNothingHidden = (answer: Answer) => {
  const { keys, strings } = walkJson(answer.body);
  const found = HIDDEN_STRINGS.filter((secret) => strings.some((value) => value.includes(secret)) || keys.has(secret));
  expect(found).toEqual([]);
};

/** The oracle: hidden and made-up values answer alike; a public value (when given) does not. */
const expectOracleClosed = async (ask: (value: string) => Promise<Answer>, hiddenValue: string, madeUpValue: string, publicValue?: string) => {
  const [hiddenAnswer, madeUpAnswer] = [await ask(hiddenValue), await ask(madeUpValue)];
  expect(hiddenAnswer.status).toBeLessThan(500);
  expect(hiddenAnswer).toEqual(madeUpAnswer);
  expectNothingHidden(hiddenAnswer);
  if (publicValue !== undefined) {
    const publicAnswer = await ask(publicValue);
    expect(publicAnswer.status).toBe(200);
    expect(publicAnswer).not.toEqual(madeUpAnswer);
  }
};

const q = encodeURIComponent;

describe('REST: a hidden participant behaves as one who does not exist', () => {
  // [probe, hidden value, made-up value, public value]
  const probes: Array<[string, string, string, string | undefined]> = [
    ['/api/events?filters[participations][participant][fullName][$eq]={v}', HIDDEN_NAME, MADE_UP_NAME, VISIBLE_NAME],
    ['/api/events?filters[participations][participant][fullName][$startsWith]={v}', 'Zar', 'Qwe', 'Ali'],
    ['/API/events?filters[participations][participant][fullName][$startsWith]={v}', 'Zar', 'Qwe', 'Ali'],
    ['/Api/Events?filters[participations][participant][fullName][$containsi]={v}', 'hiddenov', 'nobodyov', 'visiblev'],
    ['/api/events?filters[participations][role][$eq]={v}', 'trainer', 'speaker', 'participant'],
    ['/api/events?filters[participations][participant][country][$eq]={v}', 'UZ', 'MN', 'KZ'],
    ['/api/events?filters[participations][participant][position][$startsWith]={v}', 'Hidden', 'Nobody', 'Visible'],
    ['/api/events?filters[participations][participant][localizations][position][$eq]={v}', 'Скрытая', 'Никто', undefined],
    ['/api/events?filters[$or][0][participations][participant][fullName][$eq]={v}&filters[$or][1][slug][$eq]=none', HIDDEN_NAME, MADE_UP_NAME, VISIBLE_NAME],
    ['/api/events?filters[$and][0][participations][participant][fullName][$ne]={v}', HIDDEN_NAME, MADE_UP_NAME, undefined],
    ['/api/events?populate[participations][filters][participant][fullName][$startsWith]={v}', 'Zar', 'Qwe', 'Ali'],
    ['/api/events?populate[participations][filters][role][$eq]={v}', 'trainer', 'speaker', 'participant'],
    ['/api/events?populate[participations][populate][participant][filters][fullName][$startsWith]={v}', 'Zar', 'Qwe', 'Ali'],
    ['/api/stories?filters[events][participations][participant][fullName][$startsWith]={v}', 'Zar', 'Qwe', 'Ali'],
    ['/api/stories?filters[events][participations][role][$eq]={v}', 'trainer', 'speaker', 'participant'],
    ['/api/stories?populate[events][populate][participations][filters][participant][fullName][$startsWith]={v}', 'Zar', 'Qwe', 'Ali'],
    ['/api/participants?filters[fullName][$startsWith]={v}', 'Zar', 'Qwe', 'Ali'],
    ['/api/participants?filters[localizations][fullName][$startsWith]={v}', 'Zar', 'Qwe', undefined],
    ['/api/participants?filters[country][$eq]={v}', 'UZ', 'MN', 'KZ'],
    ['/api/participants?populate[localizations][filters][position][$eq]={v}', 'Скрытая', 'Никто', undefined],
  ];

  it.each(probes)('%s', async (probe, hidden, madeUp, visible) => {
    await expectOracleClosed((value) => rest(probe.replace('{v}', q(value))), hidden, madeUp, visible);
  });

  it('totals count visible participants only', async () => {
    const { body } = await rest('/api/participants?pagination[pageSize]=100');
    const names = (body as { data: Array<{ fullName: string }> }).data.map((participant) => participant.fullName);
    expect(names).toContain(VISIBLE_NAME);
    expect((body as { meta: { pagination: { total: number } } }).meta.pagination.total).toBe(names.length);
    expectNothingHidden({ status: 200, body });
  });

  it('a hidden participation is not listed at all: no placeholder, no role', async () => {
    for (const path of [
      `/api/events?filters[slug][$eq]=${EVENT_SLUG}&populate[participations][populate]=participant`,
      `/api/events?filters[slug][$eq]=${EVENT_SLUG}&populate=*`,
      `/API/EVENTS?filters[slug][$eq]=${EVENT_SLUG}&populate[participations]=true`,
    ]) {
      const { status, body } = await rest(path);
      expect(status).toBe(200);
      const [event] = (body as { data: Array<{ participations: Array<{ role: string; participant?: { fullName: string } | null }> }> }).data;
      expect(event.participations.map((participation) => participation.role)).toEqual(['participant']);
      expectNothingHidden({ status, body });
    }
  });

  it.each([
    ['/api/events?filters[$not][participations][participant][fullName][$eq]={v}', HIDDEN_NAME, MADE_UP_NAME],
    ['/api/events?filters[participations][$null]={v}', 'true', 'false'],
    ['/api/events?filters[participations][participant][$notNull]={v}', 'true', 'false'],
    ['/api/events?sort={v}', 'participations.participant.fullName', 'participations.role'],
    ['/API/events?sort[0]={v}:asc', 'participations.participant.fullName', 'participations.participant.country'],
  ])('%s is refused whatever the value (it would tell hidden rows from none)', async (probe, first, second) => {
    for (const value of [first, second]) {
      const answer = await rest(probe.replace('{v}', q(value)));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
      expectNothingHidden(answer);
    }
  });
});

describe('REST: unpublished text behaves as text that does not exist', () => {
  const probes: Array<[string, string, string, string | undefined]> = [
    ['/api/stories?filters[lead][$startsWith]={v}', 'SECRETEDIT', 'NOTHINGXX', 'Published lead'],
    ['/api/stories?filters[localizations][lead][$startsWith]={v}', 'SECRETKK', 'NOTHINGXX', undefined],
    ['/API/stories?filters[localizations][lead][$startsWith]={v}', 'SECRETEDIT', 'NOTHINGXX', undefined],
    ['/api/stories?filters[title][$eq]={v}', 'Draft only story', 'No such story', 'Oracle story'],
    ['/api/stories?locale=kk&filters[lead][$startsWith]={v}', 'SECRETKK', 'NOTHINGXX', undefined],
    ['/api/stories?populate[localizations][filters][lead][$startsWith]={v}', 'SECRETKK', 'NOTHINGXX', undefined],
    ['/api/stories?filters[$or][0][localizations][lead][$containsi]={v}&filters[$or][1][slug][$eq]=x', 'secretkk', 'nothingxx', undefined],
  ];

  it.each(probes)('%s', async (probe, hidden, madeUp, visible) => {
    await expectOracleClosed((value) => rest(probe.replace('{v}', q(value))), hidden, madeUp, visible);
  });

  it.each([
    '/api/stories?status=draft',
    '/API/stories?status=draft',
    '/Api/Stories?status=draft&filters[slug][$eq]=draft-only-story',
    '/api/stories?publicationFilter=modified',
    '/API/stories?publicationFilter=never-published',
    '/api/stories?hasPublishedVersion=false',
    '/api/stories?sort=status',
    '/api/stories?sort=localizations.lead',
    '/api/stories?filters[$not][localizations][lead][$startsWith]=SECRET',
    '/api/stories?filters[localizations][$null]=true',
  ])('%s is refused with a 400', async (path) => {
    const answer = await rest(path);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ data: null, error: { status: 400 } });
    expectNothingHidden(answer);
  });

  it('the story by id, in every locale and with localizations, shows the published text only', async () => {
    const { body } = await rest('/api/stories?filters[slug][$eq]=oracle-story&populate=localizations');
    const [story] = (body as { data: Array<{ documentId: string; lead: string; localizations: unknown[] }> }).data;
    expect(story.lead).toBe(PUBLISHED_LEAD);
    expect(story.localizations).toEqual([]);
    for (const path of [`/api/stories/${story.documentId}`, `/API/STORIES/${story.documentId}?populate=*`, `/api/stories/${story.documentId}?locale=kk`]) {
      const answer = await rest(path);
      expectNothingHidden(answer);
    }
    expect((await rest(`/api/stories/${story.documentId}?locale=kk`)).status).toBe(404);
  });
});

describe('GraphQL: the same oracles at every argument position', () => {
  const probes: Array<[string, string, string, string, string | undefined]> = [
    [
      'root filter',
      'query($v: String) { events(filters: { participations: { participant: { fullName: { startsWith: $v } } } }) { slug } }',
      'Zar',
      'Qwe',
      'Ali',
    ],
    [
      'through stories',
      'query($v: String) { stories(filters: { events: { participations: { participant: { fullName: { startsWith: $v } } } } }) { slug } }',
      'Zar',
      'Qwe',
      'Ali',
    ],
    [
      'connection total',
      'query($v: String) { stories_connection(filters: { events: { participations: { participant: { fullName: { eq: $v } } } } }) { pageInfo { total } } }',
      HIDDEN_NAME,
      MADE_UP_NAME,
      VISIBLE_NAME,
    ],
    [
      'events connection total',
      'query($v: String) { events_connection(filters: { participations: { role: { eq: $v } } }) { pageInfo { total } } }',
      'trainer',
      'speaker',
      'participant',
    ],
    [
      'nested participations argument',
      'query($v: String) { events { slug participations(filters: { participant: { fullName: { startsWith: $v } } }) { role } } }',
      'Zar',
      'Qwe',
      'Ali',
    ],
    [
      'nested role argument',
      'query($v: String) { events { slug participations(filters: { role: { eq: $v } }) { role participant { fullName } } } }',
      'trainer',
      'speaker',
      'participant',
    ],
    [
      'nested events argument',
      'query($v: String) { stories { slug events(filters: { participations: { participant: { fullName: { startsWith: $v } } } }) { slug } } }',
      'Zar',
      'Qwe',
      'Ali',
    ],
    [
      'nested, deeper',
      'query($v: String) { stories { events { participations(filters: { role: { eq: $v } }) { role } } } }',
      'trainer',
      'speaker',
      'participant',
    ],
    [
      'aliases',
      'query($v: String) { a: events(filters: { participations: { participant: { fullName: { eq: $v } } } }) { slug } b: participants(filters: { fullName: { eq: $v } }) { fullName } }',
      HIDDEN_NAME,
      MADE_UP_NAME,
      VISIBLE_NAME,
    ],
    ['participants', 'query($v: String) { participants(filters: { fullName: { startsWith: $v } }) { fullName } }', 'Zar', 'Qwe', 'Ali'],
    ['participants total', 'query($v: String) { participants_connection(filters: { country: { eq: $v } }) { pageInfo { total } } }', 'UZ', 'MN', 'KZ'],
    [
      'participant localizations',
      'query($v: String) { participants(filters: { localizations: { position: { eq: $v } } }) { fullName } }',
      'Скрытая',
      'Никто',
      undefined,
    ],
    [
      'story localizations',
      'query($v: String) { stories(filters: { localizations: { lead: { startsWith: $v } } }) { slug } }',
      'SECRETKK',
      'NOTHINGXX',
      undefined,
    ],
    [
      'nested localizations',
      'query($v: String) { stories { slug localizations(filters: { lead: { startsWith: $v } }) { slug lead } } }',
      'SECRETKK',
      'NOTHINGXX',
      undefined,
    ],
    ['unpublished edit', 'query($v: String) { stories(filters: { lead: { startsWith: $v } }) { slug lead } }', 'SECRETEDIT', 'NOTHINGXX', 'Published'],
    [
      'or',
      'query($v: String) { events(filters: { or: [{ participations: { participant: { fullName: { eq: $v } } } }, { slug: { eq: "none" } }] }) { slug } }',
      HIDDEN_NAME,
      MADE_UP_NAME,
      VISIBLE_NAME,
    ],
  ];

  it.each(probes)('%s', async (_name, query, hidden, madeUp, visible) => {
    await expectOracleClosed((value) => graphql(query, { v: value }), hidden, madeUp, visible);
  });

  it('a hidden participation is not listed, not even as an empty participant', async () => {
    const answer = await graphql(`{ events(filters: { slug: { eq: "${EVENT_SLUG}" } }) { participations { role participant { fullName } } } }`, {});
    expect(answer.body).toEqual({ data: { events: [{ participations: [{ role: 'participant', participant: { fullName: VISIBLE_NAME } }] }] } });
  });

  it.each([
    '{ stories(status: DRAFT) { slug } }',
    '{ stories_connection(status: DRAFT) { pageInfo { total } } }',
    '{ stories(publicationFilter: MODIFIED) { slug } }',
    '{ stories_connection(hasPublishedVersion: false) { pageInfo { total } } }',
    '{ stories(sort: "localizations.lead") { slug } }',
    '{ events(filters: { not: { participations: { participant: { fullName: { eq: "x" } } } } }) { slug } }',
    '{ events(sort: "participations.participant.fullName") { slug } }',
  ])('%s is refused', async (query) => {
    const answer = await graphql(query, {});
    expect((answer.body as { errors?: Array<{ extensions: { code: string } }> }).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expectNothingHidden(answer);
  });
});

describe('event statistics single nobody out', () => {
  const ORGANISATION = 'api::organisation.organisation' as UID.ContentType;
  const ROSTER_SLUG = 'roster-course';
  let hiddenKazakh: string;

  beforeAll(async () => {
    const fprk = (await strapi.documents(ORGANISATION).findFirst({ locale: 'en', filters: { slug: 'fprk' } } as never)) as { documentId: string };
    const person = async (fullName: string, country: string, publicConsent: boolean, organisation?: string) =>
      (
        (await strapi.documents(PARTICIPANT).create({ locale: 'en', data: { fullName, country, publicConsent, organisation } } as never)) as {
          documentId: string;
        }
      ).documentId;
    const named = [await person('Named One', 'KZ', true, fprk.documentId), await person('Named Two', 'KZ', true, fprk.documentId)];
    hiddenKazakh = await person('Hidden Kazakh', 'KZ', false, fprk.documentId);
    const hiddenUzbeks = [
      await person('Hidden Uzbek A', 'UZ', false),
      await person('Hidden Uzbek B', 'UZ', false),
      await person('Hidden Uzbek C', 'UZ', false),
    ];
    await createEvent(strapi, {
      slug: ROSTER_SLUG,
      title: 'Roster course',
      startsAt: '2025-06-05T07:00:00.000Z',
      endsAt: '2025-06-06T15:00:00.000Z',
      participations: [...named, hiddenKazakh, ...hiddenUzbeks].map((participant) => ({ participant, role: 'participant' })),
    });
  });

  const report = async () => {
    const res = await http(strapi).get(`/api/calendar/events/${ROSTER_SLUG}/participants?locale=en`);
    expect(res.status).toBe(200);
    return res.body.data as {
      roster: Array<{ name: string; country: string }>;
      statistics: Record<string, unknown> & { byCountry: Array<{ country: string; count: number }>; byCountryOther: number; byOrganisationOther: number };
    };
  };

  it('a group counts its hidden people only when there are at least three of them', async () => {
    const { roster, statistics } = await report();
    expect(roster.map((entry) => entry.name)).toEqual(['Named One', 'Named Two']);
    // KZ: the two named only (one hidden Kazakh would be "3 - 2"); UZ: three hidden, safe to count.
    expect(statistics.byCountry).toEqual([
      { country: 'UZ', count: 3 },
      { country: 'KZ', count: 2 },
    ]);
    expect(statistics).toMatchObject({ participants: 6, countries: 2, byCountryOther: 1, organisations: 1, byOrganisationOther: 1 });
    const listed = statistics.byCountry.reduce((sum, group) => sum + group.count, 0);
    expect(listed + statistics.byCountryOther).toBe(statistics.participants);
    expect(JSON.stringify(statistics)).not.toMatch(/Hidden/);
  });

  it('moving the hidden person to another country changes nothing anyone can see', async () => {
    const before = await report();
    await strapi.documents(PARTICIPANT).update({ documentId: hiddenKazakh, locale: 'en', data: { country: 'MN' } } as never);
    const after = await report();
    expect(after).toEqual(before);
    await strapi.documents(PARTICIPANT).update({ documentId: hiddenKazakh, locale: 'en', data: { country: 'KZ' } } as never);
  });
});
