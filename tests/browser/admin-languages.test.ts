import type { Browser, Page } from 'playwright-core';
import { EVENT, PARTICIPANT } from '../../src/domain/uids';
import { bootWithAdmin, createAdmin, launchChromium, screenshot, signIn, type AdminApp } from '../helpers/admin-browser';

/**
 * The admin panel in Russian (production build, Debian's Chromium): an editor chooses Русский as
 * the interface language in the profile, as an editor does, and the Content Manager's forms show
 * our own labels and help (src/admin-view) in Russian: a participant's e-mail, «Эл. почта»,
 * «Никогда не публикуется…»; an event's online link. In English first, so a test that always saw
 * Russian could not pass.
 */

let app: AdminApp;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  app = await bootWithAdmin();
  const credentials = await createAdmin(app.strapi);
  browser = await launchChromium();
  page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
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

const createForm = (uid: string) => page.goto(`${app.url}/admin/content-manager/collection-types/${uid}/create`);

it('shows a participant’s and an event’s form in English, then in Russian once the editor chooses it in the profile', async () => {
  await createForm(PARTICIPANT);
  await page.getByText('E-mail', { exact: true }).first().waitFor();
  await page.getByText(/Contact address for the federation’s staff\. Never public/).waitFor();
  expect(await page.getByText('Эл. почта', { exact: true }).count()).toBe(0);
  await screenshot(page, 'admin-languages-participant-en');

  await page.goto(`${app.url}/admin/me`);
  await page.getByRole('combobox', { name: 'Interface language' }).click();
  await page.getByRole('option', { name: 'Русский' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  // The profile page itself follows at once; the choice is kept for the next pages.
  await page.getByRole('combobox', { name: 'Язык интерфейса' }).waitFor();
  // As a string: the tests are type-checked without the DOM's types.
  expect(await page.evaluate("localStorage.getItem('strapi-admin-language')")).toBe('ru');

  await createForm(PARTICIPANT);
  await page.getByText('Эл. почта', { exact: true }).first().waitFor();
  await page.getByText('Контактный адрес для сотрудников федерации. Никогда не публикуется: только для редакторов, не выдаётся API.').waitFor();
  await page.getByText('Телефон', { exact: true }).first().waitFor();
  expect(await page.getByText('E-mail', { exact: true }).count()).toBe(0);
  await screenshot(page, 'admin-languages-participant-ru');

  await createForm(EVENT);
  await page.getByText('Ссылка для подключения', { exact: true }).first().waitFor();
  expect(await page.getByText('Online link', { exact: true }).count()).toBe(0);
  await screenshot(page, 'admin-languages-event-ru');
});
