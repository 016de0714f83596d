import type { Core } from '@strapi/strapi';
import { adminToken } from '../helpers/admin';
import { createFeedPartner, FEED_TEST_ENV, feedStateOf, fixture, receivedLog, startFeedServer, storyRows, type FeedServer } from '../helpers/feed-server';
import { bootStrapi } from '../helpers/strapi';
import { askUntil, waitFor } from '../helpers/wait';

/**
 * What a feed may not do: be too long or too large (refused whole, nothing imported), ask us
 * to come back later (Retry-After, Cache-Control max-age: honoured), and what a source's
 * withdrawal does (a tombstone unpublishes what the import published; a stale feed does not
 * bring it back). Limits are the defaults of the plugin config (README, "Polling partner feeds").
 */
let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;
let server: FeedServer;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi(FEED_TEST_ENV));
  token = await adminToken(strapi);
  server = await startFeedServer();
});
afterAll(async () => {
  await teardown();
  await server.close();
});

const storyCount = () => strapi.db.query('api::story.story').count({});

const rssOf = (count: number, pad = ''): string => {
  const items = Array.from(
    { length: count },
    (_, index) => `<item><title>Item ${index}</title><link>https://big.example/items/${index}</link><guid isPermaLink="false">big-${index}</guid>
<pubDate>Mon, 06 Jan 2025 10:00:00 +0000</pubDate><description>Lead ${index}${pad}</description>
<creativeCommons:license>https://creativecommons.org/licenses/by/4.0/</creativeCommons:license></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:creativeCommons="http://backend.userland.com/creativeCommonsRssModule"><channel><title>Big</title><link>https://big.example</link>
<description>A feed far longer than any real one</description><language>en</language>${items.join('\n')}</channel></rss>`;
};

it('refuses a 10,000-item feed whole (feeds.maxItems, 500): no story, no partial import, a logged failure', async () => {
  const before = await storyCount();
  server.routes.set('/big.rss', { body: rssOf(10_000), contentType: 'application/rss+xml' });
  const partnerId = await createFeedPartner(strapi, token, 'Ten thousand items', `${server.origin}/big.rss`);
  const state = await askUntil(
    () => feedStateOf(strapi, partnerId),
    (answer) => Number(answer?.failureCount ?? 0) >= 1,
  );
  expect(state?.lastError).toBe('the feed has 10000 items, more than the 500 allowed (feeds.maxItems): nothing imported');
  expect(await receivedLog(strapi, token, partnerId)).toEqual([]);
  expect(await storyCount()).toBe(before);
});

it('refuses a feed larger than feeds.maxBytes (5 MiB) before parsing it, however it is sent', async () => {
  const before = await storyCount();
  // 40 items of 150 KiB each: 6 MiB.
  const body = rssOf(40, 'x'.repeat(150 * 1024));
  expect(Buffer.byteLength(body)).toBeGreaterThan(5 * 1024 * 1024);
  server.routes.set('/huge.rss', { body, contentType: 'application/rss+xml' });
  // Gzipped it is a few KiB on the wire: the limit counts what it unpacks to.
  server.routes.set('/huge-gzipped.rss', { body, contentType: 'application/rss+xml', gzip: true });
  const plain = await createFeedPartner(strapi, token, 'Six MiB', `${server.origin}/huge.rss`);
  const gzipped = await createFeedPartner(strapi, token, 'Six MiB, gzipped', `${server.origin}/huge-gzipped.rss`);
  for (const [partnerId, message] of [
    [plain, `the feed is ${Buffer.byteLength(body)} bytes, more than the 5242880 allowed (feeds.maxBytes)`],
    [gzipped, 'the feed is larger than the 5242880 bytes allowed (feeds.maxBytes)'],
  ] as const) {
    const state = await askUntil(
      () => feedStateOf(strapi, partnerId),
      (answer) => Number(answer?.failureCount ?? 0) >= 1,
    );
    expect(state?.lastError).toBe(message);
    expect(await receivedLog(strapi, token, partnerId)).toEqual([]);
  }
  expect(await storyCount()).toBe(before);
});

it('reads a gzipped feed', async () => {
  server.routes.set('/gzipped.json', { body: fixture('union-comms.json'), contentType: 'application/feed+json', gzip: true });
  const partnerId = await createFeedPartner(strapi, token, 'Gzipped', `${server.origin}/gzipped.json`);
  const log = await waitFor('the gzipped feed imported', async () => {
    const entries = await receivedLog(strapi, token, partnerId);
    return entries.length >= 2 ? entries : undefined;
  });
  expect(log.every((entry) => entry.outcome === 'created')).toBe(true);
  expect(server.requestsFor('/gzipped.json')[0].headers['accept-encoding']).toBe('gzip, deflate, br');
});

it('waits as long as Retry-After says after a 503, and as long as max-age says after a 200', async () => {
  const path = '/busy.json';
  server.routes.set(path, { status: 503, headers: { 'retry-after': '3' }, body: 'come back later' });
  const partnerId = await createFeedPartner(strapi, token, 'Busy', `${server.origin}${path}`);
  const busy = await waitFor('two polls of the busy feed', () => (server.requestsFor(path).length >= 2 ? server.requestsFor(path) : undefined), 20_000);
  // Without Retry-After the next poll would come after 1 s (the poll interval; the retry schedule says 100 ms).
  expect(busy[1].at - busy[0].at).toBeGreaterThanOrEqual(2900);
  expect((await feedStateOf(strapi, partnerId))?.lastError).toBe('the feed answered 503');

  server.routes.set(path, { body: fixture('union-comms.json'), contentType: 'application/feed+json', cacheControl: 'public, max-age=3' });
  const answered = await waitFor('the feed answering', () => server.requestsFor(path).find((seen) => seen.status === 200));
  const next = await waitFor('the poll after the answer', () => server.requestsFor(path).find((seen) => seen.at > answered.at), 20_000);
  expect(next.at - answered.at).toBeGreaterThanOrEqual(2900);
  expect(next.status).toBe(304);
  expect((await receivedLog(strapi, token, partnerId)).length).toBe(2);
});

it('unpublishes on a tombstone what the import published, and a stale feed does not bring it back', async () => {
  const path = '/withdrawals.atom';
  const atom = fixture('atom-translations.xml');
  const wagesEntry = /<entry xml:lang="en">\s*<id>urn:uuid:9a1e07a2[\s\S]*?<\/entry>/.exec(atom)?.[0] ?? '';
  expect(wagesEntry).not.toBe('');
  server.routes.set(path, { body: atom, contentType: 'application/atom+xml' });
  // A trusted partner: published at once.
  const partnerId = await createFeedPartner(strapi, token, 'Trusted', `${server.origin}${path}`, { policy: 'publish' });
  const wagesId = 'urn:uuid:9a1e07a2-3f43-5d3e-8b1c-6e2f3a4b5c6d';
  const [created] = await waitFor('the wages story', async () => {
    const entries = (await receivedLog(strapi, token, partnerId)).filter((entry) => entry.externalId === wagesId);
    return entries.length > 0 ? entries : undefined;
  });
  const documentId = created.storyDocumentId as string;
  const published = () => strapi.db.query('api::story.story').count({ where: { documentId, publishedAt: { $notNull: true } } });
  expect(await published()).toBe(1);

  // The source deletes it: the entry goes, a tombstone comes (RFC 6721).
  const tombstone = `<at:deleted-entry ref="${wagesId}" when="2025-04-01T00:00:00.000Z"/>`;
  server.routes.set(path, { body: atom.replace(wagesEntry, tombstone), contentType: 'application/atom+xml' });
  const [withdrawn] = await waitFor('the withdrawal', async () => {
    const entries = (await receivedLog(strapi, token, partnerId)).filter((entry) => entry.externalId === wagesId);
    return entries.length >= 2 ? entries : undefined;
  });
  expect(withdrawn.outcome).toBe('unpublished');
  expect(await published()).toBe(0);
  // Nothing is deleted.
  expect((await storyRows(strapi, documentId)).map((row) => row.title)).toEqual(['Minimum wage: what the new law means']);

  // A stale copy of the feed (a cache) shows the entry again: it is not imported again.
  server.routes.set(path, { body: atom, contentType: 'application/atom+xml' });
  const entries = await waitFor('the stale item refused', async () => {
    const log = (await receivedLog(strapi, token, partnerId)).filter((entry) => entry.externalId === wagesId);
    return log.length >= 3 ? log : undefined;
  });
  expect(entries[0].outcome).toBe('rejected');
  expect(entries[0].reason).toMatch(/withdrawn/);
  expect(await published()).toBe(0);
});

it('takes a WordPress post edited without a new date (RSS has only pubDate) as an update', async () => {
  const path = '/edited/feed/';
  const rss = fixture('wordpress-rss.xml');
  server.routes.set(path, { body: rss, contentType: 'application/rss+xml' });
  const partnerId = await createFeedPartner(strapi, token, 'WordPress, edited', `${server.origin}${path}`);
  const postId = 'https://metalworkers.example/?p=1187';
  const [created] = await waitFor('the post', async () => {
    const entries = (await receivedLog(strapi, token, partnerId)).filter((entry) => entry.externalId === postId);
    return entries.length > 0 ? entries : undefined;
  });
  server.routes.set(path, { body: rss.replace('Wages rise by 9&nbsp;% in 2025', 'Wages rise by 10&nbsp;% in 2025'), contentType: 'application/rss+xml' });
  const [updated] = await waitFor('the edit', async () => {
    const entries = (await receivedLog(strapi, token, partnerId)).filter((entry) => entry.externalId === postId);
    return entries.length >= 2 ? entries : undefined;
  });
  expect(updated.outcome).toBe('updated');
  expect((await storyRows(strapi, created.storyDocumentId as string))[0].body).toContain('Wages rise by 10');
});
