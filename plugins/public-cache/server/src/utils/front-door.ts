import { isUtf8 } from 'buffer';
import { createHash } from 'crypto';
import type { IncomingMessage, Server, ServerResponse } from 'http';
import { keptOnNotModified, negotiatedGraphqlType } from '@union-comms/kit';
import accepts from 'accepts';
import varyHeader from 'vary';
import type { CachedResponse } from './response-store';
import { replay, type ReplayTarget } from './replay';
import type { ResponseStore } from './response-store';

/** What the front door needs of the response cache; all of it kept by the middleware's side. */
export type FrontDoorState = {
  enabled(): boolean;
  /** The REST prefix with its slash (`/api/`). */
  prefix: string;
  /** The GraphQL endpoint (`/graphql`), or null without the graphql plugin. */
  graphqlEndpoint: string | null;
  /** The fingerprint if known without waiting (utils/fingerprint-memo, `fresh`). */
  fingerprint(): string | undefined;
  store: ResponseStore;
  counters: { hits: number; frontDoor: number };
  /**
   * The headers the middlewares around the cache set on a REST read or a GraphQL query without
   * an Origin: `before` it answers (Vary: Origin) and `after` (X-Powered-By), recorded by the
   * cache middleware from such a request (response-cache.ts); undefined until one has been
   * answered, and the door stays shut to that kind until then.
   */
  headersAround(kind: RequestKind): HeadersAround | undefined;
  /** Strapi's access log line (strapi::logger's): `GET /api/... (0 ms) 200`. */
  log(line: string): void;
};

export type RequestKind = 'rest' | 'graphql';
export type HeadersAround = Readonly<{ before: Record<string, string>; after: Record<string, string> }>;

/** GraphQL bodies the door reads (larger ones go to Koa unread); real queries are a few KB. */
const MAX_GRAPHQL_BODY_BYTES = 64 * 1024;

/** The GraphQL answer key of the cache middleware (response-cache.ts, `cacheableOf`) for this text. */
export const graphqlKey = (path: string, graphqlType: string, text: string): string =>
  `POST ${path} ${graphqlType} ${createHash('sha1').update(text).digest('base64url')}`;

/** A request header as Koa's `ctx.get` reads it ('' when absent). */
const header = (req: IncomingMessage, name: string): string => {
  const value = req.headers[name.toLowerCase()];
  if (Array.isArray(value)) return value.join(', ');
  return value ?? '';
};

type Stored = { key: string; entry: CachedResponse };

/**
 * Which kind of public read `req` may be that the door can answer, with the headers recorded
 * around the cache for that kind, or null (Koa handles it).
 */
const doorKind = (req: IncomingMessage, state: FrontDoorState): { kind: RequestKind; around: HeadersAround } | null => {
  const url = req.url ?? '';
  let kind: RequestKind;
  if ((req.method === 'GET' || req.method === 'HEAD') && url.startsWith(state.prefix)) kind = 'rest';
  else if (req.method === 'POST' && state.graphqlEndpoint !== null && url === state.graphqlEndpoint && isPlainJson(req)) kind = 'graphql';
  else return null;
  // Credentials are the middleware's and Strapi's to judge; an Origin gets CORS headers that
  // depend on it (src/middlewares/cors.ts), which only the stack sets.
  if (header(req, 'authorization') !== '' || header(req, 'origin') !== '' || !state.enabled()) return null;
  const around = state.headersAround(kind);
  return around ? { kind, around } : null;
};

/**
 * A JSON body of a known, small length in UTF-8: what the door may read and key exactly as the
 * middleware does (koa-bodyparser decodes the declared charset; any other goes to Koa).
 */
const isPlainJson = (req: IncomingMessage): boolean => {
  const [type, ...parameters] = header(req, 'content-type').toLowerCase().split(';');
  if (type.trim() !== 'application/json') return false;
  const charset = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith('charset='));
  if (charset !== undefined && charset.replace(/^charset="?|"$/g, '') !== 'utf-8') return false;
  const length = Number(header(req, 'content-length'));
  return header(req, 'transfer-encoding') === '' && Number.isInteger(length) && length > 0 && length <= MAX_GRAPHQL_BODY_BYTES;
};

const storedRest = (req: IncomingMessage, state: FrontDoorState): Stored | undefined => {
  const fingerprint = state.fingerprint();
  if (fingerprint === undefined) return undefined;
  const key = `GET ${req.url ?? ''}`;
  const entry = state.store.get(key, fingerprint, Date.now());
  return entry ? { key, entry } : undefined;
};

/** The answer kept for this GraphQL body, if any (the body as sent, in UTF-8, is the key). */
const storedGraphql = (req: IncomingMessage, body: Buffer, state: FrontDoorState): Stored | undefined => {
  const fingerprint = state.fingerprint();
  const graphqlType = negotiatedGraphqlType(header(req, 'accept'));
  if (fingerprint === undefined || graphqlType === null || !isUtf8(body)) return undefined;
  const key = graphqlKey(state.graphqlEndpoint ?? '', graphqlType, body.toString('utf8'));
  const entry = state.store.get(key, fingerprint, Date.now());
  return entry ? { key, entry } : undefined;
};

