import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { negotiatedGraphqlType, notModified, restPrefix } from '@union-comms/kit';
import bodyParser from 'koa-bodyparser';
import type { Context, Next } from 'koa';
import type { ControlService } from '../services/control';
import type { FingerprintService } from '../services/fingerprint';
import type { HintsService } from '../services/hints';
import { graphqlKey, installFrontDoor, type HeadersAround, type RequestKind } from '../utils/front-door';
import { replay, type Outcome } from '../utils/replay';
import type { CachedResponse } from '../utils/response-store';
import { pluginConfig } from '../config';

/**
 * Headers a hit sets itself, or that belong to one exchange: never replayed from a stored
 * answer. Everything else that the middlewares after this one and the action set (content
 * type, validators, Cache-Control, the security headers) is kept and sent again on a hit.
 */
const NOT_REPLAYED = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'date', 'x-cache', 'vary', 'set-cookie']);

/** Core REST reads: find and findOne of the app's types and of uploaded files. */
const isCoreRead = (route: Route | undefined): boolean => {
  if (route?.info?.type !== 'content-api' || typeof route.handler !== 'string') return false;
  if (route.info.pluginName === 'upload') return /^content-api\.(?:find|findOne)$/.test(route.handler);
  return /^api::[\w-]+\.[\w-]+\.(?:find|findOne)$/.test(route.handler);
};

/** What the cache knows of a request it may answer. */
type Cacheable = {
  key: string;
  /** GraphQL: the Content-Type Apollo answers this request's Accept with (part of the key). */
  graphqlType?: string;
};

type Route = { handler?: unknown; info?: { type?: string; pluginName?: string }; config?: { publicCache?: unknown } };

const asBuffer = (body: unknown): Buffer | null => {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body === null || body === undefined || typeof body !== 'object') return null;
  // Streams are passed through, never buffered.
  if (typeof (body as { pipe?: unknown }).pipe === 'function') return null;
  // What Koa would send for an object body.
  return Buffer.from(JSON.stringify(body), 'utf8');
};

const strongEtag = (body: Buffer): string => `"${createHash('sha1').update(body).digest('base64url')}"`;

