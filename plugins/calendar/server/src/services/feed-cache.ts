import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { contentFingerprint } from '../../../../../src/cache/content-fingerprint';
import { pluginConfig } from '../utils/urls';

export type RenderedFeed = { body: string; etag: string };

type Entry = RenderedFeed & { fingerprint: string };

/**
 * Rendered .ics feeds, per process, each stored with the app's content fingerprint (src/cache/
 * content-fingerprint) at the time it was built. Any publish, edit or deletion changes the
 * fingerprint, so a process never serves a feed older than the database, whichever process
 * made the change; no cross-process invalidation is needed.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const entries = new Map<string, Entry>();

  // Kept in memory briefly: warm feeds and 304s cost no SQL; a write through this process
  // forgets it at once, another process's shows within the TTL.
  const memo = contentFingerprint(strapi);

  return {
    /** A short digest of the state of the feed's source tables. */
    fingerprint(): Promise<string> {
      return memo.current();
    },

    /** The feed for `key`, rendered by `render` unless a copy built from the same data is at hand. */
    async get(key: string, render: () => Promise<string>): Promise<RenderedFeed> {
      const fingerprint = await this.fingerprint();
      const hit = entries.get(key);
      if (hit && hit.fingerprint === fingerprint) {
        // Refresh its place: the map's order is the eviction order (least recently used first).
        entries.delete(key);
        entries.set(key, hit);
        return { body: hit.body, etag: hit.etag };
      }
      const body = await render();
      const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
      const limit = pluginConfig(strapi).feedCacheEntries;
      if (limit > 0) {
        entries.delete(key);
        entries.set(key, { body, etag, fingerprint });
        while (entries.size > limit) entries.delete(entries.keys().next().value as string);
      }
      return { body, etag };
    },

    clear(): void {
      entries.clear();
    },
  };
};
