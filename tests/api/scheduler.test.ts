import type { Core } from '@strapi/strapi';
import { STORY } from '../../src/domain/uids';
import { adminToken } from '../helpers/admin';
import { bootStrapi, http } from '../helpers/strapi';
import { createStory, FEEDS, rssParser } from '../helpers/syndication-fixtures';
import { waitFor } from '../helpers/wait';

/**
 * Scheduled publishing through the admin API, run by this process's own runner (polling every
 * 200 ms here): what an editor schedules happens through the document service, so the public
 * REST list and the RSS feed follow.
 */
let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;

const ADMIN = '/scheduler';
const JOBS = 'plugin::scheduler.scheduled-action';

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi({ SCHEDULER_POLL_INTERVAL_MS: '200' }));
  token = await adminToken(strapi);
});
afterAll(async () => {
  await teardown();
});

type Job = {
  id: number;
  uid: string;
  documentId: string;
  locale: string | null;
  title: string | null;
  action: string;
  runAt: string;
  timeZone: string;
  localTime: string;
  status: string;
  attempts: number;
  lastError: string | null;
};

const HOUR = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

const schedule = (body: Record<string, unknown>, bearer = token) => http(strapi).post(`${ADMIN}/actions`).set('Authorization', `Bearer ${bearer}`).send(body);
const list = (query: Record<string, string | number> = {}, bearer = token) =>
  http(strapi).get(`${ADMIN}/actions`).query(query).set('Authorization', `Bearer ${bearer}`);
const cancel = (id: number | string, bearer = token) => http(strapi).post(`${ADMIN}/actions/${id}/cancellation`).set('Authorization', `Bearer ${bearer}`);
const jobCount = () => strapi.db.query(JOBS).count({});

const publicSlugs = async (): Promise<string[]> => {
  const res = await http(strapi).get('/api/stories').query({ 'fields[0]': 'slug', 'pagination[pageSize]': 100, locale: 'en' });
  expect(res.status).toBe(200);
  return (res.body.data as Array<{ slug: string }>).map((story) => story.slug);
};
const rssTitles = async (): Promise<string[]> => {
  const res = await http(strapi).get(FEEDS.rss);
  expect(res.status).toBe(200);
  return (await rssParser.parseString(res.text)).items.map((item) => String(item.title));
};
const jobById = async (id: number): Promise<Job | undefined> => {
  const res = await list({ pageSize: 100 });
  return (res.body.data as Job[]).find((job) => job.id === id);
};

describe('scheduling, listing and cancelling', () => {
  it('stores a local time in its zone as the UTC instant, lists it and cancels it', async () => {
    const documentId = await createStory(strapi, { title: 'Almaty morning story', slug: 'almaty-morning-story', publish: false });
    // Asia/Almaty is UTC+5 all year (since March 2024): 08:00 there is 03:00 UTC.
    const created = await schedule({ uid: STORY, documentId, locale: 'en', action: 'publish', localTime: '2030-03-04T08:00', timeZone: 'Asia/Almaty' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      uid: STORY,
      documentId,
      locale: 'en',
      title: 'Almaty morning story',
      action: 'publish',
      runAt: '2030-03-04T03:00:00.000Z',
      timeZone: 'Asia/Almaty',
      localTime: '2030-03-04T08:00',
      status: 'pending',
    });
    expect(JSON.stringify(created.body)).not.toMatch(/@example\.org/);

    const listed = await list({ uid: STORY, documentId, locale: 'en', status: 'pending' });
    expect(listed.status).toBe(200);
    expect((listed.body.data as Job[]).map((job) => job.id)).toEqual([created.body.data.id]);
    expect(listed.body.meta.pagination).toMatchObject({ page: 1, total: 1 });

    const cancelled = await cancel(created.body.data.id);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data.status).toBe('cancelled');
    expect((await list({ documentId, status: 'pending' })).body.data).toEqual([]);
    // Only a pending action can be cancelled.
    const again = await cancel(created.body.data.id);
    expect(again.status).toBe(400);
    expect(again.body.error.name).toBe('ValidationError');
    expect((await cancel(999999)).status).toBe(404);
  });

  it('takes the first of a local time that happens twice (clocks set back) and pages the list', async () => {
    const documentId = await createStory(strapi, { title: 'Berlin autumn story', slug: 'berlin-autumn-story', publish: false });
    // 2030-10-27 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    const created = await schedule({ uid: STORY, documentId, locale: 'en', action: 'publish', localTime: '2030-10-27T02:30', timeZone: 'Europe/Berlin' });
    expect(created.status).toBe(201);
    expect(created.body.data.runAt).toBe('2030-10-27T00:30:00.000Z');
    const second = await schedule({ uid: STORY, documentId, locale: 'en', action: 'unpublish', runAt: '2030-11-01T09:00:00+01:00', timeZone: 'Europe/Berlin' });
    expect(second.status).toBe(201);
    expect(second.body.data).toMatchObject({ runAt: '2030-11-01T08:00:00.000Z', localTime: '2030-11-01T09:00' });

    const firstPage = await list({ documentId, pageSize: 1, page: 1 });
    const secondPage = await list({ documentId, pageSize: 1, page: 2 });
    expect(firstPage.body.meta.pagination).toEqual({ page: 1, pageSize: 1, pageCount: 2, total: 2 });
    expect([firstPage.body.data[0].action, secondPage.body.data[0].action]).toEqual(['publish', 'unpublish']);
  });
});

