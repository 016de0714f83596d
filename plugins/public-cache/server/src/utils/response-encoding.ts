import { promisify } from 'util';
import zlib from 'zlib';
import type { CachedResponse } from './response-store';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** Smaller bodies gain too little to be worth a second copy. */
const MIN_BYTES = 1024;
const TEXT = /json|xml|text\/|calendar|javascript/i;

export type Encoding = 'br' | 'gzip';

/** Whether `entry` is worth keeping compressed. */
export const compressible = (entry: CachedResponse): boolean => entry.body.length >= MIN_BYTES && TEXT.test(entry.headers['content-type'] ?? '');

/**
 * Compresses `entry` with Brotli and gzip, once, off the main thread (zlib's thread pool); the
 * promise settles when both copies are on the entry (or compression failed: identity is
 * served). A response is compressed once, however many clients read it, instead of once per
 * request as a compression middleware would. `done` runs once the copies are there.
 */
export const encode = (entry: CachedResponse, done: () => void): Promise<void> => {
  if (entry.encoded) return Promise.resolve();
  if (entry.encoding) return entry.encoding;
  entry.encoding = Promise.all([
    brotli(entry.body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: entry.body.length,
      },
    }),
    gzip(entry.body, { level: 6 }),
  ]).then(
    ([br, gz]) => {
      entry.encoded = { br, gzip: gz };
      done();
    },
    // Not compressed: identity is served, as before.
    () => undefined,
  );
  return entry.encoding;
};

/**
 * The ETag of a compressed copy: its own strong validator (different bytes, RFC 9110 8.8.3),
 * derived from the identity's so that it is the same on every instance.
 */
export const encodedEtag = (etag: string, encoding: Encoding): string => etag.replace(/"$/, `-${encoding === 'br' ? 'br' : 'gz'}"`);
