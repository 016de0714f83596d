import type { Browser, Page } from 'playwright-core';
import { STORY } from '../../src/domain/uids';
import { bootWithAdmin, createAdmin, launchChromium, screenshot, signIn, type AdminApp } from '../helpers/admin-browser';
import { http } from '../helpers/strapi';
import { createStory } from '../helpers/syndication-fixtures';
import { waitFor } from '../helpers/wait';

/**
 * Scheduled publishing as an editor in Almaty does it in the production admin build (Debian's
 * Chromium): the Schedule panel of a draft story's edit view, the Scheduled page, the runner
 * publishing it when its time comes (the runner's clock moved on, as in tests/api/scheduler.test.ts),
 * and a cancel from the Scheduled page.
 */

const JOBS = 'plugin::scheduler.scheduled-action';

type Runner = { poll: () => Promise<number>; useClock: (clock: (() => number) | null) => void };
type Job = { id: number; targetDocumentId: string; status: string; runAt: string; timeZone: string };

let app: AdminApp;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  app = await bootWithAdmin();
  const credentials = await createAdmin(app.strapi);
  browser = await launchChromium();
  // The editor's machine is in Almaty (UTC+05:00 all year): the panel reads times on its clock.
  page = await browser.newPage({ timezoneId: 'Asia/Almaty', locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(30000);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await signIn(page, app.url, credentials);
}, 180000);

afterAll(async () => {
  await browser?.close();
  await app?.teardown();
});

afterEach(() => {
  expect(problems).toEqual([]);
});

const jobsOf = async (documentId: string) => (await app.strapi.db.query(JOBS).findMany({ where: { targetDocumentId: documentId } })) as Job[];

const publicSlugs = async (): Promise<string[]> => {
  const res = await http(app.strapi).get('/api/stories').query({ 'fields[0]': 'slug', 'pagination[pageSize]': 100, locale: 'en' }).expect(200);
  return (res.body.data as Array<{ slug: string }>).map((story) => story.slug);
};

/** Opens the story's edit view and enters a local time (`YYYY-MM-DDTHH:mm`) in its Schedule panel. */
const enterScheduleTime = async (documentId: string, localTime: string) => {
  await page.goto(`${app.url}/admin/content-manager/collection-types/${STORY}/${documentId}?plugins[i18n][locale]=en`);
  await page.getByLabel('Date and time').fill(localTime);
};

/** Schedules a publish from the panel and waits until the panel lists it as pending. */
const schedulePublish = async (documentId: string, localTime: string) => {
  await enterScheduleTime(documentId, localTime);
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await page.getByText(`${localTime.replace('T', ' ')} (Asia/Almaty)`).waitFor();
};

it('schedules a draft story from the edit view, lists it, and the runner publishes it when its time comes', async () => {
  const documentId = await createStory(app.strapi, { title: 'Browser scheduled story', slug: 'browser-scheduled-story', publish: false });
  await enterScheduleTime(documentId, '2031-03-03T08:00');
  // The zone defaults to the browser's.
  await waitFor('the zone picker to show Almaty', async () => (await page.getByRole('combobox', { name: 'Time zone' }).inputValue()) === 'Asia/Almaty');
  await screenshot(page, 'scheduler-panel-filled');
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await page.getByText('2031-03-03 08:00 (Asia/Almaty)').waitFor();
  await screenshot(page, 'scheduler-panel-pending');
  // 08:00 in Almaty is 03:00 UTC.
  const [job] = await jobsOf(documentId);
  expect([new Date(Number(job.runAt)).toISOString(), job.timeZone, job.status]).toEqual(['2031-03-03T03:00:00.000Z', 'Asia/Almaty', 'pending']);

  await page.goto(`${app.url}/admin/plugins/scheduler`);
  const row = page.getByRole('row').filter({ hasText: 'Browser scheduled story' });
  await row.getByText('2031-03-03 08:00 (Asia/Almaty)').waitFor();
  await screenshot(page, 'scheduler-page');
  expect(await publicSlugs()).not.toContain('browser-scheduled-story');

  // A minute after its time, by the runner's clock (the one thing a test cannot wait for).
  const runner = app.strapi.plugin('scheduler').service('runner') as Runner;
  runner.useClock(() => Date.parse('2031-03-03T03:01:00Z'));
  try {
    await runner.poll();
  } finally {
    runner.useClock(null);
  }
  expect((await jobsOf(documentId)).map((done) => done.status)).toEqual(['done']);
  expect(await publicSlugs()).toContain('browser-scheduled-story');
  // The page lists what is still to happen: the story has left it.
  await page.reload();
  await page.getByText('Nothing is scheduled.').waitFor();
});

it('cancels a scheduled publish from the Scheduled page, and the story stays a draft', async () => {
  const kept = await createStory(app.strapi, { title: 'Story that stays scheduled', slug: 'story-that-stays-scheduled', publish: false });
  const cancelled = await createStory(app.strapi, { title: 'Story no longer scheduled', slug: 'story-no-longer-scheduled', publish: false });
  await schedulePublish(kept, '2031-04-01T09:30');
  await schedulePublish(cancelled, '2031-04-02T10:00');

  await page.goto(`${app.url}/admin/plugins/scheduler`);
  await page.getByRole('row').filter({ hasText: 'Story that stays scheduled' }).waitFor();
  await page.getByRole('row').filter({ hasText: 'Story no longer scheduled' }).getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('row').filter({ hasText: 'Story no longer scheduled' }).waitFor({ state: 'detached' });
  // Only the one cancelled; the other is still listed and pending.
  await page.getByRole('row').filter({ hasText: 'Story that stays scheduled' }).waitFor();
  expect((await jobsOf(cancelled)).map((job) => job.status)).toEqual(['cancelled']);
  expect((await jobsOf(kept)).map((job) => job.status)).toEqual(['pending']);

  // Well past both times, by the runner's clock: only the one not cancelled is published.
  const runner = app.strapi.plugin('scheduler').service('runner') as Runner;
  runner.useClock(() => Date.parse('2031-05-01T00:00:00Z'));
  try {
    await runner.poll();
  } finally {
    runner.useClock(null);
  }
  const slugs = await publicSlugs();
  expect(slugs).toContain('story-that-stays-scheduled');
  expect(slugs).not.toContain('story-no-longer-scheduled');
});
