/** How long a process trusts a fingerprint it read; the bound on cross-process staleness. */
export const DEFAULT_FINGERPRINT_TTL_MS = 500;

export type FingerprintMemo = {
  /** The fingerprint, read from the database at most once per TTL (one read at a time). */
  current(): Promise<string>;
  /**
   * The fingerprint if it is known without waiting (younger than the TTL, as `current` would
   * return at once, starting the same refresh-ahead), else undefined.
   */
  fresh(): string | undefined;
  /** Forgets the fingerprint: the next call reads the database again. */
  invalidate(): void;
  /**
   * The fingerprint the current one replaced, and the earliest moment it may have stopped
   * being current (this process's first write after reading it, or, for a change made
   * elsewhere, the moment it was read). Undefined until a change has been seen.
   */
  previous(): { fingerprint: string; until: number } | undefined;
  /**
   * The value read last, even if a write has made it doubtful since, with the time of the
   * first such write (undefined: none), and whether a read is under way.
   */
  lastRead(): { fingerprint: string; writtenAt: number | undefined; reading: boolean } | undefined;
};

/**
 * Keeps a content fingerprint (a summary of the rows cached responses are built from) in
 * memory for a short time, so that warm responses and 304s cost no SQL at all.
 *
 * - `invalidate()` (called on every write this process makes, see write-watch.ts) forgets it
 *   at once: the process never serves content older than its own writes.
 * - A write by another process sharing the database is seen within `ttlMs` (default 0.5 s),
 *   when the fingerprint is next read; so is a write that bypasses Strapi altogether.
 * - Refresh-ahead: once the value is past half its life, the next caller gets it at once and
 *   a read starts in the background, so steady traffic never waits for the database; only a
 *   caller that finds no value younger than `ttlMs` (idle process, or right after a write)
 *   waits for a read. Concurrent callers share one read.
 */
export type FingerprintMemoOptions = {
  /** The clock the TTL and the write times are measured on (tests pass a fake one). */
  now?: () => number;
};

export const createFingerprintMemo = (
  read: () => Promise<string>,
  ttlMs: number = DEFAULT_FINGERPRINT_TTL_MS,
  { now = Date.now }: FingerprintMemoOptions = {},
): FingerprintMemo => {
  let value: { fingerprint: string; readAt: number } | undefined;
  let pending: Promise<string> | undefined;
  // Bumped by every invalidation: a read that started before a write is never kept.
  let generation = 0;
  // The last value read (kept across invalidations), the first write since, and the value it replaced.
  let last: { fingerprint: string; readAt: number } | undefined;
  let writtenAt: number | undefined;
  let replaced: { fingerprint: string; until: number } | undefined;

  const refresh = (): Promise<string> => {
    if (pending) return pending;
    const startedIn = generation;
    const readAt = now();
    const reading: Promise<string> = read()
      .then((fingerprint) => {
        if (generation === startedIn) {
          value = { fingerprint, readAt };
          if (last && last.fingerprint !== fingerprint) replaced = { fingerprint: last.fingerprint, until: writtenAt ?? last.readAt };
          last = value;
          writtenAt = undefined;
        }
        return fingerprint;
      })
      .finally(() => {
        if (pending === reading) pending = undefined;
      });
    pending = reading;
    return reading;
  };

  const fresh = (): string | undefined => {
    if (!value) return undefined;
    const age = now() - value.readAt;
    if (age >= ttlMs) return undefined;
    if (age >= ttlMs / 2 && !pending) {
      // A failed background read changes nothing: the value expires and the next caller
      // reads again, and sees the error.
      refresh().catch(() => undefined);
    }
    return value.fingerprint;
  };

  return {
    current() {
      const known = fresh();
      return known === undefined ? refresh() : Promise.resolve(known);
    },
    fresh,
    invalidate() {
      generation += 1;
      value = undefined;
      pending = undefined;
      writtenAt = writtenAt ?? now();
    },
    previous: () => replaced,
    lastRead: () => (last ? { fingerprint: last.fingerprint, writtenAt, reading: pending !== undefined } : undefined),
  };
};
