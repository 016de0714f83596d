import { html } from './html.js';
import { LOCALES, NATIVE_NAMES, WORDS } from './i18n.js';

/**
 * The page around every view: `lang` of the reader's language, the feeds of that language in the
 * head (browsers and feed readers find them there), navigation, search, language switcher.
 *
 * @param {object} page
 * @param {string} page.locale the reader's language
 * @param {string} page.title
 * @param {import('./html.js').SafeHtml} page.body
 * @param {import('./html.js').SafeHtml} [page.head] more elements for the head (canonical, JSON-LD)
 * @param {(locale: string) => string} page.pathIn the same page in another language
 * @param {string} [page.query] the search box's text
 * @param {import('./cms.js').CmsClient['links']} page.links
 */
export const layout = ({ locale, title, body, head, pathIn, query = '', links }) => {
  const words = WORDS[locale];
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${words.siteName}</title>
        <link rel="stylesheet" href="/assets/style.css" />
        <link rel="alternate" type="application/rss+xml" title="${words.siteName} (RSS)" href="${links.storyFeed('rss', locale)}" />
        <link rel="alternate" type="application/atom+xml" title="${words.siteName} (Atom)" href="${links.storyFeed('atom', locale)}" />
        <link rel="alternate" type="application/feed+json" title="${words.siteName} (JSON Feed)" href="${links.storyFeed('json', locale)}" />
        ${head ?? ''}
      </head>
      <body>
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href="/${locale}/">${words.siteName}</a>
            <nav class="sections" aria-label="${words.siteName}">
              <a href="/${locale}/">${words.stories}</a>
              <a href="/${locale}/events">${words.events}</a>
            </nav>
            <form class="search" role="search" action="/${locale}/search" method="get">
              <label class="visually-hidden" for="q">${words.searchLabel}</label>
              <input id="q" name="q" type="search" value="${query}" placeholder="${words.search}" maxlength="200" required />
              <button type="submit">${words.searchButton}</button>
            </form>
            <nav class="languages" aria-label="${words.language}">
              <ul>
                ${LOCALES.map((other) =>
                  other === locale
                    ? html`<li><a href="${pathIn(other)}" lang="${other}" hreflang="${other}" aria-current="true">${NATIVE_NAMES[other]}</a></li>`
                    : html`<li><a href="${pathIn(other)}" lang="${other}" hreflang="${other}">${NATIVE_NAMES[other]}</a></li>`,
                )}
              </ul>
            </nav>
          </div>
        </header>
        <main class="wrap">${body}</main>
        <footer class="site-footer">
          <div class="wrap">
            ${words.feeds}: <a href="${links.storyFeed('rss', locale)}">RSS</a> · <a href="${links.storyFeed('atom', locale)}">Atom</a> ·
            <a href="${links.storyFeed('json', locale)}">JSON Feed</a> · <a href="${links.calendar(locale)}">iCalendar</a>
          </div>
        </footer>
      </body>
    </html> `;
};

/**
 * "Shown in Russian: no Kazakh version yet", when the CMS served another language than asked.
 * @param {string} locale asked
 * @param {string} served
 */
export const fallbackNotice = (locale, served) => {
  if (!served || served === locale) return '';
  const words = WORDS[locale];
  return html`<p class="fallback-notice" data-served-locale="${served}">${words.shownIn[served] ?? served}: ${words.noVersionYet}</p>`;
};

/**
 * A date in the reader's language.
 * @param {string} locale
 * @param {unknown} iso
 * @param {Intl.DateTimeFormatOptions} [options]
 */
export const dateTime = (locale, iso, options = { dateStyle: 'long' }) => {
  if (typeof iso !== 'string') return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return html`<time datetime="${date.toISOString()}">${new Intl.DateTimeFormat(locale, options).format(date)}</time>`;
};
