import MarkdownIt from 'markdown-it';
import type { Core } from '@strapi/strapi';
import { adminToken } from '../helpers/admin';
import { createFeedPartner, FEED_TEST_ENV, feedStateOf, fixture, receivedLog, startFeedServer, storyRows, type FeedServer } from '../helpers/feed-server';
import { bootStrapi } from '../helpers/strapi';
import { askUntil, waitFor } from '../helpers/wait';

/**
 * Partner feeds polled for real: a web server on 127.0.0.1 serves fixture feeds shaped like
 * real-world ones (WordPress RSS 2.0, an Atom feed of our own kind with translations and a
 * tombstone, JSON Feed 1.1 like ours); the app's worker polls them with conditional GETs and
 * hands what changed to the importer. What a user observes: the received log, the stories.
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

const ATOM_GROUP = 'urn:uuid:7b8f4f0e-8d0e-5b57-9a44-3c4a25d0e2f1';
const ATOM_EN = 'urn:uuid:c0b3bb25-2529-5f14-a10c-264e808a138b';
const ATOM_WAGES = 'urn:uuid:9a1e07a2-3f43-5d3e-8b1c-6e2f3a4b5c6d';
const ATOM_DELETED = 'urn:uuid:5d0b5e64-2f4c-5f4c-9d3a-0d9d1d7f0001';

const logFor = async (partnerId: number, externalId: string) =>
  (await receivedLog(strapi, token, partnerId)).filter((entry) => entry.externalId === externalId);

describe('an Atom feed with translations and a tombstone', () => {
  let partnerId: number;
  const path = '/feeds/stories.atom';

  it('imports each story once, translations joined into one document, attributed and licensed', async () => {
    server.routes.set(path, { body: fixture('atom-translations.xml'), contentType: 'application/atom+xml; charset=utf-8' });
    partnerId = await createFeedPartner(strapi, token, 'FPRK (Atom)', `${server.origin}${path}`);

    const [created] = await waitFor('the joined story', async () => {
      const entries = await logFor(partnerId, ATOM_GROUP);
      return entries.length > 0 ? entries : undefined;
    });
    expect(created.outcome).toBe('created');
    expect([...created.locales].sort()).toEqual(['en', 'ru']);
    const rows = await storyRows(strapi, created.storyDocumentId as string);
    expect(rows.map((row) => row.locale)).toEqual(['en', 'ru']);
    const [en, ru] = rows;
    expect(en.title).toBe('In Turin, national trade union representatives discuss modern communication');
    expect(ru.title).toBe('В Турине профсоюзы обсуждают коммуникации');
    expect(en.canonicalUrl).toBe('https://fprk.example/en/stories/unions-discuss-communication-in-turin');
    expect(ru.source?.url).toBe('https://fprk.example/ru/stories/profsoyuzy-obsuzhdayut-kommunikacii-v-turine');
    expect(en.licence).toBe('CC-BY-4.0');
    expect(en.body).toContain('Participants from **10 countries** met in Turin.');
    expect(en.body).toContain('[ITC-ILO](https://www.itcilo.org/)');
    // Topics by slug: `advocacy` exists here, `training` does not and is listed, not created.
    expect(en.topics.map((topic) => topic.slug)).toEqual(['advocacy']);
    expect(created.unknownTopics).toEqual(['training']);

    const [wages] = await waitFor('the second story', async () => {
      const entries = await logFor(partnerId, ATOM_WAGES);
      return entries.length > 0 ? entries : undefined;
    });
    expect(wages.outcome).toBe('created');
    // `…/by-nc-sa/4.0/legalcode` is the same licence as its deed URL.
    expect((await storyRows(strapi, wages.storyDocumentId as string))[0].licence).toBe('CC-BY-NC-SA-4.0');
    expect((await storyRows(strapi, wages.storyDocumentId as string))[0].title).toBe('Minimum wage: what the new law means');

    // The tombstone of an entry we never had is recorded, nothing created.
    const [deleted] = await waitFor('the tombstone', async () => {
      const entries = await logFor(partnerId, ATOM_DELETED);
      return entries.length > 0 ? entries : undefined;
    });
    expect(deleted.outcome).toBe('unpublished');
    expect(deleted.storyDocumentId).toBeNull();
  });

  it('asks again with If-None-Match, is answered 304, and imports nothing twice', async () => {
    const firstEtag = server.requestsFor(path).find((seen) => seen.status === 200)?.headers;
    expect(firstEtag?.['if-none-match']).toBeUndefined();
    const conditional = await waitFor('a conditional request', () => server.requestsFor(path).find((seen) => seen.headers['if-none-match'] !== undefined));
    expect(conditional.status).toBe(304);
    expect(conditional.headers['if-modified-since']).toBeDefined();
    // The poller records the answer right after the server sent it.
    const state = await askUntil(
      () => feedStateOf(strapi, partnerId),
      (answer) => answer?.lastStatusCode === 304,
    );
    expect(state?.lastStatusCode).toBe(304);
    const log = await receivedLog(strapi, token, partnerId);
    expect(log.map((entry) => entry.externalId).sort()).toEqual([ATOM_DELETED, ATOM_GROUP, ATOM_WAGES].sort());
  });

  it('updates the story whose entry changed and leaves the one removed from the feed alone', async () => {
    const wagesBefore = (await logFor(partnerId, ATOM_WAGES))[0];
    const wagesRows = await storyRows(strapi, wagesBefore.storyDocumentId as string);
    const atom = fixture('atom-translations.xml');
    const withoutWages = atom.replace(/<entry xml:lang="en">\s*<id>urn:uuid:9a1e07a2[\s\S]*?<\/entry>/, '');
    expect(withoutWages).not.toContain(ATOM_WAGES);
    const updated = withoutWages
      .replace(
        '<title type="text">In Turin, national trade union representatives discuss modern communication</title>',
        '<title type="text">In Turin, unions agree on a communication plan</title>',
      )
      .replace('<updated>2025-03-28T09:58:12.000Z</updated>', '<updated>2025-03-29T12:00:00.000Z</updated>');
    server.routes.set(path, { body: updated, contentType: 'application/atom+xml; charset=utf-8' });

    const [latest] = await waitFor('the update', async () => {
      const entries = await logFor(partnerId, ATOM_GROUP);
      return entries.length >= 2 ? entries : undefined;
    });
    expect(latest.outcome).toBe('updated');
    const rows = await storyRows(strapi, latest.storyDocumentId as string);
    expect(rows.find((row) => row.locale === 'en')?.title).toBe('In Turin, unions agree on a communication plan');
    expect(rows.find((row) => row.locale === 'ru')?.title).toBe('В Турине профсоюзы обсуждают коммуникации');

    // Another full poll and a 304 later: the removed entry's story is untouched, nothing more logged for it.
    const after = server.requestsFor(path).length;
    await waitFor('two more polls', () => server.requestsFor(path).length >= after + 2);
    expect(await logFor(partnerId, ATOM_WAGES)).toHaveLength(1);
    expect(await storyRows(strapi, wagesBefore.storyDocumentId as string)).toEqual(wagesRows);
    expect(await logFor(partnerId, ATOM_GROUP)).toHaveLength(2);
  });
});

describe('a WordPress RSS 2.0 feed', () => {
  it('imports content:encoded as Markdown with scripts, handlers and javascript: links made inert', async () => {
    const path = '/wordpress/feed/';
    server.routes.set(path, { body: fixture('wordpress-rss.xml'), contentType: 'application/rss+xml; charset=UTF-8' });
    const partnerId = await createFeedPartner(strapi, token, 'Metalworkers (WordPress)', `${server.origin}${path}`);

    const [agreement] = await waitFor('the first post', async () => {
      const entries = await logFor(partnerId, 'https://metalworkers.example/?p=1187');
      return entries.length > 0 ? entries : undefined;
    });
    expect(agreement.outcome).toBe('created');
    // `en-US` of the channel is our `en`.
    expect(agreement.locales).toEqual(['en']);
    expect([...agreement.unknownTopics].sort()).toEqual(['collective-bargaining', 'health-safety']);
    const [post] = await storyRows(strapi, agreement.storyDocumentId as string);
    expect(post.slug).toBe('collective-agreement-signed-at-the-rolling-mill');
    expect(post.licence).toBe('CC-BY-SA-4.0');
    expect(post.body).toContain('## What changes');
    expect(post.body).toContain('[health and safety committee](https://metalworkers.example/safety/)');
    // Images stay links; a relative link is made absolute against the post.
    expect(post.body).toContain('![Signing the agreement](https://metalworkers.example/wp-content/uploads/2025/01/signing-1024x683.jpg)');
    expect(post.body).toContain('[full text](https://metalworkers.example/wp-content/uploads/2025/01/agreement.pdf)');

    const [solidarity] = await waitFor('the second post', async () => {
      const entries = await logFor(partnerId, 'https://metalworkers.example/?p=1175');
      return entries.length > 0 ? entries : undefined;
    });
    const [hostile] = await storyRows(strapi, solidarity.storyDocumentId as string);
    const body = hostile.body ?? '';
    expect(body).toContain('Donate to the strike fund or here.');
    expect(body).not.toMatch(/javascript:/i);
    expect(body).not.toMatch(/onerror|onclick|iframe|document\.cookie|evil\.example/i);
    // Text that reads like a tag stays text, even for a website rendering our Markdown with HTML on.
    const html = new MarkdownIt({ html: true }).render(body);
    expect(html).not.toMatch(/<script|<img[^>]*onerror|<iframe|href="javascript/i);
    expect(html).toContain('&lt;script&gt;alert(4)&lt;/script&gt;');
  });
});

describe('a JSON Feed 1.1 like ours', () => {
  it('joins items linked by _syndication.translations, takes the SPDX licence and category slugs', async () => {
    const path = '/api/syndication/feeds/stories.json';
    server.routes.set(path, { body: fixture('union-comms.json'), contentType: 'application/feed+json; charset=utf-8' });
    const partnerId = await createFeedPartner(strapi, token, 'Unions of Kyrgyzstan (JSON Feed)', `${server.origin}${path}`);

    const [miners] = await waitFor('the joined story', async () => {
      const entries = await logFor(partnerId, 'urn:uuid:1f7c3a52-90f1-5b8e-a0d4-1c2b3d4e5f60');
      return entries.length > 0 ? entries : undefined;
    });
    expect(miners.outcome).toBe('created');
    expect([...miners.locales].sort()).toEqual(['en', 'ru']);
    expect([...miners.unknownTopics].sort()).toEqual(['health-and-safety', 'mining']);
    const rows = await storyRows(strapi, miners.storyDocumentId as string);
    expect(rows.map((row) => [row.locale, row.licence])).toEqual([
      ['en', 'CC-BY-SA-4.0'],
      ['ru', 'CC-BY-SA-4.0'],
    ]);
    expect(rows[0].body).toContain('![Miners at the gate](https://cms.unions-kg.example/uploads/miners.jpg)');
    // The ru item is not a story of its own.
    expect(await logFor(partnerId, 'urn:uuid:2a8d4b63-01a2-5c9f-b1e5-2d3c4e5f6071')).toEqual([]);

    const [teachers] = await waitFor('the text-only item', async () => {
      const entries = await logFor(partnerId, 'urn:uuid:3b9e5c74-12b3-5da0-c2f6-3e4d5f607182');
      return entries.length > 0 ? entries : undefined;
    });
    const [text] = await storyRows(strapi, teachers.storyDocumentId as string);
    expect(text.licence).toBe('LicenseRef-all-rights-reserved');
    expect(text.body).toBe('Three hundred teachers met in Osh.\n\nThey adopted a resolution on \\<workloads>.');
  });
});

describe('a broken feed', () => {
  it('is a logged failure that imports nothing, retried until it parses', async () => {
    const path = '/broken.atom';
    const atom = fixture('atom-translations.xml');
    // Cut off mid-entry, as a dropped connection or a full disk leaves a feed.
    server.routes.set(path, { body: atom.slice(0, Math.floor(atom.length * 0.7)), contentType: 'application/atom+xml' });
    const partnerId = await createFeedPartner(strapi, token, 'Broken feed', `${server.origin}${path}`);

    const state = await askUntil(
      () => feedStateOf(strapi, partnerId),
      (answer) => Number(answer?.failureCount ?? 0) >= 2,
      { timeoutMs: 15_000 },
    );
    expect(state?.lastError).toMatch(/not well-formed XML/);
    expect(state?.lastStatusCode).toBe(200);
    // A broken answer's validators are not kept: the next poll gets the whole feed again.
    expect(state?.etag).toBeNull();
    expect(server.requestsFor(path).every((seen) => seen.headers['if-none-match'] === undefined)).toBe(true);
    expect(await receivedLog(strapi, token, partnerId)).toEqual([]);

    // Repaired at the source: imported on the next poll.
    server.routes.set(path, { body: atom, contentType: 'application/atom+xml' });
    const entries = await waitFor('the repaired feed imported', async () => {
      const log = await receivedLog(strapi, token, partnerId);
      return log.length >= 3 ? log : undefined;
    });
    expect(entries.map((entry) => entry.externalId).sort()).toEqual([ATOM_DELETED, ATOM_GROUP, ATOM_WAGES].sort());
    const repaired = await askUntil(
      () => feedStateOf(strapi, partnerId),
      (answer) => answer?.failureCount === 0,
    );
    expect(repaired?.lastError).toBeNull();
    expect(await logFor(partnerId, ATOM_EN)).toEqual([]);
  });
});
