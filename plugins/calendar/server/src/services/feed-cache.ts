import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { EVENT, ORGANISATION, TOPIC } from '../../../../../src/domain/uids';
import { createFingerprintMemo } from '../../../../../src/cache/fingerprint-memo';
import { pluginConfig } from '../utils/urls';
import { REVISION } from './revisions';

export type RenderedFeed = { body: string; etag: string };

type Entry = RenderedFeed & { fingerprint: string };

// What a feed shows depends on these tables only: events, the organisers and topics they
// name, and the sequences. Guides and participants are not in the .ics.
const SOURCES = [EVENT, ORGANISATION, TOPIC, REVISION];

const asText = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value ?? ''));

/**
 * Rendered .ics feeds, per process, each stored with a fingerprint of the data it was built
 * from: row count and latest updated_at of each source table (plus the sum of sequences),
 * read in one cheap query per request. Any publish, edit or deletion changes the
 * fingerprint, so a process never serves a feed older than the database, whichever
 * process made the change; no cross-process invalidation is needed.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const entries = new Map<string, Entry>();

  const fingerprintQuery = () => {
    const tables = SOURCES.map((uid) => strapi.db.metadata.get(uid).tableName);
    const revisions = strapi.db.metadata.get(REVISION).tableName;
    // Aliases matter: PostgreSQL names every unnamed column "?column?".
    const columns = tables.map((_, i) => `(select count(*) from ??) as c${i}, (select max(??) from ??) as m${i}`).join(', ');
    const bindings = tables.flatMap((table) => [table, 'updated_at', table]);
    return { sql: `select ${columns}, (select coalesce(sum(??), 0) from ??) as revisions`, bindings: [...bindings, 'sequence', revisions] };
  };

  const readFingerprint = async (): Promise<string> => {
    const { sql, bindings } = fingerprintQuery();
    const result: unknown = await strapi.db.connection.raw(sql, bindings);
    // PostgreSQL answers { rows: [...] }; SQLite (better-sqlite3) answers the rows.
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<Record<string, unknown>>;
    const values = Object.values(rows[0] ?? {}).map(asText);
    return createHash('sha1').update(values.join('|')).digest('base64url');
  };
  // Kept in memory briefly (src/cache/fingerprint-memo): warm feeds and 304s cost no SQL; a
  // write through this process forgets it at once, another process's within the TTL.
  const memo = createFingerprintMemo(strapi, readFingerprint, pluginConfig(strapi).fingerprintTtlMs);

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
      memo.invalidate();
    },
  };
};
