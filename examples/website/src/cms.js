/**
 * The CMS's public REST API, as a website reads it: published content, no token. Each function
 * is one documented request (the CMS's README and plugins/<id>/README.md).
 */

export class CmsError extends Error {
  /**
   * @param {string} message
   * @param {number} status the CMS's HTTP status, or 0 when it did not answer
   */
  constructor(message, status) {
    super(message);
    this.name = 'CmsError';
    this.status = status;
  }
}

/**
 * @param {object} options
 * @param {string} options.cmsUrl where this server reaches the CMS (http://localhost:1337)
 * @param {string} [options.publicCmsUrl] where browsers reach it, for feed and calendar links
 * @param {number} [options.timeoutMs]
 */
export const createCmsClient = ({ cmsUrl, publicCmsUrl = cmsUrl, timeoutMs = 10000 }) => {
  const base = cmsUrl.replace(/\/+$/, '');
  const publicBase = publicCmsUrl.replace(/\/+$/, '');

  /**
   * @param {string} path
   * @param {Record<string, string | number | boolean | undefined>} [query]
   */
  const url = (root, path, query = {}) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const search = params.toString();
    return `${root}${path}${search ? `?${search}` : ''}`;
  };

  /**
   * @param {string} path
   * @param {Record<string, string | number | boolean | undefined>} query
   * @param {string} [accept]
   * @returns {Promise<Response>}
   */
  const get = async (path, query, accept = 'application/json') => {
    let response;
    try {
      response = await fetch(url(base, path, query), { headers: { accept }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new CmsError(`CMS unreachable at ${base}: ${error instanceof Error ? error.message : String(error)}`, 0);
    }
    if (!response.ok) {
      // The CMS's errors are { error: { status, name, message } }; keep the message for the log.
      const body = await response.text();
      let message = body.slice(0, 200);
      try {
        message = JSON.parse(body).error?.message ?? message;
      } catch {
        // not JSON: keep the text
      }
      throw new CmsError(`${path}: ${response.status} ${message}`, response.status);
    }
    return response;
  };

  /** @returns {Promise<any>} */
  const getJson = async (path, query) => (await get(path, query)).json();

  return {
    /** Stories in `locale` or, where it has none, in the first locale of its fallback chain. */
    listStories: (locale, { page = 1, pageSize = 20 } = {}) =>
      getJson('/api/stories', {
        locale,
        fallback: true,
        sort: 'publishedAt:desc',
        'populate[publisher]': true,
        'populate[topics]': true,
        'pagination[page]': page,
        'pagination[pageSize]': pageSize,
      }),

    /** One story by the slug of the version served (slugs are translated), or null. */
    async findStory(locale, slug) {
      const { data } = await getJson('/api/stories', {
        'filters[slug][$eq]': slug,
        locale,
        fallback: true,
        'populate[publisher]': true,
        'populate[topics]': true,
        'populate[events]': true,
        'populate[source][populate][organisation]': true,
      });
      return data?.[0] ?? null;
    },

    /**
     * The story whose version in one of `locales` has this slug, as served in `locale` (with its
     * fallback), or null: for links that carry another language's slug.
     */
    async storyInLocaleBySlugOfAnother(locale, slug, locales) {
      const found = await Promise.all(
        locales
          .filter((other) => other !== locale)
          .map((other) => getJson('/api/stories', { 'filters[slug][$eq]': slug, locale: other, 'fields[0]': 'slug' }).then(({ data }) => data?.[0] ?? null)),
      );
      const documentId = found.find(Boolean)?.documentId;
      if (!documentId) return null;
      const { data } = await getJson('/api/stories', { 'filters[documentId][$eq]': documentId, locale, fallback: true, 'fields[0]': 'slug' });
      return data?.[0] ?? null;
    },

    /** The story's schema.org JSON-LD as text (application/ld+json), or null when there is none. */
    async storyJsonLd(locale, slug) {
      try {
        return await (await get(`/api/structured-data/stories/${encodeURIComponent(slug)}`, { locale }, 'application/ld+json')).text();
      } catch (error) {
        if (error instanceof CmsError && error.status === 404) return null;
        throw error;
      }
    },

    /** Full-text search: { data: [{ type, documentId, locale, slug, title, snippet, score, publishedAt }], meta: { pagination } }. */
    search: (locale, q, { page = 1, pageSize = 10 } = {}) =>
      getJson('/api/search', { q, locale, fallback: true, types: 'story,event,guide,organisation', page, pageSize }),

    /** Events, latest first, with their venue. */
    listEvents: (locale) =>
      getJson('/api/events', {
        locale,
        fallback: true,
        sort: 'startsAt:desc',
        'populate[venue]': true,
        'pagination[pageSize]': 50,
      }),

    /** Links a browser follows to the CMS itself: feeds and calendars (plugins/syndication, plugins/calendar). */
    links: {
      storyFeed: (format, locale) => url(publicBase, `/api/syndication/feeds/stories.${format}`, { locale }),
      eventCalendar: (slug, locale) => url(publicBase, `/api/calendar/events/${encodeURIComponent(slug)}.ics`, { locale }),
      calendar: (locale) => url(publicBase, '/api/calendar/events.ics', { locale }),
    },
  };
};

/** @typedef {ReturnType<typeof createCmsClient>} CmsClient */
