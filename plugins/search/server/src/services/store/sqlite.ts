import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { WEIGHTS, type Weight } from '../../config/content-types';
import type { EntryInput } from '../../utils/entries';
import { lexeme, type Analyzer } from '../../utils/languages';
import type { RankingDialect } from './ranking';
import type { StoreDialect } from './store';
import { TABLES, type Term } from './types';

/** The column of each weight class's lexemes: ` a b c ` (distinct, space-delimited, so `instr` finds ` a ` and prefixes ` a`). */
const LEXEME_COLUMNS: Record<Weight, string> = { A: 'lex_a', B: 'lex_b', C: 'lex_c', D: 'lex_d' };
const COLUMNS = WEIGHTS.map((weight) => LEXEME_COLUMNS[weight]);

/** A lexeme in an FTS5 query: a quoted string (lexemes are letters and digits; quotes doubled all the same). */
const quoteString = (value: string) => `"${value.replace(/"/g, '""')}"`;

const termMatch = (term: Term): string => `(${[...term.exact.map(quoteString), ...(term.prefix ? [`${quoteString(term.prefix)}*`] : [])].join(' OR ')})`;

/** The lexemes of each weight class as the index holds them (utils/languages: what PostgreSQL's dictionaries do). */
const lexemeColumn = (entry: EntryInput, analyzer: Analyzer, weight: Weight): string => {
  const lexemes = new Set(entry.words[weight].map((word) => lexeme(analyzer, word)).filter((value): value is string => value !== null));
  return lexemes.size > 0 ? ` ${[...lexemes].join(' ')} ` : ' ';
};

/**
 * SQLite: each entry's lexemes per weight class (stemmed in JavaScript by the same Snowball
 * algorithms and stop words as PostgreSQL's dictionaries), with an FTS5 index over them kept
 * by triggers (external content; the `ascii` tokenizer counts every non-ASCII character as
 * part of a word, so the index splits exactly where utils/tokens did; `detail=none`: no
 * positions, which nothing here reads). Scoring looks the lexemes up in those columns.
 */
export const sqliteDialect = (strapi: Core.Strapi): StoreDialect => {
  const knex = (): Knex => strapi.db.connection;
  const { entries, texts, words, meta, fts } = TABLES;

  const ranking: RankingDialect = {
    matches: (match, plan) => ({
      sql: `e.type IN (${plan.types.map(() => '?').join(', ')}) AND e.locale = ? AND e.id IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)`,
      bindings: [...plan.types, match.locale, match.terms.map(termMatch).join(' AND ')],
    }),
    walkMatches: (match) => ({
      sql: `e.id IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)`,
      bindings: [match.terms.map(termMatch).join(' AND ')],
    }),
    present: (term, weight) => {
      const column = `e.${LEXEME_COLUMNS[weight]}`;
      const needles = [...term.exact.map((value) => ` ${value} `), ...(term.prefix ? [` ${term.prefix}`] : [])];
      return { sql: `(${needles.map(() => `instr(${column}, ?) > 0`).join(' OR ')})`, bindings: needles };
    },
    double: 'REAL',
  };

  return {
    name: 'sqlite',
    knex,
    tables: { entries, texts, words, meta },
    rows: <Row>(result: unknown) => result as Row[],

    async hasMeta(trx) {
      const found = (await trx.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", [meta])) as unknown[];
      return found.length > 0;
    },

    async create(trx) {
      for (const trigger of ['ai', 'ad', 'au']) await trx.raw(`DROP TRIGGER IF EXISTS ${entries}_${trigger}`);
      for (const name of [fts, words, texts, entries, meta]) await trx.raw(`DROP TABLE IF EXISTS ${name}`);
      await trx.raw(`
        CREATE TABLE ${entries} (
          id INTEGER PRIMARY KEY,
          type TEXT NOT NULL,
          document_id TEXT NOT NULL,
          locale TEXT NOT NULL,
          published_at TEXT NOT NULL,
          digest TEXT NOT NULL,
          ${COLUMNS.map((column) => `${column} TEXT NOT NULL`).join(', ')},
          UNIQUE (type, document_id, locale)
        )`);
      await trx.raw(`CREATE VIRTUAL TABLE ${fts} USING fts5(${COLUMNS.join(', ')}, content='${entries}', content_rowid='id', tokenize='ascii', detail='none')`);
      const values = (row: 'new' | 'old') => COLUMNS.map((column) => `${row}.${column}`).join(', ');
      await trx.raw(`CREATE TRIGGER ${entries}_ai AFTER INSERT ON ${entries} BEGIN
        INSERT INTO ${fts} (rowid, ${COLUMNS.join(', ')}) VALUES (new.id, ${values('new')}); END`);
      await trx.raw(`CREATE TRIGGER ${entries}_ad AFTER DELETE ON ${entries} BEGIN
        INSERT INTO ${fts} (${fts}, rowid, ${COLUMNS.join(', ')}) VALUES ('delete', old.id, ${values('old')}); END`);
      await trx.raw(`CREATE TRIGGER ${entries}_au AFTER UPDATE ON ${entries} BEGIN
        INSERT INTO ${fts} (${fts}, rowid, ${COLUMNS.join(', ')}) VALUES ('delete', old.id, ${values('old')});
        INSERT INTO ${fts} (rowid, ${COLUMNS.join(', ')}) VALUES (new.id, ${values('new')}); END`);
      await trx.raw(`
        CREATE TABLE ${texts} (
          entry_id INTEGER PRIMARY KEY REFERENCES ${entries} (id) ON DELETE CASCADE,
          slug TEXT,
          title TEXT NOT NULL,
          plain_text TEXT NOT NULL
        )`);
      await trx.raw(`
        CREATE TABLE ${words} (
          locale TEXT NOT NULL,
          word TEXT NOT NULL,
          entry_id INTEGER NOT NULL REFERENCES ${entries} (id) ON DELETE CASCADE,
          PRIMARY KEY (locale, word, entry_id)
        ) WITHOUT ROWID`);
      await trx.raw(`CREATE INDEX ${words}_entry_idx ON ${words} (entry_id)`);
      await trx.raw(`CREATE TABLE ${meta} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    },

    async clear(trx) {
      for (const name of [words, texts, entries]) await trx.raw(`DELETE FROM ${name}`);
    },

    vector: {
      columns: COLUMNS,
      values: (entry, analyzer) => ({ sql: COLUMNS.map(() => '?').join(', '), bindings: WEIGHTS.map((weight) => lexemeColumn(entry, analyzer, weight)) }),
    },

    ranking,
    jsonStrings: 'json_each(?) AS c',

    async lexemes(analyzer, list) {
      return list.map((word) => {
        const value = lexeme(analyzer, word);
        return value === null ? [] : [value];
      });
    },
  };
};
