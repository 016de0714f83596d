import { html, jsonForScript, safeHttpUrl } from './html.js';
import { WORDS } from './i18n.js';
import { dateTime, fallbackNotice } from './layout.js';
import { markdown } from './markdown.js';
import { snippetHtml } from './snippet.js';

/** Our page of a story (the same path the CMS's feeds link to: SYNDICATION_STORY_PATH). */
export const storyPath = (locale, slug) => `/${locale}/stories/${encodeURIComponent(slug)}`;

/** Licences the CMS supports (SPDX ids) and where they are explained. */
const LICENCE_URLS = {
  'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC-BY-SA-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'CC-BY-NC-4.0': 'https://creativecommons.org/licenses/by-nc/4.0/',
  'CC-BY-NC-SA-4.0': 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
  'CC-BY-ND-4.0': 'https://creativecommons.org/licenses/by-nd/4.0/',
  'CC-BY-NC-ND-4.0': 'https://creativecommons.org/licenses/by-nc-nd/4.0/',
  'CC0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
};

/** A link when the URL is a safe http(s) one, else the text alone. */
const maybeLink = (url, text) => {
  const href = safeHttpUrl(url);
  return href ? html`<a href="${href}">${text}</a>` : html`${text}`;
};

/** @param {string} locale @param {any[]} topics */
const topicList = (locale, topics) =>
  Array.isArray(topics) && topics.length > 0
    ? html`<ul class="topics" aria-label="${WORDS[locale].topics}">
        ${topics.map((topic) => html`<li>${topic.name ?? topic.slug}</li>`)}
      </ul>`
    : '';

/**
 * Previous and next links, when there is more than one page.
 * @param {string} locale
 * @param {{ page: number, pageCount: number } | undefined} pagination
 * @param {(page: number) => string} pageLink
 */
const pager = (locale, pagination, pageLink) => {
  if (!pagination || !(pagination.pageCount > 1)) return '';
  const words = WORDS[locale];
  return html`<nav class="pages">
    ${pagination.page > 1 ? html`<a rel="prev" href="${pageLink(pagination.page - 1)}">${words.previous}</a>` : ''}
    <span>${pagination.page} / ${pagination.pageCount}</span>
    ${pagination.page < pagination.pageCount ? html`<a rel="next" href="${pageLink(pagination.page + 1)}">${words.next}</a>` : ''}
  </nav>`;
};

/**
 * @param {string} locale
 * @param {any[]} stories
 * @param {{ page: number, pageCount: number }} [pagination]
 */
export const storyList = (locale, stories, pagination) => {
  const words = WORDS[locale];
  return html`<h1>${words.stories}</h1>
    ${
      stories.length === 0
        ? html`<p>${words.noStories}</p>`
        : html`<ol class="cards">
            ${stories.map(
              (story) =>
                html`<li class="card">
                  <article>
                    ${fallbackNotice(locale, story.locale)}
                    <h2 lang="${story.locale}"><a href="${storyPath(locale, story.slug)}">${story.title}</a></h2>
                    <p class="meta">${dateTime(locale, story.publishedAt)}${story.publisher ? html` · ${story.publisher.name}` : ''}</p>
                    ${story.lead ? html`<p class="lead" lang="${story.locale}">${story.lead}</p>` : ''} ${topicList(locale, story.topics)}
                  </article>
                </li> `,
            )}
          </ol>`
    }
    ${pager(locale, pagination, (page) => `/${locale}/?page=${page}`)}`;
};

/**
 * "Originally published by …" for a story received from a partner (its `source`), else the
 * publisher; and the licence.
 * @param {string} locale
 * @param {any} story
 */
const attribution = (locale, story) => {
  const words = WORDS[locale];
  const source = story.source;
  const sourceName = source?.organisation?.name ?? source?.name;
  const by = sourceName
    ? html`${words.originallyPublishedBy} ${maybeLink(source.url ?? source.organisation?.website, sourceName)}`
    : story.publisher
      ? html`${words.publishedBy} ${maybeLink(story.publisher.website, story.publisher.name)}`
      : '';
  const licence = story.licence ? html`${words.licence}: ${maybeLink(LICENCE_URLS[story.licence], story.licence)}` : '';
  return html`<p class="attribution">${by}${by && licence ? html`<br />` : ''}${licence}</p>`;
};

/**
 * @param {string} locale
 * @param {any} story
 * @param {string | null} jsonLd the CMS's JSON-LD text
 */
export const storyPage = (locale, story, jsonLd) => {
  const words = WORDS[locale];
  const canonical = safeHttpUrl(story.canonicalUrl);
  const head = html`${canonical ? html`<link rel="canonical" href="${canonical}" /> ` : ''}${
    jsonLd
      ? html`<script type="application/ld+json">
          ${jsonForScript(jsonLd)}
        </script> `
      : ''
  }${story.lead ? html`<meta name="description" content="${story.lead}" /> ` : ''}`;
  const events = Array.isArray(story.events) ? story.events : [];
  const body = html`<article class="story">
    ${fallbackNotice(locale, story.locale)}
    <h1 lang="${story.locale}">${story.title}</h1>
    <p class="meta">${dateTime(locale, story.publishedAt)}</p>
    ${story.lead ? html`<p class="lead" lang="${story.locale}">${story.lead}</p>` : ''}
    <div class="body" lang="${story.locale}">${markdown(story.body)}</div>
    ${attribution(locale, story)} ${topicList(locale, story.topics)}
    ${
      events.length > 0
        ? html`<section class="related">
            <h2>${words.relatedEvents}</h2>
            <ul>
              ${events.map(
                (event) =>
                  html`<li><a href="/${locale}/events#${encodeURIComponent(event.slug)}" lang="${event.locale ?? story.locale}">${event.title}</a></li>`,
              )}
            </ul>
          </section>`
        : ''
    }
  </article>`;
  return { head, body };
};

