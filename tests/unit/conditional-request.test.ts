import { entityTags, isNotModified, keptOnNotModified, notModified } from '@union-comms/kit';

const GET = (headers: { ifNoneMatch?: string; ifModifiedSince?: string }, method = 'GET') => ({ method, ...headers });
const ETAG = '"abc"';
const MODIFIED = 'Mon, 24 Mar 2025 08:00:00 GMT';

describe('If-None-Match', () => {
  it('matches the same tag, by weak comparison either way', () => {
    expect(isNotModified(GET({ ifNoneMatch: '"abc"' }), { etag: ETAG })).toBe(true);
    expect(isNotModified(GET({ ifNoneMatch: 'W/"abc"' }), { etag: ETAG })).toBe(true);
    expect(isNotModified(GET({ ifNoneMatch: '"abc"' }), { etag: 'W/"abc"' })).toBe(true);
    expect(isNotModified(GET({ ifNoneMatch: '"abd"' }), { etag: ETAG })).toBe(false);
  });

  it('reads lists, with spaces and with commas inside tags', () => {
    expect(entityTags('"a", W/"b,c" ,"d"')).toEqual(['"a"', 'W/"b,c"', '"d"']);
    expect(isNotModified(GET({ ifNoneMatch: '"x", "abc"' }), { etag: ETAG })).toBe(true);
    expect(isNotModified(GET({ ifNoneMatch: '"b,c"' }), { etag: '"b,c"' })).toBe(true);
    expect(isNotModified(GET({ ifNoneMatch: '"b", "c"' }), { etag: '"b,c"' })).toBe(false);
  });

  it('* matches any representation', () => {
    expect(isNotModified(GET({ ifNoneMatch: '*' }), { etag: ETAG })).toBe(true);
    expect(isNotModified(GET({ ifNoneMatch: '*' }), {})).toBe(true);
  });

  it('without an ETag nothing matches', () => {
    expect(isNotModified(GET({ ifNoneMatch: '"abc"' }), { lastModified: MODIFIED })).toBe(false);
  });

  it('decides alone: If-Modified-Since is ignored when If-None-Match is present', () => {
    const later = 'Tue, 25 Mar 2025 08:00:00 GMT';
    expect(isNotModified(GET({ ifNoneMatch: '"other"', ifModifiedSince: later }), { etag: ETAG, lastModified: MODIFIED })).toBe(false);
    expect(isNotModified(GET({ ifNoneMatch: ETAG, ifModifiedSince: 'Sun, 01 Jan 2000 00:00:00 GMT' }), { etag: ETAG, lastModified: MODIFIED })).toBe(true);
  });

  it('answers GET and HEAD only', () => {
    expect(isNotModified(GET({ ifNoneMatch: ETAG }, 'HEAD'), { etag: ETAG })).toBe(true);
    expect(isNotModified(GET({ ifNoneMatch: ETAG }, 'POST'), { etag: ETAG })).toBe(false);
  });
});

describe('If-Modified-Since', () => {
  it('is not modified when Last-Modified is at or before the date', () => {
    expect(isNotModified(GET({ ifModifiedSince: MODIFIED }), { lastModified: MODIFIED })).toBe(true);
    expect(isNotModified(GET({ ifModifiedSince: 'Tue, 25 Mar 2025 08:00:00 GMT' }), { lastModified: MODIFIED })).toBe(true);
    expect(isNotModified(GET({ ifModifiedSince: 'Sun, 23 Mar 2025 08:00:00 GMT' }), { lastModified: MODIFIED })).toBe(false);
  });

  it('ignores an invalid date, and a representation without Last-Modified is modified', () => {
    expect(isNotModified(GET({ ifModifiedSince: 'yesterday' }), { lastModified: MODIFIED })).toBe(false);
    expect(isNotModified(GET({ ifModifiedSince: MODIFIED }), { etag: ETAG })).toBe(false);
  });
});

describe('notModified (Koa context)', () => {
  const context = (status: number, request: Record<string, string>, response: Record<string, string>) => ({
    method: 'GET',
    status,
    get: (field: string) => request[field.toLowerCase()] ?? '',
    response: { get: (field: string) => response[field.toLowerCase()] ?? '' },
  });

  it('reads the request and the validators already set, for a 2xx', () => {
    expect(notModified(context(200, { 'if-none-match': ETAG, 'cache-control': 'no-cache' }, { etag: ETAG }))).toBe(true);
    expect(notModified(context(200, { 'if-modified-since': MODIFIED, 'cache-control': 'no-cache' }, { 'last-modified': MODIFIED }))).toBe(true);
    expect(notModified(context(404, { 'if-none-match': ETAG }, { etag: ETAG }))).toBe(false);
    expect(notModified(context(200, {}, { etag: ETAG }))).toBe(false);
  });
});

describe('the headers of a 304', () => {
  it("keeps RFC 9110's list, Last-Modified, CORS, Link, Set-Cookie and X-Cache, in any case", () => {
    const kept = ['Cache-Control', 'content-location', 'Date', 'ETag', 'Expires', 'Vary', 'Last-Modified', 'Link', 'Set-Cookie', 'X-Cache'];
    for (const name of [...kept, 'Access-Control-Allow-Origin', 'access-control-expose-headers']) expect(keptOnNotModified(name)).toBe(true);
  });

  it("leaves out representation metadata and the rest of the 200's headers", () => {
    const dropped = [
      'Content-Type',
      'Content-Length',
      'Content-Encoding',
      'Content-Language',
      'Content-Security-Policy',
      'X-Frame-Options',
      'X-Powered-By',
      'Strict-Transport-Security',
    ];
    for (const name of dropped) expect(keptOnNotModified(name)).toBe(false);
  });
});
