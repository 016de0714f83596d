import fs from 'fs';
import type { AddressInfo } from 'net';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { chromium, type Browser, type Page } from 'playwright-core';
import { STORY } from '../../src/domain/uids';
import { bootStrapi, ROOT } from '../helpers/strapi';
import { CHROMIUM, startWebsite, type Website } from './website-process';

/**
 * The example website (examples/website) against the real CMS with its demo content, in Debian's
 * Chromium: what a reader sees and clicks. The Turin story exists in English and Russian only, so
 * a Kazakh reader is served the Russian version (fallback kk → ru → en) and told so.
 */

const SCREENSHOTS = path.join(ROOT, '.tmp', 'screenshots');
const RU_TITLE = 'В Турине представители Национальных профсоюзов обсуждают проблемы современных коммуникаций';
const RU_SLUG = 'v-turine-predstaviteli-nacionalnyh-profsoyuzov-obsuzhdayut-kommunikacii';
const EN_TITLE = 'In Turin, national trade union representatives discuss the challenges of modern communication';

// A French story whose every field tries to become markup, script or a javascript: link.
const HOSTILE = {
  title: `<img src=x onerror="window.__pwned=1">Grève & "solidarité" </h2><script>window.__pwned=2</script>`,
  slug: 'greve-et-solidarite',
  lead: `<b>Lead</b> </p><script>window.__pwned=3</script>`,
  body: [
    'La solidarité syndicale <em>gagne</em> toujours.',
    'Un paragraphe avec <script>window.__pwned=4</script> et <iframe src="https://evil.example"></iframe>.',
    '[piège](javascript:window.__pwned=5) et [lien sûr](https://partner.example.org/ok?a=1&b=2)',
  ].join('\n\n'),
  canonicalUrl: 'https://partner.example.org/stories/greve?ref=1&lang=fr',
  source: { name: 'Partner <b>Union</b> & Co', url: 'https://partner.example.org/stories/greve?ref=1&lang=fr' },
};

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let cmsUrl: string;
let website: Website;
let browser: Browser;
let fprkInRussian: string;

/** The page's screenshot, kept for a person to look at (.tmp/ is not committed). */
const screenshot = async (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

/** A new page that fails the test on any script error or dialog: the site sends no script at all. */
const newPage = async (): Promise<{ page: Page; problems: string[] }> => {
  const page = await browser.newPage({ locale: 'en-GB' });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, problems };
};

/** Every element's text, in the order of the page. */
const texts = async (page: Page, selector: string) => page.locator(selector).allTextContents();

/** All JSON-LD of the head, parsed. */
const headJsonLd = async (page: Page): Promise<unknown[]> => {
  const scripts = await page.locator('head script[type="application/ld+json"]').allTextContents();
  return scripts.map((text) => JSON.parse(text) as unknown);
};

