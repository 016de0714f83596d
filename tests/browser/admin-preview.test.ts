import type { Browser, Page } from 'playwright-core';
import { EVENT, STORY } from '../../src/domain/uids';
import { bootWithAdmin, createAdmin, launchChromium, screenshot, signIn, type AdminApp } from '../helpers/admin-browser';
import { createEvent } from '../helpers/calendar-fixtures';
import { createStory } from '../helpers/syndication-fixtures';

/**
 * The preview plugin's built-in page (no PREVIEW_URL) as an editor opens it in the production
 * admin build (Debian's Chromium): "Open preview" in a draft's edit view shows the draft in
 * Strapi's preview frame, from a URL with a token; without the token nobody, the editor included,
 * sees the draft, and a browser that never signed in sees nothing without it either.
 */

let app: AdminApp;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  app = await bootWithAdmin({ PREVIEW_URL: '' });
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

/**
 * Opens the document's edit view, follows "Open preview" as an editor does, and waits for the
 * preview frame to show `title`. Returns the frame's URL.
 */
const openPreview = async (uid: string, documentId: string, title: string): Promise<URL> => {
  await page.goto(`${app.url}/admin/content-manager/collection-types/${uid}/${documentId}?plugins[i18n][locale]=en`);
  await page.getByRole('link', { name: 'Open preview' }).click();
  await page.waitForURL((address) => address.pathname.endsWith('/preview'));
  const frame = page.frameLocator('iframe[title="Preview"]');
  await frame.getByRole('heading', { name: title }).waitFor();
  return new URL((await page.locator('iframe[title="Preview"]').getAttribute('src')) ?? '', app.url);
};

/** What a browser gets at `address`: its status and the text of the page. */
const visit = async (target: Page, address: URL) => {
  const response = await target.goto(address.toString());
  return { status: response?.status(), text: await target.locator('body').innerText() };
};

/** The address without its token. */
const withoutToken = (address: URL): URL => {
  const bare = new URL(address);
  bare.searchParams.delete('token');
  return bare;
};

/** Each check in a browser context of its own that has never signed in (no cookie, no storage). */
const anonymously = async <T>(run: (anonymous: Page) => Promise<T>): Promise<T> => {
  const context = await browser.newContext();
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
};

it('opens a draft story’s preview from the edit view; without its token the draft is nowhere', async () => {
  const documentId = await createStory(app.strapi, {
    title: 'Draft story for the preview',
    slug: 'draft-story-for-the-preview',
    body: 'A draft body with a **bold claim** only editors have read.',
    publish: false,
  });
  const address = await openPreview(STORY, documentId, 'Draft story for the preview');
  const frame = page.frameLocator('iframe[title="Preview"]');
  // The body as the feeds render it: Markdown made HTML.
  await frame.locator('strong', { hasText: 'bold claim' }).waitFor();
  await frame.getByText('only editors have read').waitFor();
  await screenshot(page, 'preview-story');

  // The frame's URL is the built-in page, and the token is its only key.
  expect(address.pathname).toBe(`/api/preview/stories/${documentId}`);
  expect(address.searchParams.get('status')).toBe('draft');
  expect(address.searchParams.get('token')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

  // Without it, the signed-in editor's own browser gets the plugin's 404 …
  const bare = await visit(page, withoutToken(address));
  expect(bare.status).toBe(404);
  expect(bare.text).not.toContain('Draft story for the preview');
  // … and so does a browser that never signed in, for that address and for a token tampered with.
  const tampered = new URL(address);
  tampered.searchParams.set('token', `${address.searchParams.get('token')}x`);
  for (const target of [withoutToken(address), tampered]) {
    const seen = await anonymously((anonymous) => visit(anonymous, target));
    expect(seen.status).toBe(404);
    expect(seen.text).not.toContain('Draft story for the preview');
    expect(seen.text).not.toContain('bold claim');
  }
  // Nor does the public API give the draft to it.
  const listed = await anonymously(async (anonymous) =>
    (await anonymous.request.get(`${app.url}/api/stories?filters[slug][$eq]=draft-story-for-the-preview`)).json(),
  );
  expect(listed.data).toEqual([]);
});

it('opens a draft event’s preview from the edit view, in the venue’s time, and not without its token', async () => {
  const documentId = await createEvent(
    app.strapi,
    {
      title: 'Draft congress for the preview',
      slug: 'draft-congress-for-the-preview',
      summary: 'Summary of a congress still being planned.',
      body: 'The agenda has a **secret ballot** on Saturday.',
      startsAt: '2031-06-10T07:00:00.000Z',
      endsAt: '2031-06-10T15:00:00.000Z',
    },
    { publish: false },
  );
  const address = await openPreview(EVENT, documentId, 'Draft congress for the preview');
  const frame = page.frameLocator('iframe[title="Preview"]');
  await frame.locator('strong', { hasText: 'secret ballot' }).waitFor();
  await frame.getByText('Summary of a congress still being planned.').waitFor();
  // 07:00 UTC is 09:00 in Rome (summer time), the event's zone.
  await frame.getByText(/June 10, 2031 at 9:00\sAM/).waitFor();
  await frame.getByText(/June 10, 2031 at 5:00\sPM/).waitFor();
  await screenshot(page, 'preview-event');

  expect(address.pathname).toBe(`/api/preview/events/${documentId}`);
  expect(address.searchParams.get('token')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  const seen = await anonymously((anonymous) => visit(anonymous, withoutToken(address)));
  expect(seen.status).toBe(404);
  expect(seen.text).not.toContain('Draft congress for the preview');
  expect(seen.text).not.toContain('secret ballot');
});