/** Where a search result leads on this site (guides and organisations have no page here). */
const resultPath = (locale, result) => {
  if (result.type === 'story') return storyPath(locale, result.slug);
  if (result.type === 'event') return `/${locale}/events#${encodeURIComponent(result.slug)}`;
  return null;
};

/**
 * @param {string} locale
 * @param {string} query
 * @param {{ data: any[], meta: { pagination: { page: number, pageCount: number, total: number } } } | null} results
 */
export const searchPage = (locale, query, results) => {
  const words = WORDS[locale];
  if (!query)
    return html`<h1>${words.search}</h1>
      <p>${words.searchLabel}</p>`;
  const items = results?.data ?? [];
  const pagination = results?.meta?.pagination ?? { page: 1, pageCount: 1, total: items.length };
  const pageLink = (page) => `/${locale}/search?${new URLSearchParams({ q: query, page: String(page) })}`;
  return html`<h1>${words.search}</h1>
    <p class="summary">${words.resultsFor(query, pagination.total ?? items.length)}</p>
    ${
      items.length === 0
        ? html`<p>${words.noResults}</p>`
        : html`<ol class="results">
            ${items.map((result) => {
              const path = resultPath(locale, result);
              return html`<li class="result">
                <span class="type">${words.types[result.type] ?? result.type}</span>
                ${fallbackNotice(locale, result.locale)}
                <h2 lang="${result.locale}">${path ? html`<a href="${path}">${result.title}</a>` : result.title}</h2>
                ${result.snippet ? html`<p class="snippet" lang="${result.locale}">${snippetHtml(result.snippet)}</p>` : ''}
              </li> `;
            })}
          </ol>`
    }
    ${pager(locale, pagination, pageLink)}`;
};

/** Start and end on the event's own clock (Europe/Rome for a course in Turin), in the reader's language. */
const eventWhen = (locale, event) => {
  const start = new Date(event.startsAt);
  const end = new Date(event.endsAt);
  if (Number.isNaN(start.getTime())) return '';
  let timeZone = 'UTC';
  try {
    timeZone = new Intl.DateTimeFormat('en', { timeZone: event.timeZone }).resolvedOptions().timeZone;
  } catch {
    // not an IANA name: show UTC
  }
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone });
  const text = Number.isNaN(end.getTime()) ? format.format(start) : format.formatRange(start, end);
  return html`<time datetime="${start.toISOString()}">${text}</time> <span class="zone">(${timeZone})</span>`;
};

/** @param {string} locale @param {any} venue */
const venueText = (locale, venue) => {
  if (!venue) return '';
  let country = venue.country ?? '';
  try {
    if (country) country = new Intl.DisplayNames(locale, { type: 'region' }).of(country) ?? country;
  } catch {
    // not a region code: show it as it is
  }
  return [venue.name, [venue.postalCode, venue.city].filter(Boolean).join(' '), country].filter(Boolean).join(', ');
};

/**
 * @param {string} locale
 * @param {any[]} events
 * @param {import('./cms.js').CmsClient['links']} links
 */
export const eventsPage = (locale, events, links) => {
  const words = WORDS[locale];
  return html`<h1>${words.events}</h1>
    <p><a class="subscribe" href="${links.calendar(locale)}" type="text/calendar">${words.subscribeCalendar}</a></p>
    ${
      events.length === 0
        ? html`<p>${words.noEvents}</p>`
        : html`<ol class="cards">
            ${events.map((event) => {
              const online = safeHttpUrl(event.onlineUrl);
              return html`<li class="card" id="${event.slug}">
                <article>
                  ${fallbackNotice(locale, event.locale)}
                  <h2 lang="${event.locale}">${event.title}</h2>
                  <p class="meta">
                    ${eventWhen(locale, event)}${
                      event.eventStatus && event.eventStatus !== 'scheduled'
                        ? html` · <strong>${words.eventStatus[event.eventStatus] ?? event.eventStatus}</strong>`
                        : ''
                    }
                  </p>
                  ${event.venue ? html`<p class="venue">${venueText(locale, event.venue)}</p>` : ''}
                  ${online ? html`<p class="venue">${words.online}: <a href="${online}">${online}</a></p>` : ''}
                  ${event.summary ? html`<p class="lead" lang="${event.locale}">${event.summary}</p>` : ''}
                  <p><a class="ics" href="${links.eventCalendar(event.slug, event.locale)}" type="text/calendar">${words.addToCalendar}</a></p>
                </article>
              </li> `;
            })}
          </ol>`
    }`;
};

/** @param {string} locale @param {string} message */
export const messagePage = (locale, message) =>
  html`<h1>${message}</h1>
    <p><a href="/${locale}/">${WORDS[locale].backHome}</a></p>`;
