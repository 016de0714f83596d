import nodeHttp from 'http';
import net from 'net';
import type { AddressInfo } from 'net';
import zlib from 'zlib';
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { EVENT, ORGANISATION, PARTICIPANT, STORY } from '../../src/domain/uids';
import { adminToken } from '../helpers/admin';
import { createEvent } from '../helpers/calendar-fixtures';
import { createFullAccessToken } from '../helpers/content';
import { bootStrapi, http } from '../helpers/strapi';
import { createStory, documentIdBySlug } from '../helpers/syndication-fixtures';
import { askUntil, waitFor } from '../helpers/wait';

let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let fprk: string;

beforeAll(async () => {
  // A fingerprint TTL far longer than any test step: what a test sees right after a write is
  // this process's own invalidation at work, not the TTL running out.
  ({ strapi, teardown } = await bootStrapi({ CONTENT_FINGERPRINT_TTL_MS: '5000' }));
  fprk = await documentIdBySlug(strapi, ORGANISATION, 'fprk');
});
afterAll(async () => teardown());

/** The app's base URL, listening on a port of its own (supertest would start a server per request). */
const listening = async (): Promise<string> => {
  const server = strapi.server.httpServer;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const storyBySlug = (slug: string, extra = '') => `/api/stories?locale=en&filters[slug][$eq]=${slug}${extra}`;
const titlesOf = (body: { data?: Array<{ title: string }> }) => (body.data ?? []).map((story) => story.title);

const graphql = (query: string, variables?: Record<string, unknown>) =>
  http(strapi).post('/graphql').set('Content-Type', 'application/json').send({ query, variables });

describe('public REST reads', () => {
  it('answers a repeated read from memory: same bytes, a strong ETag, 304 on If-None-Match', async () => {
    const url = '/api/stories?locale=en&fields[0]=title&sort=title:asc';
    const first = await http(strapi).get(url);
    expect(first.status).toBe(200);
    expect(first.headers['x-cache']).toBe('MISS');
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    expect(first.headers['content-type']).toMatch(/^application\/json/);

    const second = await http(strapi).get(url);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);

    const revalidated = await http(strapi).get(url).set('If-None-Match', first.headers.etag);
    expect(revalidated.status).toBe(304);
    expect(revalidated.text ?? '').toBe('');

    const other = await http(strapi).get(url).set('If-None-Match', '"something-else"');
    expect(other.status).toBe(200);
    expect(other.text).toBe(first.text);

    // A hit sends the headers the answer was first sent with (the security headers among
    // them), and the CORS headers of its own request.
    for (const header of ['content-security-policy', 'x-frame-options', 'strict-transport-security', 'x-content-type-options', 'referrer-policy']) {
      expect(first.headers[header]).toBeDefined();
      expect(second.headers[header]).toBe(first.headers[header]);
    }
    // The admin panel's own origin gets itself back with credentials, any other origin `*`
    // without them (CORS_ORIGINS unset): decided per request, not replayed from the first.
    for (const [origin, allowed, credentials] of [
      ['http://cms.test', 'http://cms.test', 'true'],
      ['https://site-b.example', '*', undefined],
    ]) {
      const fromSite = await http(strapi)
        .get(url)
        .set('Origin', origin as string);
      expect(fromSite.headers['x-cache']).toBe('HIT');
      expect(fromSite.headers['access-control-allow-origin']).toBe(allowed);
      expect(fromSite.headers['access-control-allow-credentials']).toBe(credentials);
    }

    const head = await http(strapi).head(url);
    expect(head.status).toBe(200);
    expect(head.headers['x-cache']).toBe('HIT');
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(first.text)));
  });

  it('serves clients that accept Brotli or gzip a copy compressed once, with an ETag of its own', async () => {
    const url = '/api/stories?locale=en&sort=title:desc';
    const base = await listening();
    // The raw bytes on the wire (Node's http client decodes nothing).
    const raw = (encoding: string, etag?: string) =>
      new Promise<{ status: number; headers: nodeHttp.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const headers: Record<string, string> = { 'Accept-Encoding': encoding, ...(etag ? { 'If-None-Match': etag } : {}) };
        nodeHttp
          .get(`${base}${url}`, { headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
    const plain = await raw('identity');
    const identity = { headers: plain.headers, text: plain.body.toString('utf8') };
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(Buffer.byteLength(identity.text)).toBeGreaterThan(1024);
    expect(identity.headers.vary).toMatch(/Accept-Encoding/i);

    for (const [encoding, decode] of [
      ['gzip', zlib.gunzipSync],
      ['br', zlib.brotliDecompressSync],
    ] as const) {
      const compressed = await raw(encoding);
      expect(compressed.headers['content-encoding']).toBe(encoding);
      expect(decode(compressed.body).toString('utf8')).toBe(identity.text);
      expect(compressed.body.length).toBeLessThan(Buffer.byteLength(identity.text));
      // Other bytes, another strong ETag: each validates its own copy only.
      expect(compressed.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(compressed.headers.etag).not.toBe(identity.headers.etag);
      expect((await raw(encoding, compressed.headers.etag)).status).toBe(304);
      expect((await raw(encoding, identity.headers.etag)).status).toBe(200);
      expect((await raw('identity', compressed.headers.etag)).status).toBe(200);
    }
  });

  it('sends a stored answer before the middleware stack with the bytes and headers the stack sends for it', async () => {
    const url = '/api/stories?locale=en&sort=title:asc&fields[0]=title&fields[1]=slug';
    const stats = () => (strapi.plugin('public-cache').service('control') as { stats(): { hits: number; frontDoor: number } }).stats();
    // Headers that belong to one exchange, or that CORS sets for an Origin.
    const comparable = (headers: Record<string, string>) =>
      Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'date' && !name.startsWith('access-control-')));

    const miss = await http(strapi).get(url);
    expect(miss.headers['x-cache']).toBe('MISS');
    for (const variant of [
      (test: request.Test) => test,
      (test: request.Test) => test.set('Accept-Encoding', 'gzip'),
      (test: request.Test) => test.set('Accept-Encoding', 'br'),
      (test: request.Test) => test.set('If-None-Match', miss.headers.etag),
    ]) {
      // With an Origin the stack answers (CORS depends on it); without one the front door.
      const before = stats();
      const viaStack = await variant(http(strapi).get(url).set('Origin', 'https://site-b.example'));
      const afterStack = stats();
      const viaDoor = await variant(http(strapi).get(url));
      const afterDoor = stats();
      expect([afterStack.hits - before.hits, afterStack.frontDoor - before.frontDoor]).toEqual([1, 0]);
      expect([afterDoor.hits - afterStack.hits, afterDoor.frontDoor - afterStack.frontDoor]).toEqual([1, 1]);

      expect(viaDoor.status).toBe(viaStack.status);
      expect(comparable(viaDoor.headers)).toEqual(comparable(viaStack.headers));
      expect(viaDoor.text ?? '').toBe(viaStack.text ?? '');
    }
    // The first answer, built by the whole stack for a request without an Origin (CORS headers
    // included), differs from the door's only by X-Cache.
    const hit = await http(strapi).get(url);
    const { date: _hitDate, ...hitHeaders } = hit.headers;
    const { date: _missDate, ...missHeaders } = miss.headers;
    expect({ ...hitHeaders, 'x-cache': 'MISS' }).toEqual(missHeaders);
    expect(hit.text).toBe(miss.text);

    const head = await http(strapi).head(url);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(miss.text)));
    expect(head.text ?? '').toBe('');

    // Credentials are never answered at the door, stored answer or not.
    const before = stats();
    const withToken = await http(strapi).get(url).set('Authorization', 'Bearer not-a-token');
    expect(withToken.status).toBe(401);
    expect(stats().frontDoor).toBe(before.frontDoor);
  });

  it('keeps a whole answer when a conditional request misses, so that the next conditional readers are answered from memory', async () => {
    const url = '/api/syndication/feeds/stories.json';
    const first = await http(strapi).get(url);
    expect(first.status).toBe(200);
    const etag = first.headers.etag;
    expect(etag).toBeDefined();

    // A write the feed does not show changes the fingerprint: every stored answer is a miss,
    // though the feed's bytes (and ETag) are the same.
    await createEvent(strapi, {
      title: 'Unrelated to the feed',
      slug: 'unrelated-to-the-feed',
      startsAt: '2031-05-01T09:00:00.000Z',
      endsAt: '2031-05-01T17:00:00.000Z',
    });
    const revalidated = await http(strapi).get(url).set('If-None-Match', etag);
    expect([revalidated.status, revalidated.headers['x-cache']]).toEqual([304, 'MISS']);
    expect(revalidated.headers.etag).toBe(etag);
    const again = await http(strapi).get(url).set('If-None-Match', etag);
    expect([again.status, again.headers['x-cache']]).toEqual([304, 'HIT']);
    // The whole answer was kept: a client without the validator gets it from memory.
    const plain = await http(strapi).get(url);
    expect([plain.status, plain.headers['x-cache'], plain.text]).toEqual([200, 'HIT', first.text]);
  });

  it('shows an edit, a publish and an unpublish on the very next request', async () => {
    const documentId = await createStory(strapi, { title: 'Cached first version', slug: 'cached-story', publisher: fprk });
    const url = storyBySlug('cached-story');
    await http(strapi).get(url);
    const warm = await http(strapi).get(url);
    expect(warm.headers['x-cache']).toBe('HIT');
    expect(titlesOf(warm.body)).toEqual(['Cached first version']);

    // An edit saved as a draft changes nothing public: the cached answer stays valid.
    await strapi.documents(STORY).update({ documentId, locale: 'en', data: { title: 'Draft only' } } as never);
    const afterDraft = await http(strapi).get(url);
    expect(titlesOf(afterDraft.body)).toEqual(['Cached first version']);
    expect(afterDraft.headers['x-cache']).toBe('HIT');

    await strapi.documents(STORY).publish({ documentId, locale: 'en' } as never);
    const afterPublish = await http(strapi).get(url);
    expect(afterPublish.headers['x-cache']).toBe('MISS');
    expect(titlesOf(afterPublish.body)).toEqual(['Draft only']);

    await strapi.documents(STORY).unpublish({ documentId, locale: 'en' } as never);
    expect(titlesOf((await http(strapi).get(url)).body)).toEqual([]);
  });

  it('sees a change another process writes to the database within the fingerprint TTL (no event reaches this one)', async () => {
    const documentId = await createStory(strapi, { title: 'Before the other process', slug: 'other-process', publisher: fprk });
    const url = storyBySlug('other-process');
    await http(strapi).get(url);
    expect((await http(strapi).get(url)).headers['x-cache']).toBe('HIT');

    // What another instance leaves in the shared database, written past this process's
    // document service and query engine: raw SQL on the published row.
    const table = strapi.db.metadata.get(STORY).tableName;
    await strapi.db
      .connection(table)
      .where({ document_id: documentId, locale: 'en' })
      .whereNotNull('published_at')
      .update({ title: 'Written by the other process', updated_at: new Date() });

    const after = await askUntil(
      () => http(strapi).get(url),
      (res) => titlesOf(res.body)[0] === 'Written by the other process',
    );
    expect(titlesOf(after.body)).toEqual(['Written by the other process']);
  });

  it('applies a Public role change made in the admin panel to the very next request', async () => {
    const url = '/api/topics?locale=en&fields[0]=slug';
    const jwt = await adminToken(strapi);
    const roles = await http(strapi).get('/users-permissions/roles').set('Authorization', `Bearer ${jwt}`);
    const publicRole = (roles.body.roles as Array<{ id: number; type: string }>).find((role) => role.type === 'public');
    const detail = await http(strapi).get(`/users-permissions/roles/${publicRole?.id}`).set('Authorization', `Bearer ${jwt}`);
    const role = detail.body.role as {
      name: string;
      description: string;
      permissions: Record<string, { controllers: Record<string, Record<string, { enabled: boolean }>> }>;
    };
    const save = (findEnabled: boolean) => {
      role.permissions['api::topic'].controllers.topic.find.enabled = findEnabled;
      return http(strapi)
        .put(`/users-permissions/roles/${publicRole?.id}`)
        .set('Authorization', `Bearer ${jwt}`)
        .send({ name: role.name, description: role.description, permissions: role.permissions });
    };

    await http(strapi).get(url);
    expect((await http(strapi).get(url)).headers['x-cache']).toBe('HIT');
    expect((await save(false)).status).toBe(200);
    const revoked = await http(strapi).get(url);
    expect(revoked.status).toBe(403);
    expect(revoked.headers['x-cache']).toBeUndefined();

    expect((await save(true)).status).toBe(200);
    expect((await http(strapi).get(url)).status).toBe(200);
  });

  it('hides a participant who withdraws consent from every cached answer at once', async () => {
    const url = '/api/events?locale=en&populate[participations][populate][0]=participant';
    const names = (body: { data: Array<{ participations: Array<{ participant: { fullName: string } | null }> }> }) =>
      body.data.flatMap((event) => event.participations.map((participation) => participation.participant?.fullName)).filter(Boolean);
    await http(strapi).get(url);
    const before = await http(strapi).get(url);
    expect(before.headers['x-cache']).toBe('HIT');
    const consenting = names(before.body);
    expect(consenting.length).toBeGreaterThan(0);

    const participant = (await strapi.documents(PARTICIPANT).findFirst({ filters: { fullName: consenting[0] }, fields: ['documentId'] } as never)) as {
      documentId: string;
    };
    await strapi.documents(PARTICIPANT).update({ documentId: participant.documentId, data: { publicConsent: false } } as never);
    try {
      const after = await http(strapi).get(url);
      expect(names(after.body)).not.toContain(consenting[0]);
      expect(after.text).not.toContain(consenting[0]);
    } finally {
      await strapi.documents(PARTICIPANT).update({ documentId: participant.documentId, data: { publicConsent: true } } as never);
    }
  });

  it('neither answers nor stores requests that carry credentials', async () => {
    const token = await createFullAccessToken(strapi);
    const url = '/api/organisations?locale=en&fields[0]=slug&sort=slug:desc';
    const withToken = await http(strapi).get(url).set('Authorization', `Bearer ${token}`);
    expect(withToken.status).toBe(200);
    expect(withToken.headers['x-cache']).toBeUndefined();
    // The token's answer was not stored for the public.
    expect((await http(strapi).get(url)).headers['x-cache']).toBe('MISS');
    // Nor is the public's answer given to the token holder.
    expect((await http(strapi).get(url).set('Authorization', `Bearer ${token}`)).headers['x-cache']).toBeUndefined();
  });

  it('never stores an error', async () => {
    for (const url of ['/api/stories?locale=xx', '/api/stories/no-such-document', '/api/stories?unknown=1']) {
      const first = await http(strapi).get(url);
      const second = await http(strapi).get(url);
      expect(first.status).toBeGreaterThanOrEqual(400);
      expect(second.status).toBe(first.status);
      expect(second.headers['x-cache']).toBeUndefined();
      expect(second.body.error).toEqual(expect.objectContaining({ status: first.status }));
    }
  });

  it('lets concurrent requests for the same missing answer share one computation', async () => {
    await createStory(strapi, { title: 'Invalidates everything', slug: 'invalidates-everything', publisher: fprk });
    const url = '/api/stories?locale=en&populate[0]=publisher&sort=publishedAt:desc';
    const base = await listening();
    const answers = await Promise.all(Array.from({ length: 8 }, () => request(base).get(url)));
    expect(answers.map((res) => res.status)).toEqual(Array(8).fill(200));
    expect(answers.filter((res) => res.headers['x-cache'] === 'MISS')).toHaveLength(1);
    expect(new Set(answers.map((res) => res.text)).size).toBe(1);
  });

  it('while the new answer is computed after a change, concurrent readers get the new one or, marked STALE, the previous one', async () => {
    const documentId = await createStory(strapi, { title: 'Concurrent version 1', slug: 'concurrent-story', publisher: fprk });
    const url = storyBySlug('concurrent-story');
    const base = await listening();
    await request(base).get(url);

    await strapi.documents(STORY).update({ documentId, locale: 'en', data: { title: 'Concurrent version 2' } } as never);
    await strapi.documents(STORY).publish({ documentId, locale: 'en' } as never);
    const answers = await Promise.all(Array.from({ length: 8 }, () => request(base).get(url)));
    const outcomes = answers.map((res) => res.headers['x-cache']);
    expect(outcomes.filter((outcome) => outcome === 'MISS')).toHaveLength(1);
    for (const res of answers) {
      expect(titlesOf(res.body)).toEqual([res.headers['x-cache'] === 'STALE' ? 'Concurrent version 1' : 'Concurrent version 2']);
    }
    // Once computed, everyone gets the new answer.
    const after = await http(strapi).get(url);
    expect(after.headers['x-cache']).toBe('HIT');
    expect(titlesOf(after.body)).toEqual(['Concurrent version 2']);
  });
});

