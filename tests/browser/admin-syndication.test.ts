import type { Core } from '@strapi/strapi';
import type { Browser, Locator, Page } from 'playwright-core';
import { ORGANISATION, TOPIC } from '../../src/domain/uids';
import { bootWithAdmin, createAdmin, launchChromium, screenshot, signIn } from '../helpers/admin-browser';
import { createStory, documentIdBySlug } from '../helpers/syndication-fixtures';
import { ADMIN, PUSH_TEST_ENV, deliveriesOf, startReceiver, type Receiver } from '../helpers/syndication-push';
import { adminToken } from '../helpers/admin';
import { http } from '../helpers/strapi';
import { askUntil, waitFor } from '../helpers/wait';

/**
 * The Syndication page of the production admin build in Debian's Chromium, as an editor uses it:
 * registers a partner with the pickers (the organisation and the locales by keyboard only), sees
 * its secret once, edits it, and filters its deliveries by outcome. Every form control has an
 * accessible name (the ARIA snapshot a screen reader works from).
 */

let strapi: Core.Strapi;
let url: string;
let teardown: () => Promise<void>;
let browser: Browser;
let page: Page;
let receiver: Receiver;
let token: string;
const problems: string[] = [];
const NAME = 'Kazakh federation newsroom';
const FPRK = 'Federation of Trade Unions of the Republic of Kazakhstan';

beforeAll(async () => {
  ({ strapi, url, teardown } = await bootWithAdmin(PUSH_TEST_ENV));
  token = await adminToken(strapi);
  // The partner's server refuses one story for good and takes the others.
  receiver = await startReceiver((request) => (request.body.includes('"refused-by-the-partner"') ? { status: 500, body: 'no' } : { status: 200 }));
  const credentials = await createAdmin(strapi);
  browser = await launchChromium();
  page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(30000);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await signIn(page, url, credentials);
}, 180000);

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await teardown?.();
});

afterEach(() => {
  expect(problems).toEqual([]);
});

/** The partner as the admin API has it, by name. */
const partnerNamed = async (name: string) => {
  const res = await http(strapi).get(`${ADMIN}/partners`).set('Authorization', `Bearer ${token}`).expect(200);
  return (res.body.data as Array<{ id: number; name: string; organisation: { documentId: string } | null; locales: string[]; topics: string[] }>).find(
    (partner) => partner.name === name,
  );
};

/**
 * Every form control in the ARIA snapshot of `scope` has a name: lines such as `- textbox "Name"`,
 * never a bare `- combobox` (what a screen reader would announce as an unnamed control).
 */
const unnamedControls = async (scope: Locator): Promise<string[]> => {
  const lines = (await scope.ariaSnapshot()).split('\n').map((line) => line.trim());
  // With the line after it, which says what the unnamed control holds.
  return lines
    .map((line, index) => ({ line, next: lines[index + 1] ?? '' }))
    .filter(({ line }) => /^- (textbox|combobox|button|checkbox|listbox|searchbox)\b/.test(line) && !/^- \w+ "[^"]+"/.test(line))
    .map(({ line, next }) => `${line} ${next}`);
};

/**
 * Opens a select with Enter (it has the focus, as after Tab), moves with the arrow keys to the
 * option whose text matches, and chooses it with Enter: the keyboard only. A multi-select is
 * closed with Escape.
 */
const chooseWithKeys = async (select: Locator, option: RegExp, { multiple }: { multiple: boolean }) => {
  await select.focus();
  await page.keyboard.press('Enter');
  const count = await page.getByRole('listbox').getByRole('option').count();
  const focused = () => page.evaluate<string>("document.activeElement?.textContent ?? ''");
  // The list opens on the chosen option, if any, and does not wrap: down first, then up. Each
  // key is given the time to move the focus before the next one.
  for (const key of ['ArrowDown', 'ArrowUp']) {
    for (let step = 0; step < count && !option.test(await focused()); step += 1) {
      const before = await focused();
      await page.keyboard.press(key);
      await askUntil(focused, (now) => now !== before, { timeoutMs: 1000, intervalMs: 20 });
    }
  }
  expect(await focused()).toMatch(option);
  await page.keyboard.press('Enter');
  if (multiple) await page.keyboard.press('Escape');
};

