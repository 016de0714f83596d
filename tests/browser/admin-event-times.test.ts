import fs from 'fs';
import type { AddressInfo } from 'net';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { bootStrapi, http, ROOT } from '../helpers/strapi';

/**
 * The editor-fields pickers and local event times in the production admin build, in Debian's
 * Chromium set to Almaty's time zone: an editor there enters a Turin course at 09:00–17:00 Rome
 * time as 09:00–17:00, and the public API gives the right UTC instants, in winter and across the
 * change to summer time. Needs `NODE_ENV=production npx strapi build` (dist/build) first.
 */

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.join(ROOT, '.tmp', 'screenshots');
const EMAIL = 'times-editor@example.org';
const PASSWORD = 'Times-editor-password-1';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let cmsUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

// Transitions finished: a border that has just stopped being red is shown as it ends.
const screenshot = async (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `admin-event-${name}.png`), fullPage: true, animations: 'disabled' });

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'build', 'index.html'))) {
    throw new Error('no admin build in dist/build: run `NODE_ENV=production npx strapi build` first');
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  ({ strapi, teardown } = await bootStrapi());
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cmsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const role = (await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } })) as { id: number };
  await strapi.service('admin::user').create({
    email: EMAIL,
    password: PASSWORD,
    firstname: 'Times',
    lastname: 'Editor',
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  // The editor's machine is in Almaty (UTC+05:00); the course is in Turin (Europe/Rome).
  context = await browser.newContext({ timezoneId: 'Asia/Almaty', locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.setDefaultTimeout(30000);

  await page.goto(`${cmsUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(EMAIL);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.getByRole('button', { name: /^log ?in$/i }).click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'));
}, 180000);

afterAll(async () => {
  await browser?.close();
  await teardown?.();
});

/**
 * Waits (up to 15 s) for what `read` gives to become `wanted`: the admin renders asynchronously.
 * Fails with the last thing read.
 */
const eventually = async (read: () => Promise<string | null>, wanted: string) => {
  const deadline = Date.now() + 15000;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await read();
    if (last === wanted) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(last).toBe(wanted);
};

const valueOf = (selector: string) => () => page.locator(selector).first().inputValue();
const textOf =
  (selector: string, index = 0) =>
  () =>
    page.locator(selector).nth(index).textContent();

/** Picks an option of a custom field's searchable picker by typing part of its name. */
const pick = async (name: string, typed: string, option: RegExp) => {
  const input = page.locator(`input[name="${name}"]`);
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
};

/** Enters a local date and time into an event time input (the wall time of the event's zone). */
const enterLocal = async (name: string, date: string, time: string) => {
  await page.locator(`input[name="${name}-date"]`).fill(date);
  await page.locator(`input[name="${name}-time"]`).fill(time);
};

/** The event as the public REST API gives it, by slug. */
const published = async (slug: string) => {
  const res = await http(strapi).get(`/api/events?filters[slug][$eq]=${slug}&populate=venue`).expect(200);
  return (res.body as { data: Array<Record<string, unknown>> }).data[0];
};

const pickRome = async () => pick('timeZone', 'rome', /^Europe\/Rome \(UTC\+0[12]:00\)$/);

const createEvent = async (title: string, slug: string) => {
  await page.goto(`${cmsUrl}/admin/content-manager/collection-types/api::event.event/create`);
  await page.locator('input[name="title"]').fill(title);
  await page.locator('input[name="slug"]').fill(slug);
  await page.getByRole('button', { name: 'No entry yet. Click to add one.' }).first().click();
  await page.locator('input[name="venue.city"]').fill('Turin');
  await pick('venue.country', 'ital', /^Italy \(IT\)$/);
};

const publish = async () => {
  await page.getByRole('button', { name: /^publish$/i }).click();
  await page
    .getByText(/published/i)
    .first()
    .waitFor();
};

it('enters a winter course at 09:00–17:00 Rome time from a browser in Almaty', async () => {
  await createEvent('Winter course in Turin', 'winter-course-in-turin');
  // Typed before the zone is picked: read in the default zone, UTC, …
  await enterLocal('startsAt', '2025-01-20', '09:00');
  await enterLocal('endsAt', '2025-01-20', '17:00');
  await page.getByText('Stored as 2025-01-20T09:00:00Z.').waitFor();
  // … and once Rome is picked, the wall time typed stays and the instant follows it.
  await pickRome();
  // The zone is named beside the times, with its offset on that day.
  await eventually(textOf('[data-zone="Europe/Rome"]'), 'Europe/Rome (UTC+01:00)');
  await page.getByText('Stored as 2025-01-20T08:00:00Z.').waitFor();
  await screenshot('winter');
  await publish();

  expect(await published('winter-course-in-turin')).toMatchObject({
    startsAt: '2025-01-20T08:00:00.000Z',
    endsAt: '2025-01-20T16:00:00.000Z',
    timeZone: 'Europe/Rome',
    venue: { city: 'Turin', country: 'IT' },
  });
  // Opened again, the document shows the venue's times, not Almaty's (13:00) or UTC's (08:00).
  await page.reload();
  await eventually(valueOf('input[name="startsAt-time"]'), '09:00');
  await eventually(valueOf('input[name="endsAt-time"]'), '17:00');
  expect(problems).toEqual([]);
});

it('refuses a time the clocks skip, and follows the zone across the change to summer time', async () => {
  await createEvent('Spring course in Turin', 'spring-course-in-turin');
  await pickRome();
  await enterLocal('startsAt', '2025-03-29', '09:00');
  // 02:30 on 30 March 2025 does not exist in Rome: clocks go from 02:00 to 03:00.
  await enterLocal('endsAt', '2025-03-30', '02:30');
  await page.getByText('02:30 does not exist on 2025-03-30 in Europe/Rome').waitFor();
  // aria-invalid is "true" on a field in error, absent otherwise.
  const endsInvalid = async () => String((await page.locator('input[name="endsAt-time"]').getAttribute('aria-invalid')) === 'true');
  await eventually(endsInvalid, 'true');
  await screenshot('dst-gap');
  await enterLocal('endsAt', '2025-03-31', '17:00');
  // A time that exists clears the error.
  await eventually(endsInvalid, 'false');
  await eventually(textOf('[data-zone="Europe/Rome"]', 1), 'Europe/Rome (UTC+02:00)');
  await screenshot('dst');
  await publish();

  expect(await published('spring-course-in-turin')).toMatchObject({
    startsAt: '2025-03-29T08:00:00.000Z',
    endsAt: '2025-03-31T15:00:00.000Z',
    timeZone: 'Europe/Rome',
  });
  expect(problems).toEqual([]);
});

it('offers the server’s licences by name on a story', async () => {
  await page.goto(`${cmsUrl}/admin/content-manager/collection-types/api::story.story/create`);
  // A new story starts with the default licence, shown by its name.
  await eventually(valueOf('input[name="licence"]'), 'CC-BY-4.0: Creative Commons Attribution 4.0 International');
  await pick('licence', 'share alike', /^CC-BY-SA-4\.0: Creative Commons Attribution Share Alike 4\.0 International$/);
  await eventually(valueOf('input[name="licence"]'), 'CC-BY-SA-4.0: Creative Commons Attribution Share Alike 4.0 International');
  await screenshot('story-licence');
  expect(problems).toEqual([]);
});
