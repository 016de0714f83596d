import type { Core } from '@strapi/strapi';
import { createFingerprintMemo } from '../../../../../src/cache/fingerprint-memo';
import { ORGANISATION, STORY, TOPIC } from '../../../../../src/domain/uids';

/** Tables whose rows a feed shows, and whether only published rows count. */
const SOURCES: ReadonlyArray<{ uid: string; publishedOnly: boolean }> = [
  // Publishing creates a new published row (a higher id), unpublishing and deleting remove
  // one (a lower count): count + max(id) + max(updated_at) moves on every change that counts.
  { uid: STORY, publishedOnly: true },
  { uid: TOPIC, publishedOnly: false },
  { uid: ORGANISATION, publishedOnly: false },
  // Cover images (a replaced file keeps its id but gets a new url and updated_at).
  { uid: 'plugin::upload.file', publishedOnly: false },
  // Which locales exist (an unknown locale is a 400 that is cached too).
  { uid: 'plugin::i18n.locale', publishedOnly: false },
];

type Scalar = string | number | bigint | Date | null;

const text = (value: Scalar | undefined): string => {
  if (value instanceof Date) return String(value.getTime());
  return value === null || value === undefined ? '-' : String(value);
};

/**
 * A summary of the rows feeds are built from, read with ONE small aggregate query. Two
 * processes that share the database read the same fingerprint, so a change made through any
 * of them is seen by all: the cache is keyed by this value and needs no message between
 * instances. The value is kept in memory for `fingerprintTtlMs` (src/cache/fingerprint-memo):
 * a write through this process forgets it at once, another process's write is seen within
 * the TTL, and warm feeds and 304s cost no SQL.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let columns: Array<{ alias: string; build: () => unknown }> | undefined;

  const describe = () => {
    const knex = strapi.db.connection;
    return SOURCES.flatMap(({ uid, publishedOnly }, index) => {
      const meta = strapi.db.metadata.get(uid);
      const column = (attribute: string, fallback: string): string => {
        const attr = meta.attributes[attribute] as { columnName?: string } | undefined;
        return attr?.columnName ?? fallback;
      };
      const table = meta.tableName;
      const updatedAt = column('updatedAt', 'updated_at');
      const publishedAt = column('publishedAt', 'published_at');
      const scoped = () => {
        const builder = knex(table);
        return publishedOnly ? builder.whereNotNull(publishedAt) : builder;
      };
      return [
        { alias: `c${index}`, build: () => scoped().count({ value: '*' }) },
        { alias: `i${index}`, build: () => scoped().max({ value: 'id' }) },
        { alias: `u${index}`, build: () => scoped().max({ value: updatedAt }) },
      ];
    });
  };

  const read = async (): Promise<string> => {
    columns = columns ?? describe();
    const knex = strapi.db.connection;
    // Scalar sub-selects in one statement: one round trip, the same SQL on SQLite and PostgreSQL.
    const row = (await knex
      .select(Object.fromEntries(columns.map(({ alias, build }) => [alias, knex.raw('(?)', [build() as never])])))
      .first()) as Record<string, Scalar> | undefined;
    if (!row) return 'empty';
    return columns.map(({ alias }) => text(row[alias])).join('.');
  };

  const ttl = (strapi.config.get('plugin::syndication') as { fingerprintTtlMs?: number } | undefined)?.fingerprintTtlMs;
  const memo = createFingerprintMemo(strapi, read, ttl);

  return {
    current: memo.current,
    invalidate: memo.invalidate,
  };
};