const partnerCard = (name: string) => page.getByRole('region', { name });

describe('the Syndication page', () => {
  it('offers a registration form whose every control is named, with hints', async () => {
    await page.goto(`${url}/admin/plugins/syndication`);
    await page.getByRole('heading', { name: 'Syndication partners', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Register a partner' });
    await form.getByRole('combobox', { name: 'Topics' }).waitFor();
    const snapshot = await form.ariaSnapshot();
    for (const control of [
      'textbox "Name"',
      'textbox "Endpoint URL"',
      'combobox "Organisation"',
      'combobox "Locales"',
      'combobox "Topics"',
      'button "Register partner"',
    ]) {
      expect(snapshot).toContain(control);
    }
    expect(await unnamedControls(form)).toEqual([]);
    await expect(form.getByRole('textbox', { name: 'Endpoint URL' }).getAttribute('aria-describedby')).resolves.toBeTruthy();
    await screenshot(page, 'admin-syndication-page');
  });

  it('registers a partner with the pickers, keyboard only for the organisation and the locales, and shows its secret once', async () => {
    const form = page.getByRole('form', { name: 'Register a partner' });
    await form.getByRole('textbox', { name: 'Name' }).fill(NAME);
    await form.getByRole('textbox', { name: 'Endpoint URL' }).fill(receiver.url);

    // Organisation: Tab into the combobox, type part of the name, choose with the arrow keys and Enter.
    await page.keyboard.press('Tab');
    await expect(form.getByRole('combobox', { name: 'Organisation' }).evaluate((element) => element === element.ownerDocument.activeElement)).resolves.toBe(
      true,
    );
    await page.keyboard.type('kazakh');
    // The server's answer to the search: that organisation alone.
    await waitFor('the organisations matching "kazakh"', async () => (await page.getByRole('option').allTextContents()).join('|') === `${FPRK} (fprk)`);
    // ArrowDown moves the visual focus onto the option (the input's aria-activedescendant) once the
    // list is rendered; on a busy machine the first press can come before that, so it is pressed
    // again until an option has it. Enter then chooses it.
    const organisation = form.getByRole('combobox', { name: 'Organisation' });
    await waitFor('an organisation option highlighted', async () => {
      if (!(await organisation.getAttribute('aria-activedescendant'))) await page.keyboard.press('ArrowDown');
      return Boolean(await organisation.getAttribute('aria-activedescendant'));
    });
    await page.keyboard.press('Enter');
    await waitFor('the organisation chosen', async () => (await organisation.inputValue()) === FPRK);

    // Locales: open with Enter, move to Russian, choose with Enter, close with Escape.
    const locales = form.getByRole('combobox', { name: 'Locales' });
    await chooseWithKeys(locales, /Russian/, { multiple: true });
    await expect(locales.textContent()).resolves.toMatch(/Russian/);

    // Topics with the mouse: the names of the topics, not their slugs.
    await form.getByRole('combobox', { name: 'Topics' }).click();
    await page.getByRole('option', { name: 'Young workers' }).click();
    await page.keyboard.press('Escape');
    await screenshot(page, 'admin-syndication-form-filled');

    await form.getByRole('button', { name: 'Register partner' }).click();
    const notice = page.getByText(`Signing secret of ${NAME}`);
    await notice.waitFor();
    const secret = (await page.getByText(/^whsec_/).textContent()) ?? '';
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    receiver.secret = secret;
    await screenshot(page, 'admin-syndication-secret');

    // The server got exactly what it stores: a document id, locale codes, topic slugs.
    const partner = await partnerNamed(NAME);
    expect(partner).toMatchObject({ organisation: { documentId: await documentIdBySlug(strapi, ORGANISATION, 'fprk') }, locales: ['ru'], topics: ['youth'] });
    await expect(partnerCard(NAME).textContent()).resolves.toMatch(/locales: ru · topics: youth/);
    // The form is empty again for the next partner.
    await expect(form.getByRole('textbox', { name: 'Name' }).inputValue()).resolves.toBe('');

    await page.reload();
    await partnerCard(NAME).waitFor();
    expect(await page.content()).not.toContain(secret.slice('whsec_'.length, 20));
    await expect(page.getByText(`Signing secret of ${NAME}`).count()).resolves.toBe(0);
  });

  it('edits the partner: its settings are shown in the form, changed, and saved', async () => {
    const card = partnerCard(NAME);
    await card.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: `Edit ${NAME}` });
    await expect(form.getByRole('textbox', { name: 'Name' }).inputValue()).resolves.toBe(NAME);
    await expect(form.getByRole('textbox', { name: 'Endpoint URL' }).inputValue()).resolves.toBe(receiver.url);
    await expect(form.getByRole('combobox', { name: 'Organisation' }).inputValue()).resolves.toBe(FPRK);
    await expect(form.getByRole('combobox', { name: 'Locales' }).textContent()).resolves.toMatch(/Russian/);
    expect(await unnamedControls(form)).toEqual([]);

    // English too (keyboard), and no organisation any more (its clear button).
    await chooseWithKeys(form.getByRole('combobox', { name: 'Locales' }), /English/, { multiple: true });
    await form.getByRole('button', { name: 'No organisation' }).click();
    await screenshot(page, 'admin-syndication-edit');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });

    const partner = await partnerNamed(NAME);
    expect(partner?.organisation).toBeNull();
    expect([...(partner?.locales ?? [])].sort()).toEqual(['en', 'ru']);
    expect(partner?.topics).toEqual(['youth']);
    await expect(card.textContent()).resolves.toMatch(/locales: (ru, en|en, ru) · topics: youth/);
    await expect(card.textContent()).resolves.not.toMatch(new RegExp(FPRK));
  });

  it('filters the partner’s deliveries by outcome', async () => {
    const partner = await partnerNamed(NAME);
    if (!partner) throw new Error('the partner of the earlier tests is missing');
    const youth = await documentIdBySlug(strapi, TOPIC, 'youth');
    const taken = await createStory(strapi, { title: 'Taken by the partner', slug: 'taken-by-the-partner', topics: [youth] });
    const refused = await createStory(strapi, { title: 'Refused by the partner', slug: 'refused-by-the-partner', topics: [youth] });
    await waitFor('both deliveries settled', async () => {
      const list = await deliveriesOf(strapi, token, partner.id);
      return list.length === 2 && list.every((delivery) => delivery.status !== 'pending');
    });
    expect(receiver.received.every((request) => request.verified)).toBe(true);

    const card = partnerCard(NAME);
    await card.getByRole('button', { name: 'Recent deliveries' }).click();
    const rows = card.getByRole('row');
    await rows.filter({ hasText: taken }).waitFor();
    await expect(rows.filter({ hasText: refused }).count()).resolves.toBe(1);

    const filter = card.getByRole('combobox', { name: 'Outcome' });
    expect(await unnamedControls(card)).toEqual([]);
    await filter.click();
    await page.getByRole('option', { name: 'failed' }).click();
    await rows.filter({ hasText: taken }).waitFor({ state: 'detached' });
    await expect(rows.filter({ hasText: refused }).count()).resolves.toBe(1);
    await screenshot(page, 'admin-syndication-deliveries-failed');

    // By keyboard: open, move to "succeeded", choose.
    await chooseWithKeys(filter, /^succeeded$/, { multiple: false });
    await rows.filter({ hasText: refused }).waitFor({ state: 'detached' });
    await expect(rows.filter({ hasText: taken }).count()).resolves.toBe(1);

    await filter.click();
    await page.getByRole('option', { name: 'pending' }).click();
    await card.getByText('No pending deliveries.').waitFor();
  });
});
