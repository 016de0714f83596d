import type { IncomingMessage, Server, ServerResponse } from 'http';
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
  /** The fingerprint if known without waiting (utils/fingerprint-memo, `fresh`). */
  fingerprint(): string | undefined;
  store: ResponseStore;
  counters: { hits: number; frontDoor: number };
  /**
   * The headers the middlewares around the cache set on a content-API read without an Origin:
   * `before` it answers (Vary: Origin) and `after` (X-Powered-By), recorded by the cache
   * middleware from such a request (response-cache.ts); undefined until one has been
   * answered, and the door stays shut until then.
   */
  headersAround(): Readonly<{ before: Record<string, string>; after: Record<string, string> }> | undefined;
  /** Strapi's access log line (strapi::logger's): `GET /api/... (0 ms) 200`. */
  log(line: string): void;
};

/** A request header as Koa's `ctx.get` reads it ('' when absent). */
const header = (req: IncomingMessage, name: string): string => {
  const value = req.headers[name.toLowerCase()];
  if (Array.isArray(value)) return value.join(', ');
  return value ?? '';
};

/** The stored answer `req` may be given as it is, or undefined (Koa handles the request). */
const storedAnswer = (req: IncomingMessage, state: FrontDoorState): { key: string; entry: CachedResponse } | undefined => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  const url = req.url ?? '';
  if (!url.startsWith(state.prefix)) return undefined;
  // Credentials are the middleware's and Strapi's to judge; an Origin gets CORS headers that
  // depend on it (src/middlewares/cors.ts), which only the stack sets.
  if (header(req, 'authorization') !== '' || header(req, 'origin') !== '') return undefined;
  if (!state.enabled()) return undefined;
  const fingerprint = state.fingerprint();
  if (state.headersAround() === undefined || fingerprint === undefined) return undefined;
  const key = `GET ${url}`;
  const entry = state.store.get(key, fingerprint, Date.now());
  return entry ? { key, entry } : undefined;
};

/** A ReplayTarget over Node's request and response; `send` writes what the replay set, as Koa would. */
const rawTarget = (req: IncomingMessage, res: ServerResponse, around: { before: Record<string, string>; after: Record<string, string> }) => {
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
      if (target.status === 304 || body === null) {
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
 * The response cache's front door: a public REST read that the cache holds under the current
 * fingerprint is answered at the HTTP server, before Koa's middleware stack, with the same
 * bytes and headers the cache middleware would send (the same `replay`). Everything else (a
 * miss, a stale answer, credentials, an Origin, the fingerprint being read) goes to Koa as
 * before, where the middleware decides as always.
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
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const stored = storedAnswer(req, state);
    if (!stored) {
      for (const handler of handlers) handler.call(server, req, res);
      return;
    }
    state.counters.hits += 1;
    state.counters.frontDoor += 1;
    const started = Date.now();
    const target = rawTarget(req, res, state.headersAround() ?? { before: {}, after: {} });
    const done = () => {
      target.send();
      state.log(`${target.method} ${req.url} (${Math.ceil(Date.now() - started)} ms) ${target.status}`);
    };
    const later = replay(target, { ...stored, outcome: 'HIT', store: state.store, graphql: false });
    if (!later) return done();
    later.then(done, (error: unknown) => {
      // replay does not fail (a failed compression sends identity); should it, the client
      // gets a bare 500 rather than a hung socket.
      res.statusCode = 500;
      res.end();
      state.log(`${target.method} ${req.url} failed: ${String(error)}`);
    });
  });
};