describe('GraphQL queries', () => {
  const STORIES = 'query Stories($locale: I18NLocaleCode) { stories(locale: $locale, sort: "title:asc") { title locale } }';

  it('answers a repeated query from memory, per variables', async () => {
    const first = await graphql(STORIES, { locale: 'en' });
    expect(first.status).toBe(200);
    expect(first.headers['x-cache']).toBe('MISS');
    const second = await graphql(STORIES, { locale: 'en' });
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.text).toBe(first.text);

    const russian = await graphql(STORIES, { locale: 'ru' });
    expect(russian.headers['x-cache']).toBe('MISS');
    const locales = new Set((russian.body.data.stories as Array<{ locale: string }>).map((story) => story.locale));
    expect([...locales]).toEqual(['ru']);
  });

  it('sends a kept answer before the middleware stack with the bytes and headers the stack sends for it', async () => {
    const stats = () => (strapi.plugin('public-cache').service('control') as { stats(): { hits: number; frontDoor: number } }).stats();
    const without = (headers: Record<string, string>) =>
      Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'date' && !name.startsWith('access-control-')));
    const body = JSON.stringify({ query: STORIES, variables: { locale: 'kk' } });
    const post = () => http(strapi).post('/graphql').set('Content-Type', 'application/json').send(body);
    const miss = await post();
    expect(miss.headers['x-cache']).toBe('MISS');
    for (const accept of [undefined, 'application/graphql-response+json']) {
      const withAccept = (test: request.Test) => (accept ? test.set('Accept', accept) : test);
      if (accept) expect((await withAccept(post())).headers['x-cache']).toBe('MISS');
      const before = stats();
      const viaStack = await withAccept(post().set('Origin', 'https://site-b.example'));
      const afterStack = stats();
      const viaDoor = await withAccept(post());
      const afterDoor = stats();
      expect([afterStack.hits - before.hits, afterStack.frontDoor - before.frontDoor]).toEqual([1, 0]);
      expect([afterDoor.hits - afterStack.hits, afterDoor.frontDoor - afterStack.frontDoor]).toEqual([1, 1]);
      expect(viaDoor.status).toBe(200);
      expect(without(viaDoor.headers)).toEqual(without(viaStack.headers));
      expect(viaDoor.text).toBe(viaStack.text);
    }
    const { date: _hitDate, ...hit } = (await post()).headers;
    const { date: _missDate, ...first } = miss.headers;
    expect({ ...hit, 'x-cache': 'MISS' }).toEqual(first);
  });

  it('reads a GraphQL body sent in pieces: a kept answer from memory, any other query passed on whole to Apollo', async () => {
    const base = await listening();
    const { port } = new URL(base);
    // One request over a raw socket, its body in two writes some time apart.
    const inPieces = (text: string) =>
      new Promise<{ status: number; xCache: string | undefined; body: unknown }>((resolve, reject) => {
        const bytes = Buffer.from(text, 'utf8');
        const socket = net.connect(Number(port), '127.0.0.1', () => {
          socket.write(
            `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`,
          );
          socket.write(bytes.subarray(0, 10));
          setTimeout(() => socket.write(bytes.subarray(10)), 50);
        });
        let raw = '';
        socket.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        socket.on('error', reject);
        socket.on('end', () => {
          const [head, ...rest] = raw.split('\r\n\r\n');
          resolve({
            status: Number(head.split(' ')[1]),
            xCache: /^x-cache: (\w+)$/im.exec(head)?.[1],
            body: /transfer-encoding: chunked/i.test(head) ? null : JSON.parse(rest.join('\r\n\r\n')),
          });
        });
      });
    const kept = JSON.stringify({ query: STORIES, variables: { locale: 'en' } });
    const expected = (await graphql(STORIES, { locale: 'en' })).body;
    const fromMemory = await inPieces(kept);
    expect([fromMemory.status, fromMemory.xCache]).toEqual([200, 'HIT']);
    expect(fromMemory.body).toEqual(expected);

    const other = JSON.stringify({ query: 'query { stories(locale: "ru", sort: "title:desc") { title } }' });
    const computed = await inPieces(other);
    expect([computed.status, computed.xCache]).toEqual([200, 'MISS']);
    expect(computed.body).toEqual((await http(strapi).post('/graphql').set('Content-Type', 'application/json').send(other)).body);
  });

  it('follows a publish at once', async () => {
    await graphql(STORIES, { locale: 'en' });
    await createStory(strapi, { title: 'AAA published for GraphQL', slug: 'aaa-graphql', publisher: fprk });
    const after = await graphql(STORIES, { locale: 'en' });
    expect((after.body.data.stories as Array<{ title: string }>).map((story) => story.title)).toContain('AAA published for GraphQL');
  });

  it('never stores an answer with errors, nor a mutation', async () => {
    const refused = '{ stories(status: DRAFT) { title } }';
    for (let i = 0; i < 2; i += 1) {
      const res = await graphql(refused);
      expect(res.body.errors?.length).toBeGreaterThan(0);
      expect(res.headers['x-cache']).toBeUndefined();
    }
    const mutation = 'mutation { createTopic(data: { slug: "x", name: "X" }) { slug } }';
    for (let i = 0; i < 2; i += 1) {
      const res = await graphql(mutation);
      expect(res.body.errors?.length).toBeGreaterThan(0);
      expect(res.headers['x-cache']).toBeUndefined();
    }
  });

  it('lets an embargoed story into syndicationStories when the embargo ends, without an edit', async () => {
    const query = '{ syndicationStories(locale: "en") { title } }';
    const titles = (res: { body: { data: { syndicationStories: Array<{ title: string }> } } }) => res.body.data.syndicationStories.map((item) => item.title);
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    await createStory(strapi, { title: 'GraphQL embargo for an hour', slug: 'graphql-embargo-for-an-hour', embargoUntil: inAnHour, publisher: fprk });
    // An answer that goes stale in an hour (the embargo end) is kept and answered from memory,
    // without the story: a window no machine is slow enough to miss.
    await graphql(query);
    const held = await graphql(query);
    expect(held.headers['x-cache']).toBe('HIT');
    expect(titles(held)).not.toContain('GraphQL embargo for an hour');

    const soon = new Date(Date.now() + 2000).toISOString();
    await createStory(strapi, { title: 'GraphQL embargo ends', slug: 'graphql-embargo-ends', embargoUntil: soon, publisher: fprk });
    // Kept in memory now, most likely before this embargo ends (whether it still is depends on
    // the machine, so nothing is asserted about it: the expiry the resolver gives the response
    // cache is unit-tested on an explicit clock in tests/unit/syndication-embargo.test.ts, the
    // store dropping an entry at its expiry in tests/unit/response-store.test.ts). No edit follows.
    await graphql(query);
    // Once the embargo end has passed on this process's clock (the app's too), the very next
    // answer has the story, however long getting here took.
    await waitFor('the embargo end to pass', () => Date.now() > Date.parse(soon), 30_000);
    const after = await graphql(query);
    expect(titles(after)).toContain('GraphQL embargo ends');
    expect(titles(after)).not.toContain('GraphQL embargo for an hour');
  });
});

