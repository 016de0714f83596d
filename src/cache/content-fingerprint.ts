import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { createFingerprintMemo, type FingerprintMemo } from './fingerprint-memo';
import { onContentWrite } from './write-watch';

/** A table a cached response is built from; `publishedOnly`: only its published rows count. */
export type FingerprintSource = { uid: string; publishedOnly?: boolean };

type Scalar = string | number | bigint | Date | null;

const asText = (value: Scalar | undefined): string => {
  if (value instanceof Date) return String(value.getTime());
  return value === null || value === undefined ? '-' : String(value);
};

/**
 * A digest of the state of some tables, read with ONE aggregate query: per table, row count,
 * max(id) and max(updated_at). Publishing adds a row (higher id), an edit moves updated_at,
 * unpublishing or deleting lowers the count, so every change that counts moves the digest.
 * Two processes sharing the database read the same digest, so a cache keyed by it needs no
 * message between instances.
 */
export const createFingerprintReader = (strapi: Core.Strapi, sources: readonly FingerprintSource[]): (() => Promise<string>) => {
  let columns: Array<{ alias: string; build: () => unknown }> | undefined;

  const describe = () => {
    const knex = strapi.db.connection;
    return sources.flatMap(({ uid, publishedOnly }, index) => {
      const meta = strapi.db.metadata.get(uid);
      const column = (attribute: string, fallback: string): string =>
        (meta.attributes[attribute] as { columnName?: string } | undefined)?.columnName ?? fallback;
      const updatedAt = column('updatedAt', 'updated_at');
      const publishedAt = column('publishedAt', 'published_at');
      const scoped = () => (publishedOnly ? knex(meta.tableName).whereNotNull(publishedAt) : knex(meta.tableName));
      return [
        { alias: `c${index}`, build: () => scoped().count({ value: '*' }) },
        { alias: `i${index}`, build: () => scoped().max({ value: 'id' }) },
        { alias: `u${index}`, build: () => scoped().max({ value: updatedAt }) },
      ];
    });
  };

  return async () => {
    columns = columns ?? describe();
    const knex = strapi.db.connection;
    // Scalar sub-selects in one statement: one round trip, the same SQL on SQLite and PostgreSQL.
    const row = (await knex.select(Object.fromEntries(columns.map(({ alias, build }) => [alias, knex.raw('(?)', [build() as never])]))).first()) as
      Record<string, Scalar> | undefined;
    const values = row ? columns.map(({ alias }) => asText(row[alias])) : ['empty'];
    return createHash('sha1').update(values.join('.')).digest('base64url');
  };
};

/** Plugin tables whose rows public responses show, besides every api:: type. */
const PLUGIN_SOURCES = [
  'plugin::upload.file',
  'plugin::i18n.locale',
  // A changed permission of the Public role changes what a public request may read.
  'plugin::users-permissions.permission',
  'plugin::users-permissions.role',
  // iCalendar SEQUENCE numbers.
  'plugin::calendar.event-revision',
];

/**
 * Every table a public response can show. Drafts never reach the public, so only published
 * rows of draft-and-publish types count: saving a draft leaves every cache warm.
 */
export const publicSources = (strapi: Core.Strapi): FingerprintSource[] =>
  Object.values(strapi.contentTypes)
    .filter((contentType) => contentType.uid.startsWith('api::') || PLUGIN_SOURCES.includes(contentType.uid))
    .map((contentType) => ({ uid: contentType.uid, publishedOnly: contentType.options?.draftAndPublish === true }));

const CONTAINER_KEY = 'union-comms.content-fingerprint';

/**
 * THE content fingerprint of this process: a digest of every table public responses show,
 * kept in memory for `cache.fingerprintTtlMs` (see fingerprint-memo.ts) and forgotten at once
 * when this process writes to one of them (see write-watch.ts).
 *
 * One fingerprint for every cache (responses, feeds, calendars), so that they agree: a cache
 * that stores what an inner cache returned can never store an older inner answer under a
 * newer key, which two fingerprints read at different moments would allow.
 */
export const contentFingerprint = (strapi: Core.Strapi): FingerprintMemo => {
  if (!strapi.has(CONTAINER_KEY)) {
    const ttlMs = strapi.config.get('cache.fingerprintTtlMs') as number | undefined;
    const memo = createFingerprintMemo(createFingerprintReader(strapi, publicSources(strapi)), ttlMs);
    onContentWrite(
      strapi,
      publicSources(strapi).map((source) => source.uid),
      memo.invalidate,
    );
    strapi.add(CONTAINER_KEY, memo);
  }
  return strapi.get(CONTAINER_KEY) as FingerprintMemo;
};
