import type { Core } from '@strapi/strapi';

/** Document-service actions that change stored content. */
const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/** How long a process trusts a fingerprint it read; the bound on cross-process staleness. */
export const DEFAULT_FINGERPRINT_TTL_MS = 500;

export type FingerprintMemo = {
  /** The fingerprint, read from the database at most once per TTL (one read at a time). */
  current(): Promise<string>;
  /** Forgets the fingerprint: the next call reads the database again. */
  invalidate(): void;
};

/**
 * Keeps a content fingerprint (a summary of the rows a cached response is built from) in
 * memory for a short time, so that warm responses and 304s cost no SQL at all.
 *
 * - A write through this process's document service (admin panel, API, seed, plugins)
 *   forgets it at once: this process never serves content older than its own writes.
 * - A write by another process sharing the database is seen within `ttlMs` (default 0.5 s),
 *   when the fingerprint is next read; so is a write that bypasses the document service.
 */
export const createFingerprintMemo = (
  strapi: Core.Strapi,
  read: () => Promise<string>,
  ttlMs: number = DEFAULT_FINGERPRINT_TTL_MS
): FingerprintMemo => {
  let value: { fingerprint: string; readAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const memo: FingerprintMemo = {
    current() {
      if (value && Date.now() - value.readAt < ttlMs) return Promise.resolve(value.fingerprint);
      if (pending) return pending;
      const readAt = Date.now();
      const reading: Promise<string> = read()
        .then((fingerprint) => {
          // Kept only if no write forgot this read while it ran (it may predate the write).
          if (pending === reading) value = { fingerprint, readAt };
          return fingerprint;
        })
        .finally(() => {
          if (pending === reading) pending = undefined;
        });
      pending = reading;
      return reading;
    },
    invalidate() {
      value = undefined;
      pending = undefined;
    },
  };

  strapi.documents.use(async (context, next) => {
    const result = await next();
    if (WRITES.has(context.action)) memo.invalidate();
    return result;
  });

  return memo;
};