describe('answers that change with time alone', () => {
  it('moves an event from the upcoming list (REST and GraphQL) to the past once it ends, without an edit', async () => {
    const hour = 3_600_000;
    const started = new Date(Date.now() - hour).toISOString();
    // Under way for another hour: upcoming, not past, for the whole test on any machine.
    const underWay = await createEvent(strapi, {
      slug: 'under-way-for-an-hour',
      title: 'Under way for an hour',
      startsAt: started,
      endsAt: new Date(Date.now() + hour).toISOString(),
    });
    const endsAt = Date.now() + 2000;
    const ending = await createEvent(strapi, {
      slug: 'ends-in-a-moment',
      title: 'Ends in a moment',
      startsAt: started,
      endsAt: new Date(endsAt).toISOString(),
    });
    const upcomingUrl = '/api/calendar/events?when=upcoming&pagination[pageSize]=100';
    const restTitles = async (url: string) => ((await http(strapi).get(url)).body.data as Array<{ title: string }>).map((event) => event.title);
    const graphqlTitles = async () =>
      ((await graphql('{ calendarEvents(when: upcoming, pageSize: 100) { data { title } } }')).body.data.calendarEvents.data as Array<{ title: string }>).map(
        (event) => event.title,
      );
    const lists = async () => ({
      upcoming: await restTitles(upcomingUrl),
      past: await restTitles('/api/calendar/events?when=past&pagination[pageSize]=100'),
      graphql: await graphqlTitles(),
    });

    // Kept in memory now, most likely while 'Ends in a moment' is still under way (whether it
    // still is depends on the machine, so nothing is asserted about it: when an event leaves
    // upcoming, and the expiry each list gives the response cache, is unit-tested on an explicit
    // clock in tests/unit/calendar-expiry.test.ts). No edit follows.
    await lists();
    // Once the end has passed on this process's clock (the app's too), the very next answers
    // have moved it, however long getting here took.
    await waitFor('the event to end', () => Date.now() > endsAt, 30_000);
    const moved = await lists();
    expect(moved.upcoming).not.toContain('Ends in a moment');
    expect(moved.past).toContain('Ends in a moment');
    expect(moved.graphql).not.toContain('Ends in a moment');
    expect(moved.upcoming).toContain('Under way for an hour');
    expect(moved.past).not.toContain('Under way for an hour');
    expect(moved.graphql).toContain('Under way for an hour');

    // The upcoming list now changes in an hour: kept until then, and answered from memory.
    await http(strapi).get(upcomingUrl);
    expect((await http(strapi).get(upcomingUrl)).headers['x-cache']).toBe('HIT');

    for (const documentId of [underWay, ending]) await strapi.documents(EVENT).delete({ documentId, locale: '*' } as never);
  });
});