/** Every object in a JSON-LD value (nodes of a @graph, nested ones). */
const nodes = (value: unknown): Record<string, unknown>[] => {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (value === null || typeof value !== 'object') return [];
  const node = value as Record<string, unknown>;
  return [node, ...Object.values(node).flatMap(nodes)];
};

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run installs it)`);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  ({ strapi, teardown } = await bootStrapi());
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cmsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const created = await strapi.documents(STORY).create({
    locale: 'fr',
    data: {
      title: HOSTILE.title,
      slug: HOSTILE.slug,
      lead: HOSTILE.lead,
      body: HOSTILE.body,
      canonicalUrl: HOSTILE.canonicalUrl,
      licence: 'CC-BY-4.0',
      source: HOSTILE.source,
    },
  });
  await strapi.documents(STORY).publish({ documentId: created.documentId, locale: 'fr' });

  const fprk = await strapi.documents('api::organisation.organisation').findFirst({ locale: 'ru', filters: { slug: 'fprk' } });
  fprkInRussian = fprk?.name ?? '';

  website = await startWebsite(cmsUrl);
  browser = await chromium.launch({ executablePath: CHROMIUM });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await website?.stop();
  await teardown?.();
});

it('a reader switches to Kazakh and is served the Russian Turin story, told so, with its attribution and JSON-LD', async () => {
  const { page, problems } = await newPage();
  await page.goto(`${website.url}/en/`);
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await expect(page.getByRole('link', { name: EN_TITLE }).count()).resolves.toBe(1);

  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Қазақша' }).click();
  await page.waitForURL(`${website.url}/kk/`);
  expect(await page.getAttribute('html', 'lang')).toBe('kk');
  const storyLink = page.getByRole('link', { name: RU_TITLE });
  await expect(storyLink.count()).resolves.toBe(1);
  // The title is marked as Russian inside the Kazakh page, and the reader is told why.
  expect(await storyLink.evaluate((link) => link.closest('[lang]')?.getAttribute('lang'))).toBe('ru');
  expect(await texts(page, '.fallback-notice[data-served-locale="ru"]')).toEqual(['Орыс тілінде көрсетілген: қазақша нұсқасы әлі жоқ']);
  expect(await texts(page, 'main h2')).not.toContain(EN_TITLE);
  await screenshot(page, 'website-kk-stories');

  await storyLink.click();
  await page.waitForURL(`${website.url}/kk/stories/${RU_SLUG}`);
  expect(await page.getAttribute('html', 'lang')).toBe('kk');
  expect(await texts(page, 'h1')).toEqual([RU_TITLE]);
  expect(await page.getAttribute('h1', 'lang')).toBe('ru');
  expect(await page.getAttribute('.body', 'lang')).toBe('ru');
  expect(await page.locator('.story .fallback-notice').textContent()).toBe('Орыс тілінде көрсетілген: қазақша нұсқасы әлі жоқ');
  // A story of our own: its publisher, and its licence linked.
  expect(fprkInRussian).not.toBe('');
  expect(await page.locator('.attribution').textContent()).toContain(`Жариялаған: ${fprkInRussian}`);
  expect(await page.getByRole('link', { name: 'CC-BY-4.0' }).getAttribute('href')).toBe('https://creativecommons.org/licenses/by/4.0/');
  // The Markdown quote is a quote.
  expect(await page.locator('.body blockquote').textContent()).toContain('Тахмина Кубашева');
  expect(await page.locator('link[rel="canonical"]').count()).toBe(0);

  // The CMS's JSON-LD of the version served, in the head, parsed and naming the story.
  const jsonLd = await headJsonLd(page);
  expect(jsonLd).toHaveLength(1);
  const named = nodes(jsonLd[0]).filter((node) => node.headline === RU_TITLE || node.name === RU_TITLE);
  expect(named.length).toBeGreaterThan(0);
  await screenshot(page, 'website-kk-story');

  // The switcher on a story page: the English reader lands on the English slug of the same story.
  await page.getByRole('navigation', { name: 'Тіл' }).getByRole('link', { name: 'English' }).click();
  await page.waitForURL(`${website.url}/en/stories/national-unions-discuss-modern-communication-in-turin`);
  expect(await texts(page, 'h1')).toEqual([EN_TITLE]);
  expect(await page.locator('.fallback-notice').count()).toBe(0);
  expect(await page.getAttribute('h1', 'lang')).toBe('en');
  expect(problems).toEqual([]);
});

it('the search form finds the Turin story for "Турин"', async () => {
  const { page, problems } = await newPage();
  await page.goto(`${website.url}/kk/`);
  await page.getByRole('searchbox').fill('Турин');
  await page.getByRole('searchbox').press('Enter');
  await page.waitForURL((url) => url.pathname === '/kk/search' && url.searchParams.get('q') === 'Турин');
  expect(await page.getByRole('searchbox').inputValue()).toBe('Турин');

  const result = page.locator('.result', { has: page.getByRole('link', { name: RU_TITLE }) });
  await expect(result.count()).resolves.toBe(1);
  expect(await result.getByRole('link', { name: RU_TITLE }).getAttribute('href')).toBe(`/kk/stories/${RU_SLUG}`);
  expect(await result.locator('.fallback-notice').textContent()).toBe('Орыс тілінде көрсетілген: қазақша нұсқасы әлі жоқ');
  // The snippet is shown as text, without the plugin's [[ ]] markers. (Here it is cut from the lead,
  // whose "Туринским" is another word than "Турин": the match is in the title, unmarked.)
  const snippet = (await result.locator('.snippet').textContent()) ?? '';
  expect(snippet).toContain('Туринским учебным центром');
  expect(snippet).not.toMatch(/\[\[|\]\]/);
  for (const mark of await texts(page, '.result mark')) expect(mark.toLowerCase()).toMatch(/^турин/);
  await screenshot(page, 'website-kk-search');

  await result.getByRole('link', { name: RU_TITLE }).click();
  await page.waitForURL(`${website.url}/kk/stories/${RU_SLUG}`);
  expect(await texts(page, 'h1')).toEqual([RU_TITLE]);
  expect(problems).toEqual([]);
});

it('the events page links each event to its .ics, which answers text/calendar, and the head names the RSS feed', async () => {
  const { page, problems } = await newPage();
  await page.goto(`${website.url}/kk/`);
  await page.getByRole('link', { name: 'Іс-шаралар' }).first().click();
  await page.waitForURL(`${website.url}/kk/events`);
  const event = page.locator('#turin-course-advocacy-union-revitalisation');
  // No Kazakh version: the Russian one, on the course's own clock (Europe/Rome).
  expect(await event.locator('h2').getAttribute('lang')).toBe('ru');
  expect(await event.locator('.meta').textContent()).toContain('Europe/Rome');
  const ics = event.getByRole('link', { name: 'Күнтізбеге қосу (.ics)' });
  const href = await ics.getAttribute('href');
  expect(href).toBe(`${cmsUrl}/api/calendar/events/turin-course-advocacy-union-revitalisation.ics?locale=ru`);
  await screenshot(page, 'website-kk-events');

  const calendar = await fetch(href ?? '');
  expect(calendar.status).toBe(200);
  expect(calendar.headers.get('content-type')).toMatch(/^text\/calendar\b/);
  const ical = await calendar.text();
  expect(ical).toContain('BEGIN:VEVENT');
  expect(ical).toContain('DTSTART;TZID=Europe/Rome:20250324T090000');

  const feedHref = await page.locator('head link[rel="alternate"][type="application/rss+xml"]').getAttribute('href');
  expect(feedHref).toBe(`${cmsUrl}/api/syndication/feeds/stories.rss?locale=kk`);
  const feed = await fetch(feedHref ?? '');
  expect(feed.status).toBe(200);
  expect(feed.headers.get('content-type')).toMatch(/^application\/rss\+xml\b/);
  expect(await feed.text()).toContain('<rss');
  expect(problems).toEqual([]);
});

it('shows every value from the API as text: markup, scripts and javascript: links in a story stay inert', async () => {
  const { page, problems } = await newPage();
  await page.goto(`${website.url}/fr/`);
  // French falls back to English: the Turin story in English, and the French story.
  expect(await texts(page, 'main h2')).toEqual(expect.arrayContaining([EN_TITLE, HOSTILE.title]));
  expect(await page.locator('main img, main script, main iframe').count()).toBe(0);

  await page.getByRole('link', { name: HOSTILE.title }).click();
  await page.waitForURL(`${website.url}/fr/stories/${HOSTILE.slug}`);
  expect(await texts(page, 'h1')).toEqual([HOSTILE.title]);
  expect(await page.locator('.story .lead').textContent()).toBe(HOSTILE.lead);
  expect(await page.locator('.story .body').textContent()).toContain('<script>window.__pwned=4</script>');
  expect(await page.locator('main img, main script, main iframe, a[href^="javascript:"]').count()).toBe(0);
  expect(await page.getByRole('link', { name: 'lien sûr' }).getAttribute('href')).toBe('https://partner.example.org/ok?a=1&b=2');
  // A story received from a partner: "originally published by" the source, and the source's URL as canonical.
  expect(await page.locator('.attribution').textContent()).toContain(`Publié à l’origine par ${HOSTILE.source.name}`);
  expect(await page.getByRole('link', { name: HOSTILE.source.name }).getAttribute('href')).toBe(HOSTILE.source.url);
  expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(HOSTILE.canonicalUrl);
  expect(await page.title()).toContain(HOSTILE.title);
  // The JSON-LD names the story with its "</h2><script>" intact as data, not as markup.
  const jsonLd = await headJsonLd(page);
  expect(jsonLd).toHaveLength(1);
  expect(nodes(jsonLd[0]).some((node) => node.headline === HOSTILE.title)).toBe(true);
  expect(await page.locator('script').count()).toBe(1);
  expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
  await screenshot(page, 'website-fr-hostile-story');

  // Its search result: title and snippet as text, the plugin's marks as <mark>, nothing else.
  await page.getByRole('searchbox').fill('syndicale');
  await page.getByRole('searchbox').press('Enter');
  await page.waitForURL((url) => url.pathname === '/fr/search' && url.searchParams.get('q') === 'syndicale');
  const result = page.locator('.result', { has: page.getByRole('link', { name: HOSTILE.title }) });
  await expect(result.count()).resolves.toBe(1);
  expect(await texts(page, '.result mark')).toEqual(['syndicale']);
  expect(await result.locator('.snippet').textContent()).toContain('La solidarité syndicale gagne toujours.');
  expect(await page.locator('main img, main script, main iframe, main b').count()).toBe(0);
  await screenshot(page, 'website-fr-search-marked');
  expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
  expect(problems).toEqual([]);
});

it('answers 502 with a plain message, and no detail, when the CMS does not answer', async () => {
  const unreachable = await startWebsite('http://127.0.0.1:9');
  try {
    const response = await fetch(`${unreachable.url}/ru/`);
    expect(response.status).toBe(502);
    const body = await response.text();
    expect(body).toContain('Материалы сейчас недоступны.');
    expect(body).not.toMatch(/unreachable|fetch failed|ECONNREFUSED|CmsError|at .*\.js:\d+/);
  } finally {
    await unreachable.stop();
  }
  expect(unreachable.output()).toContain('CMS unreachable');
});