describe('bad input changes nothing', () => {
  let documentId: string;
  beforeAll(async () => {
    documentId = await createStory(strapi, { title: 'Bad input story', slug: 'bad-input-story', publish: false });
  });
  const base = () => ({ uid: STORY, documentId, locale: 'en', action: 'publish', runAt: inHours(24) });

  it.each([
    ['a past time', { runAt: '2020-01-01T00:00:00Z' }, 'runAt', /in the past/],
    ['a past local time', { runAt: undefined, localTime: '2020-01-01T08:00', timeZone: 'Asia/Almaty' }, 'localTime', /in the past/],
    ['an unknown time zone', { runAt: undefined, localTime: '2030-01-01T08:00', timeZone: 'Mars/Olympus_Mons' }, 'timeZone', /Unknown time zone/],
    // 2030-03-31 02:30 does not exist in Berlin: clocks go from 02:00 to 03:00.
    ['a local time the clocks skip', { runAt: undefined, localTime: '2030-03-31T02:30', timeZone: 'Europe/Berlin' }, 'localTime', /does not exist/],
    ['a date that is not in the calendar', { runAt: undefined, localTime: '2030-02-30T08:00', timeZone: 'UTC' }, 'localTime', /calendar/],
    ['a time without an offset', { runAt: '2030-01-01T08:00:00' }, 'runAt', /offset/],
    ['both runAt and localTime', { localTime: '2030-01-01T08:00', timeZone: 'UTC' }, '', /either runAt or localTime/],
    ['an unknown document', { documentId: 'nosuchdocument000000000' }, 'documentId', /No .* document/],
    ['an unknown locale', { locale: 'xx' }, 'locale', /Unknown locale/],
    ['a locale the document is not translated into', { locale: 'ru' }, 'documentId', /in locale "ru"/],
    ['a type that is not configured', { uid: 'api::topic.topic' }, 'uid', /cannot be scheduled/],
    ['an unknown action', { action: 'delete' }, 'action', /action must be one of/],
    ['an unknown field', { priority: 'high' }, '', /Unknown field/],
    ['unpublishing a document that is not published and has no publish before', { action: 'unpublish' }, 'action', /nothing to unpublish/],
  ])('refuses %s with a 400 naming the field', async (_case, change, field, message) => {
    const before = await jobCount();
    const res = await schedule({ ...base(), ...change });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeNull();
    expect(res.body.error.name).toBe('ValidationError');
    const problems = res.body.error.details.errors as Array<{ path: string[]; message: string }>;
    expect(problems.some((problem) => problem.path.join('.') === field && message.test(problem.message))).toBe(true);
    expect(await jobCount()).toBe(before);
  });

  it('refuses a bad list query', async () => {
    const queries: Array<Record<string, string | number>> = [{ status: 'sleeping' }, { pageSize: 1000 }, { page: 0 }, { orderBy: 'id' }];
    for (const query of queries) {
      const res = await list(query);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
    }
  });

  it('accepts an unpublish when a publish is scheduled before it', async () => {
    await schedule({ ...base(), runAt: inHours(24) }).expect(201);
    const res = await schedule({ ...base(), action: 'unpublish', runAt: inHours(48) });
    expect(res.status).toBe(201);
    // ...but not one before that publish.
    expect((await schedule({ ...base(), action: 'unpublish', runAt: inHours(12) })).status).toBe(400);
  });
});

