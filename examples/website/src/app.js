import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { CmsError, createCmsClient } from './cms.js';
import { LOCALES, preferredLocale, WORDS } from './i18n.js';
import { layout } from './layout.js';
import { eventsPage, messagePage, searchPage, storyList, storyPage, storyPath } from './views.js';

const STYLESHEET = new URL('../assets/style.css', import.meta.url);

/**
 * What every page says about itself: no scripts at all, styles and images from here only, forms
 * post only here. The JSON-LD in the head is data (type application/ld+json), which CSP never runs.
 */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

class NotFound extends Error {}

/** `?page=` as a page number the CMS accepts (1-100), 1 when absent or not a number. */
const pageNumber = (params) => Math.max(1, Math.min(100, Number.parseInt(params.get('page') ?? '1', 10) || 1));

/**
 * The example website as a Node HTTP server (not listening yet).
 *
 * @param {object} options
 * @param {string} options.cmsUrl where this server reaches the CMS
 * @param {string} [options.publicCmsUrl] where browsers reach the CMS (feed and calendar links); default cmsUrl
 * @param {(message: string) => void} [options.log]
 * @returns {http.Server}
 */
export const createSite = ({ cmsUrl, publicCmsUrl = cmsUrl, log = (message) => console.error(message) }) => {
  const cms = createCmsClient({ cmsUrl, publicCmsUrl });

  /**
   * @param {string} locale
   * @param {string[]} rest the path after the locale
   * @param {URLSearchParams} params
   * @returns {Promise<{ status?: number, location?: string, title?: string, body?: import('./html.js').SafeHtml, head?: import('./html.js').SafeHtml, query?: string, pathIn?: (l: string) => string }>}
   */
  const route = async (locale, rest, params) => {
    const words = WORDS[locale];
    if (rest.length === 0) {
      const page = pageNumber(params);
      const { data, meta } = await cms.listStories(locale, { page });
      return { title: words.stories, body: storyList(locale, data ?? [], meta?.pagination) };
    }
    if (rest[0] === 'stories' && rest.length === 2 && rest[1]) {
      const slug = rest[1];
      const story = await cms.findStory(locale, slug);
      if (!story) {
        // Slugs are translated: a link from another language (the switcher) carries that
        // language's slug. Find the document by it, then send the reader to the slug served here.
        const target = await cms.storyInLocaleBySlugOfAnother(locale, slug, LOCALES);
        if (target) return { status: 302, location: storyPath(locale, target.slug) };
        throw new NotFound();
      }
      if (story.slug !== slug) return { status: 302, location: storyPath(locale, story.slug) };
      // The JSON-LD of the version served. Without it (or if it is not JSON) the page is still the page.
      const jsonLd = await cms
        .storyJsonLd(story.locale, story.slug)
        .then((text) => (text === null ? null : JSON.stringify(JSON.parse(text))))
        .catch((error) => {
          log(`structured data of ${story.slug}: ${error.message}`);
          return null;
        });
      const { head, body } = storyPage(locale, story, jsonLd);
      return { title: story.title, head, body, pathIn: (other) => storyPath(other, story.slug) };
    }
    if (rest[0] === 'search' && rest.length === 1) {
      const query = (params.get('q') ?? '').trim().slice(0, 200);
      const page = pageNumber(params);
      let results = null;
      if (query) {
        try {
          results = await cms.search(locale, query, { page });
        } catch (error) {
          // A query the CMS refuses (too short, say) is answered as "nothing found".
          if (!(error instanceof CmsError && error.status === 400)) throw error;
          log(`search refused: ${error.message}`);
        }
      }
      return {
        title: query ? `${words.search}: ${query}` : words.search,
        body: searchPage(locale, query, results),
        query,
        pathIn: (other) => `/${other}/search${query ? `?${new URLSearchParams({ q: query })}` : ''}`,
      };
    }
    if (rest[0] === 'events' && rest.length === 1) {
      const { data } = await cms.listEvents(locale);
      return { title: words.events, body: eventsPage(locale, data ?? [], cms.links) };
    }
    throw new NotFound();
  };

  /**
   * @param {http.IncomingMessage} request
   * @param {http.ServerResponse} response
   */
  const handle = async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://site.invalid');
    const send = (status, headers, body = '') => {
      response.writeHead(status, { ...SECURITY_HEADERS, ...headers });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }, 'Method Not Allowed');

    if (url.pathname === '/assets/style.css') {
      return send(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' }, await readFile(STYLESHEET));
    }
    if (url.pathname === '/') return send(302, { location: `/${preferredLocale(request.headers['accept-language'])}/`, vary: 'Accept-Language' });

    let segments;
    try {
      segments = url.pathname.split('/').slice(1).map(decodeURIComponent);
    } catch {
      segments = [];
    }
    const locale = LOCALES.includes(segments[0]) ? segments[0] : null;
    const rest = segments.slice(1).filter((segment, index, all) => segment !== '' || index < all.length - 1);
    const pathAfterLocale = url.pathname.split('/').slice(2).join('/');
    const page = (status, view) =>
      send(
        status,
        // Pages may be kept a minute (the CMS's own answers are cached until content changes); errors not at all.
        { 'content-type': 'text/html; charset=utf-8', 'content-language': locale ?? 'en', 'cache-control': status === 200 ? 'public, max-age=60' : 'no-store' },
        layout({
          locale: locale ?? 'en',
          title: view.title,
          head: view.head,
          body: view.body,
          query: view.query,
          links: cms.links,
          pathIn: view.pathIn ?? ((other) => `/${other}/${pathAfterLocale}`),
        }).toString(),
      );

    if (!locale) return page(404, { title: WORDS.en.notFound, body: messagePage('en', WORDS.en.notFound), pathIn: (other) => `/${other}/` });
    if (segments.length === 1) return send(301, { location: `/${locale}/` });
    try {
      const view = await route(locale, rest, url.searchParams);
      if (view.location) return send(view.status ?? 302, { location: view.location });
      return page(view.status ?? 200, view);
    } catch (error) {
      const words = WORDS[locale];
      if (error instanceof NotFound) {
        return page(404, { title: words.notFound, body: messagePage(locale, words.notFound), pathIn: (other) => `/${other}/` });
      }
      // What went wrong goes to the log; the reader gets a plain message without it.
      log(`${request.method} ${url.pathname}: ${error instanceof Error ? error.message : String(error)}`);
      return page(error instanceof CmsError ? 502 : 500, { title: words.cmsDown, body: messagePage(locale, words.cmsDown) });
    }
  };

  return http.createServer((request, response) => {
    handle(request, response).catch((error) => {
      log(`unhandled: ${error instanceof Error ? error.stack : String(error)}`);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Internal Server Error');
    });
  });
};
