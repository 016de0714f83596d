/**
 * Public routes, mounted under /api/calendar. They are public because calendars, event
 * pages and search engines read them without an account; access still goes through the
 * users-permissions Public role (granted at bootstrap), so an administrator can revoke it.
 *
 * Every answer is the same for every public client (`publicCache: true`: the public-cache plugin
 * may keep it; the list says when it expires, see controllers/events).
 *
 * `/events/:slug.ics` and `/events.ics` cannot collide: path-to-regexp reads the first as
 * "a second segment ending in .ics" (`/events/([^/]+?)\.ics`), the second has no second segment.
 */
export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/events.ics', handler: 'events.calendar', config: { policies: [], publicCache: true } },
    { method: 'GET', path: '/events/:slug.ics', handler: 'events.calendarEntry', config: { policies: [], publicCache: true } },
    { method: 'GET', path: '/events', handler: 'events.find', config: { policies: [], publicCache: true } },
    { method: 'GET', path: '/events/:slug/jsonld', handler: 'events.jsonLd', config: { policies: [], publicCache: true } },
    { method: 'GET', path: '/events/:slug/participants', handler: 'events.participants', config: { policies: [], publicCache: true } },
  ],
};
