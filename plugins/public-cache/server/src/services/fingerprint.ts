import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { createFingerprintMemo, type FingerprintMemo } from '../utils/fingerprint-memo';
import { onContentWrite } from '../utils/write-watch';
import { DEFAULT_SOURCES, pluginConfig } from '../config';

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
const createFingerprintReader = (strapi: Core.Strapi, sources: readonly FingerprintSource[]): (() => Promise<string>) => {
  let columns: Array<{ alias: string; build: () => Knex.QueryBuilder }> | undefined;

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
    const row = (await knex.select(Object.fromEntries(columns.map(({ alias, build }) => [alias, knex.raw('(?)', [build()])]))).first()) as
      Record<string, Scalar> | undefined;
    const values = row ? columns.map(({ alias }) => asText(row[alias])) : ['empty'];
    return createHash('sha1').update(values.join('.')).digest('base64url');
  };
};

/** `api::*` (every type of the app), or one uid. */
const matches = (pattern: string, uid: string): boolean => (pattern.endsWith('*') ? uid.startsWith(pattern.slice(0, -1)) : uid === pattern);

/**
 * THE content fingerprint of this process: a digest of every table public responses show,
 * kept in memory for `fingerprintTtlMs` (see utils/fingerprint-memo) and forgotten at once
 * when this process writes to one of them (see utils/write-watch).
 *
 * The tables are DEFAULT_SOURCES (every `api::` type, files, locales and the users-permissions
 * roles and permissions), the config's `extraSources`, and those other plugins add with
 * `register()` during their own register phase (the calendar's revision numbers, say). Only
 * published rows of draft-and-publish types count: saving a draft leaves every cache warm.
 *
 * One fingerprint for every cache, so that they agree: a cache that stores what an inner cache
 * returned can never store an older inner answer under a newer key.
 */
const fingerprint = ({ strapi }: { strapi: Core.Strapi }) => {
  const registered = new Set<string>();
  let memo: FingerprintMemo | undefined;

  const sources = (): FingerprintSource[] => {
    const patterns = [...DEFAULT_SOURCES, ...pluginConfig(strapi).extraSources, ...registered];
    return Object.values(strapi.contentTypes)
      .filter((contentType) => patterns.some((pattern) => matches(pattern, contentType.uid)))
      .map((contentType) => ({ uid: contentType.uid, publishedOnly: contentType.options?.draftAndPublish === true }));
  };

  const started = (): FingerprintMemo => {
    if (!memo) {
      const tables = sources();
      memo = createFingerprintMemo(createFingerprintReader(strapi, tables), pluginConfig(strapi).fingerprintTtlMs);
      onContentWrite(
        strapi,
        tables.map((source) => source.uid),
        memo.invalidate,
      );
    }
    return memo;
  };

  return {
    /**
     * Adds tables (uids, or `prefix::*`) whose rows public answers show. Call it from a plugin's
     * `register`: the set is fixed when the fingerprint is first read.
     */
    register(uids: readonly string[]): void {
      if (memo) throw new Error("public-cache: fingerprint sources must be registered before the first read (in a plugin's register phase)");
      for (const uid of uids) registered.add(uid);
    },
    /** The uids the fingerprint covers. */
    sources: (): string[] => sources().map((source) => source.uid),
    /** The fingerprint, with its memo (current, invalidate, previous, lastRead). */
    memo: started,
    /** The current fingerprint (no SQL while the memo is fresh). */
    current: (): Promise<string> => started().current(),
  };
};

export type FingerprintService = ReturnType<typeof fingerprint>;

export default fingerprint;