describe('GraphQL answers per negotiated Content-Type', () => {
  const QUERY = '{ topics(locale: "en", sort: "slug:asc") { slug } }';
  const ask = (accept?: string) => {
    const req = http(strapi).post('/graphql').set('Content-Type', 'application/json');
    return (accept === undefined ? req : req.set('Accept', accept)).send({ query: QUERY });
  };

  it('gives each client the type Apollo negotiates for its Accept, from memory the second time, with Vary: Accept', async () => {
    const cases: Array<[string | undefined, RegExp]> = [
      ['application/graphql-response+json', /^application\/graphql-response\+json; charset=utf-8$/],
      ['application/json', /^application\/json; charset=utf-8$/],
      ['application/graphql-response+json, application/json;q=0.9', /^application\/graphql-response\+json; charset=utf-8$/],
      [undefined, /^application\/json; charset=utf-8$/],
    ];
    const first = await ask(cases[0][0]);
    expect(first.headers['x-cache']).toBe('MISS');
    for (const [accept, type] of cases) {
      const res = await ask(accept);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(type);
      expect(res.headers.vary).toMatch(/\bAccept\b/);
      expect(res.text).toBe(first.text);
      const again = await ask(accept);
      expect(again.headers['x-cache']).toBe('HIT');
      expect(again.headers['content-type']).toMatch(type);
      expect(again.headers.vary).toMatch(/\bAccept\b/);
    }
  });

  it('stores nothing for an Accept Apollo cannot answer', async () => {
    for (let i = 0; i < 2; i += 1) {
      const res = await ask('text/html');
      expect(res.status).toBe(406);
      expect(res.headers['x-cache']).toBeUndefined();
    }
  });
});

