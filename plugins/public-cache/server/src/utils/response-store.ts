import { LRUCache } from 'lru-cache';

/** A stored 200 response: the bytes and the headers that describe them. */
export type CachedResponse = {
  body: Buffer;
  /** Content-Type, ETag, Last-Modified, Cache-Control, Content-Disposition as the app set them. */
  headers: Record<string, string>;
  /** The content fingerprint the response was built under. */
  fingerprint: string;
  /** Stale at this time (ms since epoch) even if the fingerprint still matches; null: never. */
  expiresAt: number | null;
  /** The body compressed (see response-encoding.ts), once a client asked for it. */
  encoded?: { br: Buffer; gzip: Buffer };
  encoding?: Promise<void>;
};

export type ResponseStoreOptions = {
  /** Bytes of bodies (plus a small overhead per entry) kept at most; least recently used go first. */
  maxBytes: number;
  /** A larger response is served but not kept. */
  maxEntryBytes: number;
};

/** Bytes counted per entry besides its body and key (headers, bookkeeping). */
const ENTRY_OVERHEAD = 512;

export type ResponseStoreStats = { entries: number; bytes: number };

/**
 * Responses by request key, bounded in bytes, each valid only under the fingerprint it was
 * built with and until its expiry. Concurrent misses of one key share one computation.
 */
export const createResponseStore = ({ maxBytes, maxEntryBytes }: ResponseStoreOptions) => {
  const entries = new LRUCache<string, CachedResponse>({
    maxSize: Math.max(1, maxBytes),
    maxEntrySize: Math.max(1, Math.min(maxEntryBytes, maxBytes)),
    sizeCalculation: (entry, key) =>
      entry.body.length + (entry.encoded ? entry.encoded.br.length + entry.encoded.gzip.length : 0) + key.length + ENTRY_OVERHEAD,
  });
  const computing = new Map<string, Promise<CachedResponse | null>>();
  const flightKey = (key: string, fingerprint: string) => `${fingerprint} ${key}`;

  return {
    /**
     * The response stored for `key`, if it was built under `fingerprint` and has not expired.
     * An entry of another fingerprint stays (the previous one may still be served while its
     * successor is computed) until it is replaced or evicted; an expired entry goes at once.
     */
    get(key: string, fingerprint: string, now: number): CachedResponse | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt !== null && now >= entry.expiresAt) {
        entries.delete(key);
        return undefined;
      }
      return entry.fingerprint === fingerprint ? entry : undefined;
    },

    /** Keeps `entry` (unless it is larger than maxEntryBytes). */
    set(key: string, entry: CachedResponse): void {
      entries.set(key, entry);
    },

    /** Counts `entry` again after it grew (compressed copies), if it is still the one kept for `key`. */
    resize(key: string, entry: CachedResponse): void {
      if (entries.peek(key) === entry) entries.set(key, entry);
    },

    /** The computation of `key` under `fingerprint` under way, if any. */
    pending(key: string, fingerprint: string): Promise<CachedResponse | null> | undefined {
      return computing.get(flightKey(key, fingerprint));
    },

    /**
     * Announces that this caller computes `key` under `fingerprint`; others wait for it with
     * `pending`. The returned function ends the computation with its result (null: nothing
     * to share, the others compute their own).
     */
    begin(key: string, fingerprint: string): (result: CachedResponse | null) => void {
      const id = flightKey(key, fingerprint);
      let settle: (result: CachedResponse | null) => void = () => undefined;
      const promise = new Promise<CachedResponse | null>((resolve) => (settle = resolve));
      computing.set(id, promise);
      return (result) => {
        if (computing.get(id) === promise) computing.delete(id);
        settle(result);
      };
    },

    clear(): void {
      entries.clear();
    },

    stats(): ResponseStoreStats {
      return { entries: entries.size, bytes: entries.calculatedSize };
    },
  };
};

export type ResponseStore = ReturnType<typeof createResponseStore>;
