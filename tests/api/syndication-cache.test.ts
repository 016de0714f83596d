import type { Core } from '@strapi/strapi';
import { ORGANISATION, STORY, TOPIC } from '../../src/domain/uids';
import { createFullAccessToken } from '../helpers/content';
import { bootStrapi, http } from '../helpers/strapi';
import { createStory, documentIdBySlug, FEEDS } from '../helpers/syndication-fixtures';
import { askUntil, waitFor } from '../helpers/wait';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let fprk: string;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
  fprk = await documentIdBySlug(strapi, ORGANISATION, 'fprk');
});
afterAll(async () => teardown());

type JsonFeed = { items: Array<{ id: string; title: string; tags?: string[] }> };

const fetchJson = async (query = '') => {
  const res = await http(strapi)
    .get(`${FEEDS.json}${query}`)
    .buffer(true)
    .parse((response, done) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => done(null, text));
    });
  expect(res.status).toBe(200);
  return { etag: String(res.headers.etag), lastModified: String(res.headers['last-modified']), feed: JSON.parse(res.body as string) as JsonFeed };
};
const titles = async (query = '') => (await fetchJson(query)).feed.items.map((item) => item.title);
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe('conditional requests', () => {
  it.each(Object.entries(FEEDS))('%s: validators, Cache-Control and 304s', async (_format, url) => {
    const first = await http(strapi).get(url);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(Number.isNaN(Date.parse(first.headers['last-modified']))).toBe(false);
    expect(first.headers['cache-control']).toMatch(/public, max-age=\d+/);

    const byEtag = await http(strapi).get(url).set('If-None-Match', first.headers.etag);
    expect(byEtag.status).toBe(304);
    expect(byEtag.text ?? '').toBe('');
    expect(byEtag.headers.etag).toBe(first.headers.etag);

    const byDate = await http(strapi).get(url).set('If-Modified-Since', first.headers['last-modified']);
    expect(byDate.status).toBe(304);

    const otherEtag = await http(strapi).get(url).set('If-None-Match', '"something-else"');
    expect(otherEtag.status).toBe(200);
    const older = await http(strapi).get(url).set('If-Modified-Since', 'Sat, 01 Jan 2000 00:00:00 GMT');
    expect(older.status).toBe(200);
  });

  it('gives the same bytes and ETag on repeated requests', async () => {
    const a = await http(strapi).get(FEEDS.atom);
    const b = await http(strapi).get(FEEDS.atom);
    expect(b.text).toBe(a.text);
    expect(b.headers.etag).toBe(a.headers.etag);
  });
});