/**
 * Reads the body of `req` (its Content-Length, see isPlainJson) without ending the stream, and
 * calls `then` with it in the tick the last bytes were read, or with null if the request
 * failed or ended short. `then` either answers, or puts the body back (`req.unshift`, possible
 * until the stream's end is emitted, which cannot happen before the next tick) for Koa to read.
 */
const readBody = (req: IncomingMessage, then: (body: Buffer | null) => void): void => {
  const length = Number(header(req, 'content-length'));
  const chunks: Buffer[] = [];
  let size = 0;
  const finish = (body: Buffer | null) => {
    req.off('readable', onReadable);
    req.off('end', onShort);
    req.off('error', onShort);
    then(body);
  };
  const onReadable = () => {
    let chunk: Buffer | null;
    while (size < length && (chunk = req.read() as Buffer | null) !== null) {
      chunks.push(chunk);
      size += chunk.length;
    }
    if (size >= length) finish(Buffer.concat(chunks));
  };
  const onShort = () => finish(null);
  req.on('readable', onReadable);
  req.on('end', onShort);
  req.on('error', onShort);
};

/** A ReplayTarget over Node's request and response; `send` writes what the replay set, as Koa would. */
const rawTarget = (req: IncomingMessage, res: ServerResponse, around: HeadersAround) => {
  // A Map: a plain object that gains twenty header names one by one costs V8 about 13 µs per
  // answer here, a Map 2 µs.
  const headers = new Map<string, string>(Object.entries(around.before));
  const target: ReplayTarget & { send(): void } = {
    method: req.method ?? 'GET',
    get: (name) => header(req, name),
    acceptsEncodings: (...encodings) => accepts(req).encodings(...encodings),
    set: (name, value) => {
      headers.set(name.toLowerCase(), value);
    },
    vary: (field) => {
      headers.set('vary', varyHeader.append(headers.get('vary') ?? '', field));
    },
    response: { get: (name) => headers.get(name.toLowerCase()) ?? '' },
    status: 200,
    body: null,
    send() {
      for (const [name, value] of Object.entries(around.after)) headers.set(name, value);
      res.statusCode = target.status;
      const body = Buffer.isBuffer(target.body) ? target.body : null;
      if (target.status === 304) {
        // The app's rule for a 304 (src/middlewares/not-modified.ts does it for Koa's answers).
        for (const name of headers.keys()) if (!keptOnNotModified(name)) headers.delete(name);
      } else if (body === null) {
        // Koa's rule for an empty answer: no Content-Type or length.
        headers.delete('content-type');
        headers.delete('content-length');
        headers.delete('transfer-encoding');
      } else {
        headers.set('content-length', String(body.length));
      }
      for (const [name, value] of headers) res.setHeader(name, value);
      if (body === null || target.method === 'HEAD') res.end();
      else res.end(body);
    },
  };
  return target;
};

/**
 * The response cache's front door: a public REST read or GraphQL query that the cache holds
 * under the current fingerprint is answered at the HTTP server, before Koa's middleware stack,
 * with the same bytes and headers the cache middleware would send (the same `replay`). A
 * GraphQL body is read first (UTF-8 JSON of a declared length up to 64 KiB) and, when no
 * answer is kept for it, handed back to the stream unread. Everything else (a miss, a stale
 * answer, credentials, an Origin, the fingerprint being read) goes to Koa as before, where the
 * middleware decides as always.
 *
 * Only answers the middleware stored are ever sent, and it stores only what the stack built
 * for a request without credentials (response-cache.ts, `capture`): the door changes how
 * fast a stored answer is sent, never what may be sent to whom. The middlewares a hit used to
 * pass on the way were the access log (the door writes the same line), the error handler
 * (nothing to catch) and CORS and X-Powered-By, whose headers for a request without an Origin
 * are recorded once and sent again (`headersAround`).
 */
export const installFrontDoor = (server: Server, state: FrontDoorState): void => {
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  const toKoa = (req: IncomingMessage, res: ServerResponse) => {
    for (const handler of handlers) handler.call(server, req, res);
  };

  const answer = (req: IncomingMessage, res: ServerResponse, { kind, around }: { kind: RequestKind; around: HeadersAround }, stored: Stored) => {
    state.counters.hits += 1;
    state.counters.frontDoor += 1;
    const started = Date.now();
    const target = rawTarget(req, res, around);
    const done = () => {
      target.send();
      state.log(`${target.method} ${req.url} (${Math.ceil(Date.now() - started)} ms) ${target.status}`);
    };
    const later = replay(target, { ...stored, outcome: 'HIT', store: state.store, graphql: kind === 'graphql' });
    if (!later) return done();
    later.then(done, (error: unknown) => {
      // replay does not fail (a failed compression sends identity); should it, the client
      // gets a bare 500 rather than a hung socket.
      res.statusCode = 500;
      res.end();
      state.log(`${target.method} ${req.url} failed: ${String(error)}`);
    });
  };

  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const door = doorKind(req, state);
    if (door === null) return toKoa(req, res);
    if (door.kind === 'rest') {
      const stored = storedRest(req, state);
      return stored ? answer(req, res, door, stored) : toKoa(req, res);
    }
    readBody(req, (body) => {
      const stored = body ? storedGraphql(req, body, state) : undefined;
      if (stored) return answer(req, res, door, stored);
      // Not kept: the body goes back, unread, for Koa's parsers (in this tick, before the
      // stream can emit its end).
      if (body) req.unshift(body);
      toKoa(req, res);
    });
  });
};
