import { joinPath, toOpenApiPath } from '../../plugins/openapi/server/src/utils/paths';

/** Koa (path-to-regexp 6) paths as OpenAPI templates: the cases the app's routes have, and regex params. */
describe('toOpenApiPath', () => {
  it.each([
    ['/api/stories', '/api/stories', []],
    ['/api/stories/:id', '/api/stories/{id}', ['id']],
    ['/api/calendar/events/:slug.ics', '/api/calendar/events/{slug}.ics', ['slug']],
    ['/api/calendar/events.ics', '/api/calendar/events.ics', []],
    ['/api/calendar/events/:slug/participants', '/api/calendar/events/{slug}/participants', ['slug']],
    ['/api/connect/(.*)', '/api/connect/{wildcard}', ['wildcard']],
    ['/api/files/:id(\\d+)', '/api/files/{id}', ['id']],
    ['/api/a/:b(\\d+)/c/:d?', '/api/a/{b}/c/{d}', ['b', 'd']],
    ['/api/x/(\\d+)/(.*)', '/api/x/{wildcard}/{wildcard1}', ['wildcard', 'wildcard1']],
  ])('%s → %s', (koa, template, parameters) => {
    expect(toOpenApiPath(koa)).toEqual({ template, parameters });
  });

  it('joins mount points with single slashes', () => {
    expect(joinPath('/api', '/calendar', '/events.ics')).toBe('/api/calendar/events.ics');
    expect(joinPath('/api/', '', '/openapi.json')).toBe('/api/openapi.json');
    expect(joinPath('/api', '/x', '/')).toBe('/api/x');
  });
});