/**
 * A per-process cache of public content-API responses: REST reads (`GET /api/...`) and GraphQL
 * queries (`POST /graphql`), for requests without credentials.
 *
 * - Every entry is stored with the content fingerprint it was built under (services/fingerprint:
 *   one aggregate over every table a public response can show: published rows of the app's
 *   types, files, locales, the Public role's permissions, and what plugins register). A write
 *   through this process forgets the fingerprint at once; another process's write (instances
 *   sharing the database) is seen within `fingerprintTtlMs`. A hit therefore never serves content
 *   older than this process's own writes, nor older than the TTL for anyone else's (STALE
 *   answers, below, are at most `staleWhileRevalidateMs` behind a change).
 * - Only what is known to be the same for every public client is stored: a 200 without
 *   cookies, from a core find/findOne, a route whose config says `publicCache: true`, or a
 *   GraphQL query without errors, before the expiry its code declared (services/hints).
 * - A hit skips routing, authentication, the security middleware and the database, and sends
 *   the headers they set for the answer it repeats.
 * - Stored REST responses get a strong ETag (if they had none) and answer If-None-Match (else
 *   If-Modified-Since) with 304, whatever Cache-Control the request carries
 *   (@union-comms/kit's `notModified`: `fetch()` sends `no-cache` with every conditional request).
 * - GraphQL answers are kept per request body as sent and per Content-Type Apollo negotiates
 *   from Accept (`Vary: Accept`).
 * - Text of 1 KiB or more is compressed once (off the main thread) when a client first accepts
 *   Brotli or gzip, and served compressed to every such client, with an ETag of its own.
 * - Concurrent misses of one request share one computation; while it runs, requests for the
 *   same answer get the previous one if the change that outdated it is at most
 *   `staleWhileRevalidateMs` old (`X-Cache: STALE`), instead of queueing behind it.
 * - `X-Cache: HIT`, `STALE` or `MISS` on every request it answers from, or stores in, memory.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const plugin = strapi.plugin('public-cache');
  const control = plugin.service('control') as ControlService;
  const fingerprints = plugin.service('fingerprint') as FingerprintService;
  const hints = plugin.service('hints') as HintsService;
  const { store, counters } = control;
  const staleWindowMs = pluginConfig(strapi).responses.staleWhileRevalidateMs;
  const prefix = `${restPrefix(strapi)}/`;
  const graphqlEndpoint = strapi.plugin('graphql') ? (strapi.plugin('graphql').config('endpoint') as string) : null;

  // Strapi's body parser leaves GraphQL requests to the GraphQL route, which parses them with
  // koa-bodyparser's defaults; the same parser reads them here (the route then skips parsing).
  const parseGraphqlBody = bodyParser();
  const isGraphql = (ctx: Context): boolean => graphqlEndpoint !== null && ctx.path === graphqlEndpoint;

  /** What the cache may answer this request with, or null (passed through untouched). */
  const cacheableOf = async (ctx: Context): Promise<Cacheable | null> => {
    if (!control.enabled() || ctx.get('authorization')) return null;
    if ((ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.path.startsWith(prefix)) return { key: `GET ${ctx.url}` };
    if (ctx.method === 'POST' && isGraphql(ctx) && ctx.is('application/json')) {
      if (ctx.request.body === undefined) await parseGraphqlBody(ctx, async () => undefined);
      const body = ctx.request.body as { query?: unknown } | undefined;
      // The text as sent is the key: no re-serialising of a parsed (possibly huge) document.
      const text = ctx.request.rawBody;
      if (!body || typeof body.query !== 'string' || typeof text !== 'string') return null;
      // The key space stays small: every Accept maps to one of Apollo's few answer types.
      const graphqlType = negotiatedGraphqlType(ctx.get('accept'));
      if (graphqlType === null) return null;
      return { key: graphqlKey(ctx.path, graphqlType, text), graphqlType };
    }
    return null;
  };

  /** The response just built, if it may be served to every public client; null otherwise. */
  const capture = (ctx: Context, request: Cacheable, builtUnder: string, setBefore: Set<string>): CachedResponse | null => {
    if (ctx.status !== 200 || ctx.state.user) return null;
    const auth = ctx.state.auth as { credentials?: unknown } | undefined;
    if (auth?.credentials) return null;
    const hint = hints.read(ctx.state);
    const route = ctx.state.route as Route | undefined;
    if (!(isCoreRead(route) || route?.config?.publicCache === true || hint?.allowed) || hint?.refused) return null;
    if (ctx.response.headers['set-cookie'] !== undefined) return null;
    // A REST action that forbids HTTP caches to keep its answer is not kept either. (Apollo marks
    // every GraphQL answer `no-store` for HTTP caches, having no cache hints; its own rules are above.)
    const cacheControl = String(ctx.response.headers['cache-control'] ?? '');
    if (ctx.method !== 'POST' && /no-store|private/i.test(cacheControl)) return null;
    // Kept under the Content-Type it was negotiated for, and only if Apollo chose that one.
    if (request.graphqlType !== undefined && ctx.response.headers['content-type'] !== request.graphqlType) return null;
    const expiresAt = hint?.expiresAt ?? null;
    if (expiresAt !== null && expiresAt <= Date.now()) return null;
    const body = asBuffer(ctx.body);
    if (!body) return null;

    // The headers the rest of the stack set for this answer (those set before this middleware,
    // such as CORS, are set again for each request).
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(ctx.response.headers)) {
      if (value !== undefined && !setBefore.has(name) && !NOT_REPLAYED.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    if (ctx.method !== 'POST' && !headers.etag) headers.etag = strongEtag(body);
    return { body, headers, fingerprint: builtUnder, expiresAt };
  };

  /** The answer kept for `key` under an outdated `fingerprint`, if it was outdated (at `since`) recently enough to serve. */
  const staleAnswer = (key: string, fingerprint: string, since: number, now: number): CachedResponse | undefined =>
    now - since < staleWindowMs ? store.get(key, fingerprint, now) : undefined;

  const serve = (ctx: Context, key: string, entry: CachedResponse, outcome: Outcome) => replay(ctx, { key, entry, outcome, store, graphql: isGraphql(ctx) });

  /** The cache's own work for a request it may answer. */
  const answer = async (ctx: Context, request: Cacheable, next: Next) => {
    const { key } = request;
    const fingerprint = fingerprints.memo();
    // A write has just made the fingerprint unknown and another request is reading it again:
    // rather than queue behind that read, take the answer from before the write if the write
    // is recent. (With no read under way this request reads, and sees the write.)
    const last = fingerprint.lastRead();
    const early = last?.reading && last.writtenAt !== undefined ? staleAnswer(key, last.fingerprint, last.writtenAt, Date.now()) : undefined;
    if (early) {
      counters.stale += 1;
      return serve(ctx, key, early, 'STALE');
    }
    const current = await fingerprint.current();
    const now = Date.now();

    const hit = store.get(key, current, now);
    if (hit) {
      counters.hits += 1;
      return serve(ctx, key, hit, 'HIT');
    }
    const running = store.pending(key, current);
    if (running) {
      // Another request is computing the answer a change made stale: rather than queue behind
      // it, take the previous answer if the change is recent (the first request after a change
      // always waits for the new answer, so a reader who follows a write sees it).
      const previous = fingerprint.previous();
      const stale = previous ? staleAnswer(key, previous.fingerprint, previous.until, now) : undefined;
      if (stale) {
        counters.stale += 1;
        return serve(ctx, key, stale, 'STALE');
      }
      const shared = await running;
      if (shared) {
        counters.hits += 1;
        return serve(ctx, key, shared, 'HIT');
      }
      // The other computation had nothing to share (an error, a 404): compute our own.
    }

    counters.misses += 1;
    const finish = store.begin(key, current);
    let entry: CachedResponse | null = null;
    // The stack builds the whole answer, whatever validators this client holds: a route that
    // answers conditional requests itself (feeds, calendars) would otherwise answer a 304, which
    // is not kept, and every conditional reader would miss until an unconditional one came.
    // The validators are checked below, against what is sent.
    const conditions = withoutConditions(ctx);
    try {
      const setBefore = new Set(Object.keys(ctx.response.headers));
      await next();
      entry = capture(ctx, request, current, setBefore);
      if (entry) {
        store.set(key, entry);
        counters.stored += 1;
      }
    } finally {
      conditions.restore();
      finish(entry);
    }
    if (entry) await serve(ctx, key, entry, 'MISS');
    else if (conditions.had && notModified(ctx)) {
      ctx.status = 304;
      ctx.body = null;
    }
  };

  // Public REST reads and GraphQL queries the cache holds are answered before Koa
  // (utils/front-door.ts), with the headers the middlewares around this one set on such a
  // request without an Origin, recorded here.
  const around: Partial<Record<RequestKind, HeadersAround>> = {};
  const recording = new Set<RequestKind>();
  installFrontDoor(strapi.server.httpServer, {
    enabled: control.enabled,
    prefix,
    graphqlEndpoint,
    fingerprint: () => fingerprints.memo().fresh(),
    store,
    counters,
    headersAround: (kind) => around[kind],
    log: (line) => strapi.log.http(line),
  });

  return async (ctx: Context, next: Next) => {
    const request = await cacheableOf(ctx);
    if (request === null) return next();
    const kind: RequestKind = request.graphqlType === undefined ? 'rest' : 'graphql';
    const record = around[kind] === undefined && !recording.has(kind) && ctx.get('origin') === '' && (kind === 'graphql' || ctx.method === 'GET');
    if (!record) return answer(ctx, request, next);
    // What the middlewares before this one set, and (once the answer is sent) what those
    // around it added or changed after it had answered (X-Powered-By).
    recording.add(kind);
    const before = headerValues(ctx.response.headers);
    try {
      await answer(ctx, request, next);
    } catch (error) {
      recording.delete(kind);
      throw error;
    }
    const answered = headerValues(ctx.response.headers);
    ctx.res.once('close', () => {
      recording.delete(kind);
      if (!ctx.res.writableFinished || around[kind] !== undefined || ctx.status !== 200) return;
      const sent = headerValues(ctx.res.getHeaders());
      const after = Object.fromEntries(Object.entries(sent).filter(([name, value]) => answered[name] !== value && !EXCHANGE_HEADERS.has(name)));
      around[kind] = { before, after };
    });
  };
};

/** Headers no recording of the headers around the cache keeps: those of one exchange, and the validator. */
const EXCHANGE_HEADERS = new Set([...NOT_REPLAYED, 'keep-alive', 'etag']);

const headerValues = (headers: Record<string, unknown>): Record<string, string> => {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) values[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return values;
};

const CONDITIONS = ['if-none-match', 'if-modified-since'] as const;

/** Takes the request's validators away until `restore()`; `had`: whether there were any. */
const withoutConditions = (ctx: Context): { had: boolean; restore(): void } => {
  const { headers } = ctx.req;
  const saved = CONDITIONS.map((name) => [name, headers[name]] as const).filter(([, value]) => value !== undefined);
  for (const [name] of saved) delete headers[name];
  return {
    had: saved.length > 0,
    restore() {
      for (const [name, value] of saved) headers[name] = value;
    },
  };
};