describe('running', () => {
  it('publishes a due story through the document service: the public list and the RSS feed show it', async () => {
    const documentId = await createStory(strapi, { title: 'Scheduled congress story', slug: 'scheduled-congress-story', publish: false });
    expect(await publicSlugs()).not.toContain('scheduled-congress-story');
    expect(await rssTitles()).not.toContain('Scheduled congress story');

    const created = await schedule({ uid: STORY, documentId, locale: 'en', action: 'publish', runAt: new Date(Date.now() + 1500).toISOString() });
    expect(created.status).toBe(201);
    const done = await waitFor('the job to be done', async () => {
      const job = await jobById(created.body.data.id);
      return job && job.status !== 'pending' && job.status !== 'running' ? job : undefined;
    });
    expect(done).toMatchObject({ status: 'done', attempts: 1, lastError: null });
    expect(await publicSlugs()).toContain('scheduled-congress-story');
    expect(await rssTitles()).toContain('Scheduled congress story');
  });

  it('unpublishes a due story: it leaves the public list and the feed', async () => {
    const documentId = await createStory(strapi, { title: 'Story until the congress', slug: 'story-until-the-congress' });
    expect(await publicSlugs()).toContain('story-until-the-congress');
    const created = await schedule({ uid: STORY, documentId, locale: 'en', action: 'unpublish', runAt: new Date(Date.now() + 1500).toISOString() });
    expect(created.status).toBe(201);
    await waitFor('the job to be done', async () => (await jobById(created.body.data.id))?.status === 'done');
    expect(await publicSlugs()).not.toContain('story-until-the-congress');
    expect(await rssTitles()).not.toContain('Story until the congress');
  });

  it('runs nothing before its time, and the job once its time has come', async () => {
    const documentId = await createStory(strapi, { title: 'Story for the next hour', slug: 'story-for-the-next-hour', publish: false });
    const created = await schedule({ uid: STORY, documentId, locale: 'en', action: 'publish', runAt: inHours(1) });
    expect(created.status).toBe(201);
    const runner = strapi.plugin('scheduler').service('runner') as { poll: () => Promise<number>; useClock: (clock: (() => number) | null) => void };
    await runner.poll();
    expect((await jobById(created.body.data.id))?.status).toBe('pending');
    expect(await publicSlugs()).not.toContain('story-for-the-next-hour');

    // Two hours on, by the runner's clock (the one thing a test cannot wait for).
    runner.useClock(() => Date.now() + 2 * HOUR);
    try {
      await runner.poll();
    } finally {
      runner.useClock(null);
    }
    expect((await jobById(created.body.data.id))?.status).toBe('done');
    expect(await publicSlugs()).toContain('story-for-the-next-hour');
  });

  it('marks a job failed, with a message an editor can read, when its document is gone', async () => {
    const documentId = await createStory(strapi, { title: 'Deleted before its time', slug: 'deleted-before-its-time', publish: false });
    const created = await schedule({ uid: STORY, documentId, locale: 'en', action: 'publish', runAt: new Date(Date.now() + 1500).toISOString() });
    expect(created.status).toBe(201);
    await strapi.documents(STORY).delete({ documentId, locale: 'en' });
    const job = await waitFor('the job to fail', async () => {
      const found = await jobById(created.body.data.id);
      return found?.status === 'failed' ? found : undefined;
    });
    expect(job.lastError).toMatch(/no longer exists/);
  });
});

