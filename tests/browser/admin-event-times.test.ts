import type { Browser, Page } from 'playwright-core';
import { bootWithAdmin, createAdmin, launchChromium, screenshot as keep, signIn, type AdminApp } from '../helpers/admin-browser';
import { http } from '../helpers/strapi';

/**
 * The editor-fields pickers and local event times in the production admin build, in Debian's
 * Chromium set to Almaty's time zone: an editor there enters a Turin course at 09:00–17:00 Rome
 * time as 09:00–17:00, and the public API gives the right UTC instants, in winter and across the
 * change to summer time. Needs `NODE_ENV=production npx strapi build` (dist/build) first.
 */

let app: AdminApp;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const screenshot = async (name: string) => keep(page, `admin-event-${name}`);

beforeAll(async () => {
  app = await bootWithAdmin();
  const credentials = await createAdmin(app.strapi);
  browser = await launchChromium();
  // The editor's machine is in Almaty (UTC+05:00); the course is in Turin (Europe/Rome).
  page = await browser.newPage({ timezoneId: 'Asia/Almaty', locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.setDefaultTimeout(30000);
  await signIn(page, app.url, credentials);
}, 180000);

afterAll(async () => {
  await browser?.close();
  await app?.teardown();
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
  const res = await http(app.strapi).get(`/api/events?filters[slug][$eq]=${slug}&populate=venue`).expect(200);
  return (res.body as { data: Array<Record<string, unknown>> }).data[0];
};

const pickRome = async () => pick('timeZone', 'rome', /^Europe\/Rome \(UTC\+0[12]:00\)$/);

const createEvent = async (title: string, slug: string) => {
  await page.goto(`${app.url}/admin/content-manager/collection-types/api::event.event/create`);
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
  await page.goto(`${app.url}/admin/content-manager/collection-types/api::story.story/create`);
  // A new story starts with the default licence, shown by its name.
  await eventually(valueOf('input[name="licence"]'), 'CC-BY-4.0: Creative Commons Attribution 4.0 International');
  await pick('licence', 'share alike', /^CC-BY-SA-4\.0: Creative Commons Attribution Share Alike 4\.0 International$/);
  await eventually(valueOf('input[name="licence"]'), 'CC-BY-SA-4.0: Creative Commons Attribution Share Alike 4.0 International');
  await screenshot('story-licence');
  expect(problems).toEqual([]);
});