describe('invalidation', () => {
  it('follows publish, edit, unpublish and delete, keeping the item id', async () => {
    const before = await fetchJson();
    const documentId = await createStory(strapi, { title: 'Freshly published', slug: 'freshly-published', publisher: fprk });

    const published = await fetchJson();
    expect(published.feed.items[0].title).toBe('Freshly published');
    expect(published.etag).not.toBe(before.etag);
    const { id } = published.feed.items[0];
    // A client holding the old validators gets the new feed, not a 304.
    expect((await http(strapi).get(FEEDS.json).set('If-None-Match', before.etag)).status).toBe(200);
    expect((await http(strapi).get(FEEDS.json).set('If-Modified-Since', before.lastModified)).status).toBe(200);

    await strapi.documents(STORY).update({ documentId, locale: 'en', data: { title: 'Freshly edited' } } as never);
    // Editing the draft does not change what is published.
    expect((await fetchJson()).feed.items[0].title).toBe('Freshly published');
    await strapi.documents(STORY).publish({ documentId, locale: 'en' } as never);
    const edited = await fetchJson();
    expect(edited.feed.items[0]).toMatchObject({ id, title: 'Freshly edited' });

    await strapi.documents(STORY).unpublish({ documentId, locale: 'en' } as never);
    const unpublished = await fetchJson();
    expect(unpublished.feed.items.map((item) => item.title)).not.toContain('Freshly edited');
    expect((await http(strapi).get(FEEDS.json).set('If-Modified-Since', edited.lastModified)).status).toBe(200);

    await strapi.documents(STORY).publish({ documentId, locale: 'en' } as never);
    expect(await titles()).toContain('Freshly edited');
    await strapi.documents(STORY).delete({ documentId } as never);
    expect(await titles()).not.toContain('Freshly edited');
  });

  it('follows a renamed topic and a renamed publisher shown in the feed', async () => {
    const advocacy = await documentIdBySlug(strapi, TOPIC, 'advocacy');
    await strapi.documents(TOPIC).update({ documentId: advocacy, locale: 'en', data: { name: 'Advocacy work' } } as never);
    expect((await fetchJson('?topic=advocacy')).feed.items[0].tags).toContain('Advocacy work');

    await strapi.documents(ORGANISATION).update({ documentId: fprk, locale: 'en', data: { name: 'FPRK renamed' } } as never);
    const res = await http(strapi).get(`${FEEDS.atom}?organisation=fprk`);
    expect(res.text).toContain('FPRK renamed');
  });

  it('leaves feeds a change does not affect with the same ETag', async () => {
    const en = await fetchJson('?topic=advocacy');
    await createStory(strapi, { title: 'Только по-русски', slug: 'tolko-po-russki', locale: 'ru', publisher: fprk });
    expect(await titles('?locale=ru')).toContain('Только по-русски');
    const after = await http(strapi).get(`${FEEDS.json}?topic=advocacy`).set('If-None-Match', en.etag);
    expect(after.status).toBe(304);
  });

  it('sees changes written to the database by another process within the fingerprint TTL (no event reaches this one)', async () => {
    const documentId = await createStory(strapi, { title: 'Written elsewhere', slug: 'written-elsewhere', publisher: fprk });
    const cached = await fetchJson();
    expect(cached.feed.items[0].title).toBe('Written elsewhere');
    // What another instance's publish leaves in the shared database, written past this process's
    // document service and query engine (whose events it would hear): raw SQL on the published row.
    await strapi.db
      .connection(strapi.db.metadata.get(STORY).tableName)
      .where({ document_id: documentId, locale: 'en' })
      .whereNotNull('published_at')
      .update({ title: 'Rewritten elsewhere', updated_at: new Date() });
    // The process re-reads the fingerprint after at most CONTENT_FINGERPRINT_TTL_MS (0.5 s):
    // ask until the change shows, giving up (and failing) after 10 s.
    const after = await askUntil(fetchJson, (answer) => answer.feed.items[0].title === 'Rewritten elsewhere');
    expect(after.feed.items[0].title).toBe('Rewritten elsewhere');
    expect(after.etag).not.toBe(cached.etag);
  });

  it('shows an embargoed story once its embargo has passed, without an edit', async () => {
    // Embargoed for an hour: no machine is slow enough to see it in the feed during this test.
    await createStory(strapi, { title: 'Embargo ends in an hour', slug: 'embargo-ends-in-an-hour', embargoUntil: inAnHour(), publisher: fprk });
    const soon = new Date(Date.now() + 2000).toISOString();
    await createStory(strapi, { title: 'Embargo ends soon', slug: 'embargo-ends-soon', embargoUntil: soon, publisher: fprk });
    // The feed is built and kept in memory now, most likely before the embargo ends (whether it
    // still is depends on the machine, so nothing is asserted about it: when a story enters a
    // feed, and the expiry the feed gives the response cache, are unit-tested on an explicit
    // clock in tests/unit/syndication-embargo.test.ts). Nothing is edited from here on.
    await fetchJson();
    // Once the embargo end has passed on this process's clock (the app's too), the very next
    // feed has the story, however long getting here took.
    await waitFor('the embargo end to pass', () => Date.now() > Date.parse(soon), 30_000);
    const after = await titles();
    expect(after).toContain('Embargo ends soon');
    expect(after).not.toContain('Embargo ends in an hour');
  });
});

describe('requests with credentials (not answered by the response cache)', () => {
  /**
   * SQL statements that read stories, counted while `work` runs; not the content fingerprint's
   * aggregate (counts and maxima of every public table), which is re-read whenever its TTL ends.
   */
  const storyQueriesDuring = async (work: () => Promise<unknown>): Promise<number> => {
    let count = 0;
    const listener = (query: { sql?: string }) => {
      const sql = String(query.sql);
      if (/\bstories\b/.test(sql) && !/\bmax\(/i.test(sql)) count += 1;
    };
    strapi.db.connection.on('query', listener);
    try {
      await work();
    } finally {
      strapi.db.connection.off('query', listener);
    }
    return count;
  };

  it('renders a feed and a calendar once while nothing changes, and again after a change', async () => {
    const token = await createFullAccessToken(strapi);
    const get = (url: string) => http(strapi).get(url).set('Authorization', `Bearer ${token}`);

    const first = await get(`${FEEDS.rss}?limit=7`);
    expect(first.status).toBe(200);
    expect(first.headers['x-cache']).toBeUndefined();
    // Kept by the public-cache plugin's store of rendered values: the repeat reads no story.
    let again: Awaited<ReturnType<typeof get>> | undefined;
    expect(await storyQueriesDuring(async () => (again = await get(`${FEEDS.rss}?limit=7`)))).toBe(0);
    expect(again?.text).toBe(first.text);
    expect(again?.headers.etag).toBe(first.headers.etag);

    const calendar = await get('/api/calendar/events.ics?locale=en');
    expect(calendar.status).toBe(200);
    const calendarAgain = await get('/api/calendar/events.ics?locale=en');
    expect(calendarAgain.text).toBe(calendar.text);

    // A change is seen by the very next request.
    await createStory(strapi, { title: 'Seen by integrations at once', slug: 'seen-by-integrations-at-once', publisher: fprk });
    const changed = await get(`${FEEDS.rss}?limit=7`);
    expect(changed.text).toContain('Seen by integrations at once');
    expect(changed.headers.etag).not.toBe(first.headers.etag);
  });
});
