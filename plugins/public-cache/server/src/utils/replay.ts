import { notModified } from '@union-comms/kit';
import { compressible, encode, encodedEtag, type Encoding } from './response-encoding';
import type { CachedResponse, ResponseStore } from './response-store';

export type Outcome = 'HIT' | 'STALE' | 'MISS';

/**
 * What replaying a stored answer reads and writes: the slice of Koa's context it uses (a whole
 * `Context` will do), so that the middleware and the front door (front-door.ts) send a stored
 * answer by the same rule.
 */
export type ReplayTarget = {
  readonly method: string;
  /** A request header ('' when absent). */
  get(name: string): string;
  /** The first of `encodings` the request accepts, as Koa's `ctx.acceptsEncodings`. */
  acceptsEncodings(...encodings: string[]): string | false;
  set(name: string, value: string): void;
  /** Adds a field to the answer's Vary. */
  vary(field: string): void;
  response: { get(name: string): string };
  status: number;
  body: unknown;
};

export type ReplayOptions = { key: string; entry: CachedResponse; outcome: Outcome; store: ResponseStore; graphql: boolean };

/**
 * Sends `entry` (stored under `key`) as the answer: its headers, `X-Cache: <outcome>`, the
 * compressed copy the request accepts (compressing the entry once, off the main thread, for
 * the first client that asks: only then is the answer sent later, when the promise settles),
 * and a 304 when the request's validators match.
 */
export const replay = (target: ReplayTarget, options: ReplayOptions): Promise<void> | undefined => {
  const { key, entry, store } = options;
  const compressed = compressible(entry);
  const wanted = compressed ? target.acceptsEncodings('br', 'gzip', 'identity') : 'identity';
  const encoding = wanted === 'br' || wanted === 'gzip' ? wanted : null;
  // The first client that asks waits for the copies (off the main thread), the others find
  // them ready.
  if (encoding && !entry.encoded) return encode(entry, () => store.resize(key, entry)).then(() => send(target, options, compressed, encoding));
  send(target, options, compressed, encoding);
  return undefined;
};

const send = (target: ReplayTarget, { entry, outcome, graphql }: ReplayOptions, compressed: boolean, wanted: Encoding | null): void => {
  // Identity when compressing failed.
  const copy = wanted && entry.encoded ? { encoding: wanted, body: entry.encoded[wanted] } : null;
  target.status = 200;
  for (const [name, value] of Object.entries(entry.headers)) target.set(name, value);
  target.set('X-Cache', outcome);
  if (graphql) target.vary('Accept');
  if (compressed) target.vary('Accept-Encoding');
  if (copy) {
    target.set('Content-Encoding', copy.encoding);
    if (entry.headers.etag) target.set('ETag', encodedEtag(entry.headers.etag, copy.encoding));
  }
  // If-None-Match (else If-Modified-Since) against the validators just set, whatever
  // Cache-Control the request carries (@union-comms/kit, notModified).
  if (notModified(target)) {
    target.status = 304;
    target.body = null;
    return;
  }
  target.body = copy ? copy.body : entry.body;
};
