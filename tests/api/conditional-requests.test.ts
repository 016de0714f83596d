import nodeHttp from 'http';
import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import { EVENT, ORGANISATION, STORY } from '../../src/domain/uids';
import { responseCache as getResponseCache } from '../helpers/strapi';
import { createEvent, DEMO_SLUG, editAndPublish } from '../helpers/calendar-fixtures';
import { bootStrapi } from '../helpers/strapi';
import { createStory, documentIdBySlug, FEEDS } from '../helpers/syndication-fixtures';

/**
 * Conditional requests as Node's global fetch (undici) sends them: with `Cache-Control:
 * no-cache` and `Pragma: no-cache` added to any request that carries If-None-Match or
 * If-Modified-Since (Fetch standard, HTTP-network-or-cache fetch). Browsers, Deno and feed
 * readers built on fetch do the same; they must still get their 304s.
 */

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let base: string;
let fprk: string;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi({ CONTENT_FINGERPRINT_TTL_MS: '5000' }));
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fprk = await documentIdBySlug(strapi, ORGANISATION, 'fprk');
});
afterAll(async () => teardown());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

/** What fetch really sends with a conditional header, seen by a bare HTTP server. */
const headersFetchSends = async (headers: Record<string, string>): Promise<nodeHttp.IncomingHttpHeaders> => {
  let seen: nodeHttp.IncomingHttpHeaders = {};
  const echo = nodeHttp.createServer((req, res) => {
    seen = req.headers;
    res.end();
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  try {
    await (await fetch(`http://127.0.0.1:${(echo.address() as AddressInfo).port}/`, { headers })).arrayBuffer();
  } finally {
    await new Promise((resolve) => echo.close(resolve));
  }
  return seen;
};

it('fetch sends Cache-Control: no-cache with every conditional request (what the tests below rely on)', async () => {
  expect((await headersFetchSends({ 'If-None-Match': '"x"' }))['cache-control']).toBe('no-cache');
  expect((await headersFetchSends({ 'If-Modified-Since': new Date().toUTCString() }))['cache-control']).toBe('no-cache');
});

/** A first GET: a 200 with its validators; the body is read to the end. */
const firstGet = async (path: string) => {
  const res = await get(path);
  expect(res.status).toBe(200);
  const body = await res.text();
  const etag = res.headers.get('etag');
  expect(etag).toMatch(/^(?:W\/)?"[^"]+"$/);
  return { res, body, etag: etag as string, lastModified: res.headers.get('last-modified') };
};

/** What a 304 may carry (RFC 9110 15.4.5, the other validator, CORS, Link, the connection's own). */
const NOT_MODIFIED_HEADERS =
  /^(?:cache-control|content-location|date|etag|expires|vary|last-modified|link|set-cookie|x-cache|access-control-.*|connection|keep-alive)$/;

/**
 * A 304 without a body that keeps the validators and caching headers of the 200, and none of
 * the 200's other headers: the client keeps those of its stored copy (RFC 9111 4.3.4).
 */
const expectNotModified = async (res: Response, first: Response) => {
  expect(res.status).toBe(304);
  expect(await res.text()).toBe('');
  for (const header of ['etag', 'last-modified', 'cache-control', 'vary']) expect(res.headers.get(header)).toBe(first.headers.get(header));
  expect([...res.headers.keys()].filter((name) => !NOT_MODIFIED_HEADERS.test(name))).toEqual([]);
  for (const header of ['content-type', 'content-security-policy', 'x-content-type-options', 'x-powered-by']) {
    expect(first.headers.get(header)).not.toBeNull();
    expect(res.headers.get(header)).toBeNull();
  }
};

/** Every way a client may hold the current validators, each answered 304. */
const expectRevalidates = async (path: string, first: Awaited<ReturnType<typeof firstGet>>) => {
  await expectNotModified(await get(path, { 'If-None-Match': first.etag }), first.res);
  // Weak comparison, lists, `*`.
  await expectNotModified(await get(path, { 'If-None-Match': `W/${first.etag.replace(/^W\//, '')}` }), first.res);
  await expectNotModified(await get(path, { 'If-None-Match': `"older", ${first.etag}` }), first.res);
  await expectNotModified(await get(path, { 'If-None-Match': '*' }), first.res);
  const head = await fetch(`${base}${path}`, { method: 'HEAD', headers: { 'If-None-Match': first.etag } });
  expect(head.status).toBe(304);
  // Any other tag: the whole answer.
  const other = await get(path, { 'If-None-Match': '"something-else"' });
  expect(other.status).toBe(200);
  expect(await other.text()).toBe(first.body);
};

/** Runs `check` with the response cache on (answers from memory) and off (the controllers' own 304s). */
const withAndWithoutCache = (name: string, check: (cached: boolean) => Promise<void>) => {
  it(`${name}, from the response cache`, () => check(true));
  it(`${name}, from the controller (response cache off)`, async () => {
    getResponseCache(strapi)?.setEnabled(false);
    try {
      await check(false);
    } finally {
      getResponseCache(strapi)?.setEnabled(true);
    }
  });
};

describe('story feeds', () => {
  withAndWithoutCache('If-None-Match and If-Modified-Since get 304, a change gets 200', async (cached) => {
    const suffix = cached ? 'cached' : 'direct';
    for (const path of Object.values(FEEDS)) {
      const first = await firstGet(path);
      if (cached) expect((await get(path)).headers.get('x-cache')).toBe('HIT');
      else expect(first.res.headers.get('x-cache')).toBeNull();
      await expectRevalidates(path, first);

      expect(first.lastModified).not.toBeNull();
      const lastModified = first.lastModified as string;
      await expectNotModified(await get(path, { 'If-Modified-Since': lastModified }), first.res);
      expect((await get(path, { 'If-Modified-Since': 'Sat, 01 Jan 2000 00:00:00 GMT' })).status).toBe(200);
      // If-None-Match decides when both are sent: another tag is a 200 whatever the date.
      expect((await get(path, { 'If-None-Match': '"something-else"', 'If-Modified-Since': lastModified })).status).toBe(200);
    }

    const before = await firstGet(FEEDS.json);
    const documentId = await createStory(strapi, { title: `Conditional ${suffix}`, slug: `conditional-${suffix}`, publisher: fprk });
    try {
      const changed = await get(FEEDS.json, { 'If-None-Match': before.etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(before.etag);
      expect(await changed.text()).toContain(`Conditional ${suffix}`);
      const byDate = await get(FEEDS.json, { 'If-Modified-Since': before.lastModified as string });
      expect(byDate.status).toBe(200);
    } finally {
      await strapi.documents(STORY).delete({ documentId, locale: '*' } as never);
    }
  });
});

describe('calendars', () => {
  withAndWithoutCache('If-None-Match gets 304, a change gets 200', async (cached) => {
    const suffix = cached ? 'cached' : 'direct';
    const one = `/api/calendar/events/${DEMO_SLUG}.ics?locale=en`;
    for (const path of ['/api/calendar/events.ics', one]) {
      const first = await firstGet(path);
      if (cached) expect((await get(path)).headers.get('x-cache')).toBe('HIT');
      await expectRevalidates(path, first);
    }

    const feed = await firstGet('/api/calendar/events.ics');
    const entry = await firstGet(one);
    const documentId = await createEvent(strapi, {
      slug: `conditional-${suffix}`,
      title: `Conditional ${suffix}`,
      startsAt: '2026-05-01T08:00:00.000Z',
      endsAt: '2026-05-01T10:00:00.000Z',
    });
    try {
      const changed = await get('/api/calendar/events.ics', { 'If-None-Match': feed.etag });
      expect(changed.status).toBe(200);
      expect(await changed.text()).toContain(`Conditional ${suffix}`);

      const demo = (await strapi.documents(EVENT).findFirst({ locale: 'en', filters: { slug: DEMO_SLUG } } as never)) as unknown as {
        title: string;
        documentId: string;
      };
      await editAndPublish(strapi, demo.documentId, { title: `${demo.title} (${suffix})` });
      try {
        const edited = await get(one, { 'If-None-Match': entry.etag });
        expect(edited.status).toBe(200);
        expect(await edited.text()).toContain(`(${suffix})`);
      } finally {
        await editAndPublish(strapi, demo.documentId, { title: demo.title });
      }
    } finally {
      await strapi.documents(EVENT).delete({ documentId, locale: '*' } as never);
    }
  });
});

describe('cached REST reads', () => {
  it('If-None-Match gets 304 from memory, a change gets 200', async () => {
    const documentId = await createStory(strapi, { title: 'Conditional REST', slug: 'conditional-rest', publisher: fprk });
    const path = '/api/stories?locale=en&filters[slug][$eq]=conditional-rest&fields[0]=title';
    try {
      const first = await firstGet(path);
      expect((await get(path)).headers.get('x-cache')).toBe('HIT');
      await expectRevalidates(path, first);
      // A REST read has no Last-Modified: If-Modified-Since alone cannot make it a 304.
      expect(first.lastModified).toBeNull();
      expect((await get(path, { 'If-Modified-Since': new Date().toUTCString() })).status).toBe(200);

      await strapi.documents(STORY).update({ documentId, locale: 'en', data: { title: 'Conditional REST, edited' } } as never);
      await strapi.documents(STORY).publish({ documentId, locale: 'en' } as never);
      const changed = await get(path, { 'If-None-Match': first.etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(first.etag);
      expect(JSON.parse(await changed.text()).data[0].title).toBe('Conditional REST, edited');
    } finally {
      await strapi.documents(STORY).delete({ documentId, locale: '*' } as never);
    }
  });

  it('never answers 304 to a request that is not GET or HEAD', async () => {
    const path = '/api/stories?locale=en&fields[0]=title';
    const first = await firstGet(path);
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'If-None-Match': first.etag, 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).not.toBe(304);
    await res.arrayBuffer();
  });
});