describe('JSON nested thousands of levels deep', () => {
  const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  // GraphQL ignores variables a query does not declare; what walks the body sees them all.
  const body = (levels: number) => `{"query":"{ __typename }","variables":{"v":${deep(levels)}}}`;

  it.each([
    ['a public query', false],
    ['a query with a token (never cached)', true],
  ])('is a 400 BAD_USER_INPUT to /graphql for %s, not a stack overflow', async (_label, token) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${await createFullAccessToken(strapi)}`;
    for (const levels of [5_000, 100_000]) {
      const res = await http(strapi).post('/graphql').set(headers).send(body(levels));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ errors: [{ message: expect.stringMatching(/nested/), extensions: { code: 'BAD_USER_INPUT' } }] });
    }
    // As deep as a real query gets: answered.
    const fine = await http(strapi).post('/graphql').set(headers).send(body(20));
    expect(fine.status).toBe(200);
    expect(fine.body.data).toEqual({ __typename: 'Query' });
  });

  it('is a 400 in variables of a GET query too', async () => {
    // As deep as fits in a request line (16 KiB).
    const res = await http(strapi)
      .get('/graphql')
      .query({ query: '{ __typename }', variables: `{"v":${deep(2_000)}}` })
      .set('Apollo-Require-Preflight', 'true');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('is a 400 in Strapi’s shape for REST filters nested 5,000 deep', async () => {
    const res = await http(strapi).get(`/api/stories?filters${'[a]'.repeat(5_000)}=1`);
    expect(res.status).toBe(400);
    expect(res.body.data).toBeNull();
    expect(res.body.error).toMatchObject({ status: 400, name: expect.any(String), message: expect.any(String) });
    expect(res.headers['x-cache']).toBeUndefined();
  });
});
