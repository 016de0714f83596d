import type { Core } from '@strapi/strapi';
import { createFingerprintMemo, type FingerprintMemo } from '../utils/fingerprint-memo';
import { installRevision, readRevision, type RevisionSource } from '../utils/revision';
import { onContentWrite } from '../utils/write-watch';
import { DEFAULT_SOURCES, pluginConfig } from '../config';

/** A table a cached response is built from; `publishedOnly`: only its published rows count. */
export type FingerprintSource = { uid: string; publishedOnly?: boolean };

/** The tables and columns of the sources, as the database names them. */
const tablesOf = (strapi: Core.Strapi, sources: readonly FingerprintSource[]): RevisionSource[] =>
  sources.map(({ uid, publishedOnly }) => {
    const meta = strapi.db.metadata.get(uid);
    const publishedAt = (meta.attributes.publishedAt as { columnName?: string } | undefined)?.columnName ?? 'published_at';
    return publishedOnly ? { table: meta.tableName, publishedAt } : { table: meta.tableName };
  });

/** `api::*` (every type of the app), or one uid. */
const matches = (pattern: string, uid: string): boolean => (pattern.endsWith('*') ? uid.startsWith(pattern.slice(0, -1)) : uid === pattern);

/**
 * THE content fingerprint of this process: the content revision, a counter in the database that
 * triggers on every source table move at each committed write (see utils/revision), kept in
 * memory for `fingerprintTtlMs` (see utils/fingerprint-memo) and forgotten at once when this
 * process writes to one of them (see utils/write-watch). Reading it is one primary-key lookup,
 * whatever the size of the content; writes by another instance or by raw SQL move it too.
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

  // The sources, fixed at the first read or install (`register` refuses more after that).
  let fixed: FingerprintSource[] | undefined;
  const fixedSources = (): FingerprintSource[] => (fixed = fixed ?? sources());

  // The triggers, installed once per process (at bootstrap, or by the first read if earlier).
  let installed: Promise<void> | undefined;
  const install = (): Promise<void> => (installed = installed ?? installRevision(strapi, tablesOf(strapi, fixedSources())));

  const started = (): FingerprintMemo => {
    if (!memo) {
      const tables = fixedSources();
      memo = createFingerprintMemo(async () => {
        await install();
        return readRevision(strapi);
      }, pluginConfig(strapi).fingerprintTtlMs);
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
    /**
     * Installs the revision's triggers (the plugin's bootstrap calls it) and fixes the sources.
     * Every later call returns the same promise.
     */
    install: (): Promise<void> => {
      started();
      return install();
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
