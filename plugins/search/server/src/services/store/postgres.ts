import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { WEIGHTS, type Weight } from '../../config/content-types';
import type { Analyzer } from '../../utils/languages';
import type { RankingDialect } from './ranking';
import type { StoreDialect } from './store';
import { TABLES, type Term } from './types';

type Rows<T> = { rows: T[] };

/** A double-quoted identifier. */
const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A lexeme in tsquery syntax: quoted (lexemes are letters and digits; quotes and backslashes escaped all the same). */
const quoteLexeme = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** `('a' | 'b' | 'c':*)`, each lexeme limited to weight class `weight` when given. */
const termQuery = (term: Term, weight: Weight | null): string => {
  const label = weight ?? '';
  const options = [
    ...term.exact.map((lexeme) => `${quoteLexeme(lexeme)}${label ? `:${label}` : ''}`),
    ...(term.prefix ? [`${quoteLexeme(term.prefix)}:*${label}`] : []),
  ];
  return `(${options.join(' | ')})`;
};

/**
 * Lexemes no word can give (utils/tokens makes words of letters and digits only) that mark each
 * entry's locale and type in its vector, so that the GIN index finds a locale's (and types')
 * matches itself instead of fetching every matching row of every locale to filter them.
 */
const localeMarker = (locale: string) => `~l:${locale}`;
const typeMarker = (type: string) => `~t:${type}`;

/** Text search configurations by name: only these ever reach SQL. */
const CONFIGS = new Set(['english', 'russian', 'french', 'spanish', 'simple']);

const configOf = (analyzer: Analyzer): string => {
  if (!CONFIGS.has(analyzer.pgConfig)) throw new Error(`search: no text search configuration ${analyzer.pgConfig}`);
  return analyzer.pgConfig;
};

/**
 * PostgreSQL: each entry's words in one weighted `tsvector` (title A, lead or summary B,
 * headings C, body D), built by `to_tsvector` with the locale's text search configuration
 * (utils/languages) from the distinct normalised words of each class (utils/tokens; nothing
 * reads positions, so one per word keeps the vector small), with a GIN index. Queries are
 * tsqueries built from the lexemes PostgreSQL's own dictionary gives for the query's words.
 */