describe('access', () => {
  const roleWith = async (name: string, permissions: Array<{ action: string; subject?: string; properties?: Record<string, unknown> }>) => {
    const role = (await strapi.service('admin::role').create({ name: `${name} ${Date.now()}`, description: 'scheduler test role' })) as {
      id: number;
      code: string;
    };
    await strapi.service('admin::role').assignPermissions(
      role.id,
      permissions.map((permission) => ({ subject: null, properties: {}, conditions: [], ...permission })),
    );
    return adminToken(strapi, role.code);
  };
  const storyRead = { action: 'plugin::content-manager.explorer.read', subject: STORY, properties: { fields: ['title', 'slug'], locales: ['en', 'ru'] } };
  const schedulerActions = [{ action: 'plugin::scheduler.actions.read' }, { action: 'plugin::scheduler.actions.manage' }];

  it('refuses an editor who may not publish the story, and one who may publish only another locale', async () => {
    const documentId = await createStory(strapi, { title: 'Permission story', slug: 'permission-story', publish: false });
    const body = { uid: STORY, documentId, locale: 'en', action: 'publish', runAt: inHours(24) };
    const before = await jobCount();

    const noPublish = await roleWith('No publish', [...schedulerActions, storyRead]);
    const refused = await schedule(body, noPublish);
    expect(refused.status).toBe(403);
    expect(refused.body.error.name).toBe('ForbiddenError');

    const russianOnly = await roleWith('Russian publisher', [
      ...schedulerActions,
      storyRead,
      { action: 'plugin::content-manager.explorer.publish', subject: STORY, properties: { locales: ['ru'] } },
    ]);
    expect((await schedule(body, russianOnly)).status).toBe(403);
    expect(await jobCount()).toBe(before);

    const publisher = await roleWith('English publisher', [
      ...schedulerActions,
      storyRead,
      { action: 'plugin::content-manager.explorer.publish', subject: STORY, properties: { locales: ['en'] } },
    ]);
    const accepted = await schedule(body, publisher);
    expect(accepted.status).toBe(201);
    // Cancelling needs the same right.
    expect((await cancel(accepted.body.data.id, noPublish)).status).toBe(403);
    expect((await cancel(accepted.body.data.id, publisher)).status).toBe(200);
  });

  it('lists only the jobs of types the admin may read', async () => {
    const documentId = await createStory(strapi, { title: 'Listed story', slug: 'listed-story', publish: false });
    await schedule({ uid: STORY, documentId, locale: 'en', action: 'publish', runAt: inHours(24) }).expect(201);
    const reader = await roleWith('Story reader', [...schedulerActions, storyRead]);
    const blind = await roleWith('No story reader', schedulerActions);
    expect((await list({ documentId }, reader)).body.meta.pagination.total).toBe(1);
    const hidden = await list({ documentId }, blind);
    expect(hidden.status).toBe(200);
    expect(hidden.body.meta.pagination.total).toBe(0);
    expect(JSON.stringify(hidden.body)).not.toContain('Listed story');
  });

  it('refuses anonymous callers and admins without the plugin permission', async () => {
    expect((await http(strapi).get(`${ADMIN}/actions`)).status).toBe(401);
    expect((await http(strapi).post(`${ADMIN}/actions`).send({})).status).toBe(401);
    const editor = await adminToken(strapi, 'strapi-editor');
    expect((await list({}, editor)).status).toBe(403);
    expect((await schedule({}, editor)).status).toBe(403);
  });

  it('shows nothing about jobs through the content API or GraphQL', async () => {
    for (const path of ['/api/scheduled-actions', '/api/scheduler/actions', '/api/scheduler/scheduled-actions', '/api/scheduler-actions']) {
      expect([403, 404]).toContain((await http(strapi).get(path)).status);
    }
    const res = await http(strapi)
      .post('/graphql')
      .send({ query: '{ __schema { types { name } queryType { fields { name } } mutationType { fields { name } } } }' });
    expect(res.status).toBe(200);
    const schema = res.body.data.__schema as {
      types: Array<{ name: string }>;
      queryType: { fields: Array<{ name: string }> };
      mutationType: { fields: Array<{ name: string }> };
    };
    const names = [...schema.types, ...schema.queryType.fields, ...schema.mutationType.fields].map((item) => item.name);
    expect(names.filter((name) => /schedul/i.test(name))).toEqual([]);
  });
});
