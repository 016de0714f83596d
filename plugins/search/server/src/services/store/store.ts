import type { Knex } from 'knex';
import { WEIGHTS } from '../../config/content-types';
import { ANALYSIS_VERSION, type EntryInput } from '../../utils/entries';
import { isFuzzy, type Analyzer } from '../../utils/languages';
import { countQuery, matchingLocales, searchQuery, type RankingDialect, type Sql } from './ranking';
import { SCHEMA_VERSION, type IndexStore, type LocaleMatch, type SearchPlan, type StoredEntry } from './types';

/** What differs between PostgreSQL and SQLite (store/postgres, store/sqlite); the rest is one SQL. */
export type StoreDialect = {
  name: 'postgres' | 'sqlite';
  knex(): Knex;
  /** Table names as SQL (qualified with the schema on PostgreSQL). */
  tables: { entries: string; texts: string; words: string; meta: string };
  /** The rows of a raw query's result. */
  rows<Row>(result: unknown): Row[];
  /** Whether the meta table exists (before the first migration it does not). */
  hasMeta(trx: Knex.Transaction): Promise<boolean>;
  /** Drops and creates every table, then records `version`. */
  create(trx: Knex.Transaction, version: string): Promise<void>;
  clear(trx: Knex.Transaction): Promise<void>;
  /** The columns that hold an entry's words for matching and scoring, and their SQL values. */
  vector: { columns: string[]; values(entry: EntryInput, analyzer: Analyzer): { sql: string; bindings: unknown[] } };
  ranking: RankingDialect;
  /** `SELECT value FROM <this>` lists the strings of a JSON array given as the one binding. */
  jsonStrings: string;
  lexemes(analyzer: Analyzer, words: string[]): Promise<string[][]>;
};

const VERSION_KEY = 'version';
const VERSION = `${SCHEMA_VERSION}.${ANALYSIS_VERSION}`;

/**
 * `search_entries_recent_idx`: a locale's entries newest first, which a query walks to find
 * its newest `maxHits` matches (services/store/ranking) and stops. The same statement on both
 * databases (a double-quoted name is an identifier on both).
 */
const recentIndex = (entries: string) => `CREATE INDEX IF NOT EXISTS "search_entries_recent_idx" ON ${entries} (locale, published_at DESC, type, document_id)`;

/** The most broad locale queries remembered (a few hundred bytes each). */
const MAX_BROAD_QUERIES = 1000;

const broadKey = (plan: SearchPlan, match: LocaleMatch): string =>
  JSON.stringify([match.locale, match.terms, match.before, plan.allTypes ? null : plan.types, plan.maxHits]);

/** Entries written per statement (a rebuild writes them in batches). */
const BATCH = 100;

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

const list = (values: readonly unknown[]) => values.map(() => '?').join(', ');

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

const keyOf = (type: unknown, documentId: unknown, locale: unknown) => `${text(type)}\u0000${text(documentId)}\u0000${text(locale)}`;

/** The distinct words of an entry, sorted (one insertion order for every writer). */
const distinctWords = (entry: EntryInput): string[] => [...new Set(WEIGHTS.flatMap((weight) => entry.words[weight]))].sort();

/**
 * The index in one database. Four tables: `search_entries` (one row per document, locale and
 * published version: what matching and ranking read, kept narrow), `search_texts` (what a
 * hit shows: slug, title, plain text for snippets), `search_words` (the words of entries in
 * locales without a stemmer: typo variants are looked up there) and `search_meta` (version).
 */