export const postgresDialect = (strapi: Core.Strapi): StoreDialect => {
  const knex = (): Knex => strapi.db.connection;
  const schema = strapi.db.getSchemaName();
  const table = (name: string) => (schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(name)}` : quoteIdentifier(name));
  const tables = { entries: table(TABLES.entries), texts: table(TABLES.texts), words: table(TABLES.words), meta: table(TABLES.meta) };
  const index = (name: string) => quoteIdentifier(`${name}`);

  const ranking: RankingDialect = {
    matches: (match, plan) => {
      const markers = [
        quoteLexeme(localeMarker(match.locale)),
        ...(plan.allTypes ? [] : [`(${plan.types.map((type) => quoteLexeme(typeMarker(type))).join(' | ')})`]),
      ];
      return { sql: 'e.tsv @@ ?::tsquery', bindings: [[...markers, ...match.terms.map((term) => termQuery(term, null))].join(' & ')] };
    },
    // Inside coalesce(), the planner has no estimate of how many entries match (it takes half)
    // and cannot use the GIN index: it walks the index of (locale, published_at) newest first,
    // which is what a query matching more than maxHits entries wants (its own estimate of a
    // query of common words is often ten times too low, and it would then fetch and sort every match).
    walkMatches: (match) => ({ sql: 'coalesce(e.tsv @@ ?::tsquery, false)', bindings: [match.terms.map((term) => termQuery(term, null)).join(' & ')] }),
    present: (term, weight) => ({ sql: 'e.tsv @@ ?::tsquery', bindings: [termQuery(term, weight)] }),
    double: 'double precision',
  };

  const lexemeMemo = new Map<string, string[]>();

  return {
    name: 'postgres',
    knex,
    tables,
    rows: <Row>(result: unknown) => (result as Rows<Row>).rows,

    async hasMeta(trx) {
      // One instance migrates; others starting at the same moment wait here, then find it done.
      await trx.raw("SELECT pg_advisory_xact_lock(hashtext('union-comms search index'))");
      const found = (await trx.raw('SELECT to_regclass(?) AS name', [tables.meta])) as Rows<{ name: string | null }>;
      return Boolean(found.rows[0]?.name);
    },

    async create(trx) {
      await trx.raw(`DROP TABLE IF EXISTS ${tables.words}, ${tables.texts}, ${tables.entries}, ${tables.meta}`);
      // Rows stay whole up to a page (toast_tuple_target) and the vector inline (MAIN): scoring
      // reads it several times per hit, and a vector moved out of line costs a fetch each time.
      await trx.raw(`
        CREATE TABLE ${tables.entries} (
          id bigserial PRIMARY KEY,
          type varchar(64) COLLATE "C" NOT NULL,
          document_id varchar(255) COLLATE "C" NOT NULL,
          locale varchar(32) COLLATE "C" NOT NULL,
          published_at varchar(32) COLLATE "C" NOT NULL,
          digest varchar(64) NOT NULL,
          tsv tsvector NOT NULL,
          CONSTRAINT ${index(`${TABLES.entries}_document_uq`)} UNIQUE (type, document_id, locale)
        ) WITH (toast_tuple_target = 8160)`);
      await trx.raw(`ALTER TABLE ${tables.entries} ALTER COLUMN tsv SET STORAGE MAIN`);
      await trx.raw(`CREATE INDEX ${index(`${TABLES.entries}_tsv_idx`)} ON ${tables.entries} USING gin (tsv)`);
      await trx.raw(`
        CREATE TABLE ${tables.texts} (
          entry_id bigint PRIMARY KEY REFERENCES ${tables.entries} (id) ON DELETE CASCADE,
          slug varchar(255),
          title text NOT NULL,
          plain_text text NOT NULL
        )`);
      await trx.raw(`
        CREATE TABLE ${tables.words} (
          locale varchar(32) COLLATE "C" NOT NULL,
          word varchar(255) COLLATE "C" NOT NULL,
          entry_id bigint NOT NULL REFERENCES ${tables.entries} (id) ON DELETE CASCADE,
          PRIMARY KEY (locale, word, entry_id)
        )`);
      await trx.raw(`CREATE INDEX ${index(`${TABLES.words}_entry_idx`)} ON ${tables.words} (entry_id)`);
      await trx.raw(`CREATE TABLE ${tables.meta} (key varchar(64) PRIMARY KEY, value text NOT NULL)`);
    },

    async clear(trx) {
      await trx.raw(`TRUNCATE ${tables.words}, ${tables.texts}, ${tables.entries}`);
    },

    vector: {
      columns: ['tsv'],
      values(entry, analyzer) {
        const config = configOf(analyzer);
        return {
          sql: `${WEIGHTS.map((weight) => `setweight(to_tsvector(?::regconfig, ?), '${weight}')`).join(' || ')} || array_to_tsvector(ARRAY[?, ?])`,
          bindings: [...WEIGHTS.flatMap((weight) => [config, [...new Set(entry.words[weight])].join(' ')]), localeMarker(entry.locale), typeMarker(entry.type)],
        };
      },
    },

    ranking,
    jsonStrings: 'json_array_elements_text(?::json) AS c(value)',

    async lexemes(analyzer, list) {
      const config = configOf(analyzer);
      const missing = [...new Set(list.filter((word) => !lexemeMemo.has(`${config}:${word}`)))];
      if (missing.length > 0) {
        const result = (await knex().raw(
          'SELECT w.word AS word, tsvector_to_array(to_tsvector(?::regconfig, w.word)) AS lexemes FROM json_array_elements_text(?::json) AS w(word)',
          [config, JSON.stringify(missing)],
        )) as Rows<{ word: string; lexemes: string[] }>;
        if (lexemeMemo.size > 50_000) lexemeMemo.clear();
        for (const row of result.rows) lexemeMemo.set(`${config}:${row.word}`, row.lexemes);
      }
      return list.map((word) => lexemeMemo.get(`${config}:${word}`) ?? []);
    },
  };
};
