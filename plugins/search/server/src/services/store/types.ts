import type { Knex } from 'knex';
import type { Weight } from '../../config/content-types';
import type { EntryInput } from '../../utils/entries';
import type { Analyzer } from '../../utils/languages';

/**
 * One query word, as the index of a locale holds it: any of `exact` (lexemes: stems, or the
 * word and its typo variants where there is no stemmer), or any indexed word that starts
 * with `prefix`.
 */
export type Term = { exact: string[]; prefix: string | null };

/** The query in one locale of the chain. */
export type LocaleMatch = {
  locale: string;
  /** Every term must match (AND); none: the locale matches nothing. */
  terms: Term[];
  /** Locales before this one in the fallback chain: a document published in one of them is shown there, not here. */
  before: string[];
};

export type SearchPlan = {
  types: string[];
  /** Whether `types` is every configured type (no need to filter by type then). */
  allTypes: boolean;
  locales: LocaleMatch[];
  limit: number;
  offset: number;
  /** At most this many matches are ranked: the most recently published (config `maxHits`). */
  maxHits: number;
};

export type RankedHit = { id: number; score: number };

/** An entry as a hit shows it. */
export type StoredEntry = {
  id: number;
  type: string;
  documentId: string;
  locale: string;
  slug: string | null;
  title: string;
  publishedAt: string;
  text: string;
};

export type EntryDigest = { id: number; locale: string; digest: string };

/**
 * The index in one database: the same tables, queries and results on PostgreSQL
 * (store/postgres: tsvector, GIN, the language's text search configuration) and SQLite
 * (store/sqlite: FTS5 over words stemmed in JavaScript).
 */
export type IndexStore = {
  dialect: 'postgres' | 'sqlite';
  /** Creates (or, after a version change, recreates) the tables; `created`: they were empty. */
  migrate(): Promise<{ created: boolean }>;
  /** The entries of one document, one per published locale. */
  entriesOf(trx: Knex.Transaction, type: string, documentId: string): Promise<EntryDigest[]>;
  /** Writes each entry of (type, documentId, locale), replacing the one there (in batches). */
  upsert(trx: Knex.Transaction, entries: Array<{ entry: EntryInput; analyzer: Analyzer }>): Promise<void>;
  remove(trx: Knex.Transaction, ids: number[]): Promise<void>;
  /** Empties the index (a rebuild). */
  clear(trx: Knex.Transaction): Promise<void>;
  /** The lexemes of each word in the index of `analyzer` (PostgreSQL: its dictionary; SQLite: utils/languages). */
  lexemes(analyzer: Analyzer, words: string[]): Promise<string[][]>;
  /** Which of `candidates` are words of an entry of `locale` (locales without a stemmer). */
  knownWords(locale: string, candidates: string[]): Promise<Set<string>>;
  /**
   * One page of hits, best first; how many there are (at most `plan.maxHits`) and whether the
   * query matched more entries than that (`capped`: the hits are the newest `maxHits` matches).
   */
  search(plan: SearchPlan): Promise<{ total: number; capped: boolean; hits: RankedHit[] }>;
  entries(ids: number[]): Promise<StoredEntry[]>;
  /** Entries per type. */
  countByType(): Promise<Record<string, number>>;
};

/** Integer weight of each class in a hit's score (the score is their sum over query words, over the most it could be). */
export const WEIGHT_POINTS: Record<Weight, number> = { A: 10, B: 4, C: 2, D: 1 };
export const MAX_POINTS_PER_TERM = WEIGHT_POINTS.A + WEIGHT_POINTS.B + WEIGHT_POINTS.C + WEIGHT_POINTS.D;

export const TABLES = {
  entries: 'search_entries',
  texts: 'search_texts',
  words: 'search_words',
  meta: 'search_meta',
  fts: 'search_entries_fts',
} as const;

/** Bump when the tables change: they are dropped and rebuilt at boot. */
export const SCHEMA_VERSION = 2;