export const createStore = (dialect: StoreDialect): IndexStore => {
  const { entries, texts, words, meta } = dialect.tables;
  const knex = dialect.knex;

  // The locale queries that last matched more entries than are ranked (by broadKey): the next
  // search of the same words walks that locale at once instead of first reading every match
  // from the full-text index. Only the cost depends on it: both ways give the same hits.
  const broad = new Set<string>();
  const remember = (key: string, isBroad: boolean) => {
    if (!isBroad) broad.delete(key);
    else if (!broad.has(key)) {
      if (broad.size >= MAX_BROAD_QUERIES) broad.clear();
      broad.add(key);
    }
  };

  const writeBatch = async (trx: Knex.Transaction, batch: Array<{ entry: EntryInput; analyzer: Analyzer }>) => {
    const values = batch.map(({ entry, analyzer }) => {
      const vector = dialect.vector.values(entry, analyzer);
      return {
        sql: `(?, ?, ?, ?, ?, ${vector.sql})`,
        bindings: [entry.type, entry.documentId, entry.locale, entry.publishedAt, entry.digest, ...vector.bindings],
      };
    });
    const columns = dialect.vector.columns;
    const returned = dialect.rows<{ id: number | string; type: string; document_id: string; locale: string }>(
      await trx.raw(
        `INSERT INTO ${entries} (type, document_id, locale, published_at, digest, ${columns.join(', ')})
         VALUES ${values.map((value) => value.sql).join(', ')}
         ON CONFLICT (type, document_id, locale) DO UPDATE SET published_at = excluded.published_at, digest = excluded.digest,
           ${columns.map((column) => `${column} = excluded.${column}`).join(', ')}
         RETURNING id, type, document_id, locale`,
        values.flatMap((value) => value.bindings) as Knex.RawBinding[],
      ),
    );
    const ids = new Map(returned.map((row) => [keyOf(row.type, row.document_id, row.locale), Number(row.id)]));
    const idOf = (entry: EntryInput) => ids.get(keyOf(entry.type, entry.documentId, entry.locale)) as number;

    await trx.raw(
      `INSERT INTO ${texts} (entry_id, slug, title, plain_text) VALUES ${batch.map(() => '(?, ?, ?, ?)').join(', ')}
       ON CONFLICT (entry_id) DO UPDATE SET slug = excluded.slug, title = excluded.title, plain_text = excluded.plain_text`,
      batch.flatMap(({ entry }) => [idOf(entry), entry.slug, entry.title, entry.text]),
    );

    await trx.raw(
      `DELETE FROM ${words} WHERE entry_id IN (${list(batch)})`,
      batch.map(({ entry }) => idOf(entry)),
    );
    const rows = batch
      .filter(({ analyzer }) => isFuzzy(analyzer))
      .flatMap(({ entry }) => distinctWords(entry).map((word) => [entry.locale, word, idOf(entry)]));
    for (const chunk of chunks(rows, 1000)) {
      await trx.raw(`INSERT INTO ${words} (locale, word, entry_id) VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`, chunk.flat());
    }
  };

  return {
    dialect: dialect.name,

    async migrate() {
      return knex().transaction(async (trx) => {
        let created = true;
        if (await dialect.hasMeta(trx)) {
          const version = dialect.rows<{ value: string }>(await trx.raw(`SELECT value FROM ${meta} WHERE key = ?`, [VERSION_KEY]));
          created = version[0]?.value !== VERSION;
        }
        if (created) {
          await dialect.create(trx, VERSION);
          await trx.raw(`INSERT INTO ${meta} (key, value) VALUES (?, ?)`, [VERSION_KEY, VERSION]);
        }
        // Indexes hold nothing of their own: one that is missing (an index of an earlier
        // version of the plugin) is built, without a rebuild of the entries.
        await trx.raw(recentIndex(entries));
        return { created };
      });
    },

    async entriesOf(trx, type, documentId) {
      const rows = dialect.rows<Record<string, unknown>>(
        await trx.raw(`SELECT id, locale, digest FROM ${entries} WHERE type = ? AND document_id = ?`, [type, documentId]),
      );
      return rows.map((row) => ({ id: Number(row.id), locale: text(row.locale), digest: text(row.digest) }));
    },

    async upsert(trx, batch) {
      for (const part of chunks(batch, BATCH)) await writeBatch(trx, part);
    },

    async remove(trx, ids) {
      for (const chunk of chunks(ids, 500)) {
        for (const table of [words, texts]) await trx.raw(`DELETE FROM ${table} WHERE entry_id IN (${list(chunk)})`, chunk);
        await trx.raw(`DELETE FROM ${entries} WHERE id IN (${list(chunk)})`, chunk);
      }
    },

    clear: (trx) => dialect.clear(trx),

    lexemes: (analyzer, list) => dialect.lexemes(analyzer, list),

    async knownWords(locale, candidates) {
      if (candidates.length === 0) return new Set();
      const rows = dialect.rows<{ word: string }>(
        await knex().raw(`SELECT c.value AS word FROM ${dialect.jsonStrings} WHERE EXISTS (SELECT 1 FROM ${words} w WHERE w.locale = ? AND w.word = c.value)`, [
          JSON.stringify(candidates),
          locale,
        ]),
      );
      return new Set(rows.map((row) => row.word));
    },

    async search(plan) {
      const locales = matchingLocales(plan);
      if (locales.length === 0) return { total: 0, capped: false, hits: [] };
      type Row = Record<string, number | string | null>;
      const run = async (query: Sql) => dialect.rows<Row>(await knex().raw(query.sql, query.bindings as Knex.RawBinding[]));
      const keys = locales.map((match) => broadKey(plan, match));
      // Walk the locales where this query last had more matches than are ranked; read the
      // others from the full-text index, and walk those too if they turn out to have more.
      let walk = keys.map((key) => broad.has(key));
      for (;;) {
        const rows = await run(searchQuery(entries, plan, dialect.ranking, locales, walk));
        // No row: nothing matched (the first page), or the page is past the last (count them).
        const counted = rows.length > 0 ? rows[0] : plan.offset > 0 ? (await run(countQuery(entries, plan, dialect.ranking, locales, walk)))[0] : {};
        const perLocale = locales.map((_, index) => Number(counted?.[`n${index}`] ?? 0));
        perLocale.forEach((count, index) => remember(keys[index], count > plan.maxHits));
        const matched = perLocale.reduce((sum, count) => sum + count, 0);
        const total = Math.min(matched, plan.maxHits);
        const capped = matched > plan.maxHits;
        const more = perLocale.map((count, index) => !walk[index] && count > plan.maxHits);
        if (plan.offset >= total) return { total, capped, hits: [] };
        if (!more.some(Boolean)) return { total, capped, hits: rows.map((row) => ({ id: Number(row.id), score: Number(row.score) })) };
        walk = walk.map((walked, index) => walked || more[index]);
      }
    },

    async entries(ids) {
      if (ids.length === 0) return [];
      const rows = dialect.rows<Record<string, unknown>>(
        await knex().raw(
          `SELECT e.id, e.type, e.document_id, e.locale, e.published_at, t.slug, t.title, t.plain_text
           FROM ${entries} e JOIN ${texts} t ON t.entry_id = e.id WHERE e.id IN (${list(ids)})`,
          ids,
        ),
      );
      return rows.map((row): StoredEntry => ({
        id: Number(row.id),
        type: text(row.type),
        documentId: text(row.document_id),
        locale: text(row.locale),
        slug: row.slug === null || row.slug === undefined ? null : String(row.slug),
        title: text(row.title),
        publishedAt: text(row.published_at),
        text: text(row.plain_text),
      }));
    },

    async countByType() {
      const rows = dialect.rows<{ type: string; total: number | string }>(await knex().raw(`SELECT type, count(*) AS total FROM ${entries} GROUP BY type`));
      return Object.fromEntries(rows.map((row) => [row.type, Number(row.total)]));
    },
  };
};
