import { createHash } from 'crypto';
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import zlib from 'zlib';
import type { Core } from '@strapi/strapi';
import { http as client } from './strapi';
import { ADMIN } from './syndication-push';

/** Settings of the feed tests: the feed server on loopback is allowed (the only SSRF exception), polls and retries come fast. */
export const FEED_TEST_ENV = {
  SYNDICATION_PUSH_ALLOWED_ADDRESSES: '127.0.0.1,::1',
  SYNDICATION_PUSH_ALLOW_HTTP: 'true',
  SYNDICATION_PUSH_POLL_INTERVAL: '100ms',
  SYNDICATION_FEEDS_TIMEOUT: '3s',
  SYNDICATION_FEEDS_RETRY_SCHEDULE: '100ms',
  SYNDICATION_FEEDS_JITTER: '0',
};

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'feeds');
export const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

/** What the feed server answers for a path: a document (with ETag/Last-Modified and 304s), or a raw answer. */
export type Served =
  | { body: string; contentType: string; cacheControl?: string; gzip?: boolean; delayMs?: number }
  | { status: number; headers?: Record<string, string>; body?: string };

export interface SeenRequest {
  path: string;
  at: number;
  headers: http.IncomingHttpHeaders;
  /** What was answered. */
  status: number;
}

export interface FeedServer {
  origin: string;
  /** The answer of each path; change it to change the feed. */
  routes: Map<string, Served>;
  requests: SeenRequest[];
  requestsFor(path: string): SeenRequest[];
  close(): Promise<void>;
}

const etagOf = (body: string): string => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/**
 * A partner's web server on 127.0.0.1 serving feeds as a real one does: a strong ETag and a
 * Last-Modified per document, 304 for a matching If-None-Match (or If-Modified-Since).
 */
export const startFeedServer = async (): Promise<FeedServer> => {
  const routes = new Map<string, Served>();
  const requests: SeenRequest[] = [];
  const modified = new Map<string, { etag: string; lastModified: string }>();
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const served = routes.get(url.pathname);
    const arrivedAt = Date.now();
    const record = (status: number) => requests.push({ path: url.pathname, at: arrivedAt, headers: request.headers, status });
    if (served && 'body' in served && 'contentType' in served && served.delayMs) {
      // A slow server: the answer comes `delayMs` after the request.
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!response.destroyed) answer(served);
      }, served.delayMs);
      timers.add(timer);
    } else answer(served);

    function answer(served: Served | undefined): void {
      if (!served) {
        record(404);
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      if ('status' in served) {
        record(served.status);
        response.writeHead(served.status, { 'content-type': 'text/plain', ...served.headers }).end(served.body ?? '');
        return;
      }
      const etag = etagOf(served.body);
      let validators = modified.get(url.pathname);
      if (!validators || validators.etag !== etag) {
        // Whole seconds, as HTTP dates are; a change moves it forward.
        const second = Math.max(Math.floor(Date.now() / 1000) * 1000, validators ? Date.parse(validators.lastModified) + 1000 : 0);
        validators = { etag, lastModified: new Date(second).toUTCString() };
        modified.set(url.pathname, validators);
      }
      const headers = { etag: validators.etag, 'last-modified': validators.lastModified, ...(served.cacheControl && { 'cache-control': served.cacheControl }) };
      const inm = request.headers['if-none-match'];
      const ims = request.headers['if-modified-since'];
      if (
        (inm !== undefined && inm === validators.etag) ||
        (inm === undefined && ims !== undefined && Date.parse(ims) >= Date.parse(validators.lastModified))
      ) {
        record(304);
        response.writeHead(304, headers).end();
        return;
      }
      record(200);
      if (served.gzip) {
        response.writeHead(200, { 'content-type': served.contentType, 'content-encoding': 'gzip', ...headers }).end(zlib.gzipSync(served.body));
        return;
      }
      response.writeHead(200, { 'content-type': served.contentType, 'content-length': String(Buffer.byteLength(served.body)), ...headers }).end(served.body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    routes,
    requests,
    requestsFor: (wanted) => requests.filter((seen) => seen.path === wanted),
    close: async () => {
      timers.forEach((timer) => clearTimeout(timer));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

/** Registers an inbound-only partner polling `feedUrl` every second, through the admin API. */
export const createFeedPartner = async (
  strapi: Core.Strapi,
  token: string,
  name: string,
  feedUrl: string,
  inbound: Record<string, unknown> = {},
): Promise<number> => {
  const res = await client(strapi)
    .post(`${ADMIN}/partners`)
    .set('Authorization', `Bearer ${token}`)
    .send({ name, inbound: { enabled: true, feedUrl, pollInterval: '1s', ...inbound } });
  if (res.status !== 201) throw new Error(`partner not created: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { data: { id: number } }).data.id;
};

export interface ReceivedView {
  externalId: string;
  title: string | null;
  locales: string[];
  skippedLocales: string[];
  unknownTopics: string[];
  outcome: string;
  reason: string | null;
  storyDocumentId: string | null;
}

/** The partner's received log, newest first (`GET /syndication/partners/:id/received`). */
export const receivedLog = async (strapi: Core.Strapi, token: string, partnerId: number): Promise<ReceivedView[]> => {
  const res = await client(strapi).get(`${ADMIN}/partners/${partnerId}/received?limit=100`).set('Authorization', `Bearer ${token}`);
  if (res.status !== 200) throw new Error(`received: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { data: ReceivedView[] }).data;
};

/** The poller's state of a partner's feed (last answer and error). */
export const feedStateOf = async (strapi: Core.Strapi, partnerId: number) =>
  (await strapi.db.query('plugin::syndication.feed-state').findOne({ where: { partnerId } })) as {
    lastStatusCode: number | null;
    lastError: string | null;
    failureCount: number | null;
    etag: string | null;
  } | null;

/** A story's draft rows (every locale), with its attribution. */
export const storyRows = async (strapi: Core.Strapi, documentId: string) =>
  (await strapi.db.query('api::story.story').findMany({
    where: { documentId, publishedAt: { $null: true } },
    populate: { source: true, topics: { select: ['slug'] } },
    orderBy: { locale: 'asc' },
  })) as Array<{
    locale: string;
    title: string;
    slug: string;
    lead: string | null;
    body: string | null;
    canonicalUrl: string | null;
    licence: string | null;
    source: { name: string | null; url: string | null; externalId: string | null } | null;
    topics: Array<{ slug: string }>;
  }>;
