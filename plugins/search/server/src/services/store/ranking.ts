import { WEIGHTS, type Weight } from '../../config/content-types';
import { MAX_POINTS_PER_TERM, WEIGHT_POINTS, type LocaleMatch, type SearchPlan, type Term } from './types';

/** SQL with its bindings. */
export type Sql = { sql: string; bindings: unknown[] };

/** What differs between the databases: how an entry `e` matches a locale's query, and a term in one weight class. */
export type RankingDialect = {
  /**
   * The entries of the locale and types of `plan` that match, as the database finds them
   * from its full-text index (the locale and types included: PostgreSQL's vectors carry them).
   */
  matches(match: LocaleMatch, plan: SearchPlan): Sql;
  /**
   * Whether an entry of the locale and types (narrowed by the caller through the index of
   * (locale, published_at)) matches, checked row by row as a walk of that index meets it.
   */
  walkMatches(match: LocaleMatch, plan: SearchPlan): Sql;
  present(term: Term, weight: Weight): Sql;
  /** The SQL type of a double-precision number. */
  double: string;
};

const all = (parts: Sql[], separator: string): Sql => ({
  sql: parts.map((part) => part.sql).join(separator),
  bindings: parts.flatMap((part) => part.bindings),
});

const placeholders = (values: unknown[]) => values.map(() => '?').join(', ');

/**
 * The score of an entry for one locale's query: for each query word, the points of each
 * weight class it is found in (title 10, lead or summary 4, secondary headings 2, body 1),
 * summed, over the most the query could get. The same integers on both databases, divided
 * once in IEEE double precision: equal entries rank equally everywhere.
 */
const score = (match: LocaleMatch, dialect: RankingDialect): Sql => {
  const points = all(
    match.terms.flatMap((term) =>
      WEIGHTS.map((weight) => {
        const present = dialect.present(term, weight);
        return { sql: `(CASE WHEN ${present.sql} THEN ${WEIGHT_POINTS[weight]} ELSE 0 END)`, bindings: present.bindings };
      }),
    ),
    ' + ',
  );
  return { sql: `CAST(${points.sql} AS ${dialect.double}) / ?`, bindings: [...points.bindings, match.terms.length * MAX_POINTS_PER_TERM] };
};

/** The order of "most recently published first", ties by type, documentId and locale (byte order on both databases). */
const RECENT = 'published_at DESC, type, document_id, locale';
const KEYS = 'e.id, e.type, e.document_id, e.locale, e.published_at';

/**
 * With a fallback chain, an entry counts only when its document has no entry in an earlier
 * locale of the chain: each document is shown once, in the first locale it is published in
 * (whether or not that version matches). An index lookup per hit.
 */
const firstInChain = (table: string, match: LocaleMatch): Sql[] =>
  match.before.length === 0
    ? []
    : [
        {
          sql: `NOT EXISTS (SELECT 1 FROM ${table} p WHERE p.type = e.type AND p.document_id = e.document_id AND p.locale IN (${placeholders(match.before)}))`,
          bindings: match.before,
        },
      ];

/** The locales of the chain whose query has a word (the others match nothing); none: the search finds nothing. */
export const matchingLocales = (plan: SearchPlan): LocaleMatch[] => (plan.types.length === 0 ? [] : plan.locales.filter((match) => match.terms.length > 0));

/**
 * How many entries each locale of the chain matches, counted up to `maxHits + 1` (one column
 * per locale of `matchingLocales`, `n0`, `n1` …): from the full-text index, stopping at the
 * bound. Whether a locale has more matches than are ranked decides how its newest are found.
 */
export const probeQuery = (table: string, plan: SearchPlan, dialect: RankingDialect): Sql | null => {
  const locales = matchingLocales(plan);
  if (locales.length === 0) return null;
  const counts = locales.map((match, index) => {
    const where = all([dialect.matches(match, plan), ...firstInChain(table, match)], ' AND ');
    return {
      sql: `(SELECT count(*) FROM (SELECT 1 FROM ${table} e WHERE ${where.sql} LIMIT ?) p${index}) AS n${index}`,
      bindings: [...where.bindings, plan.maxHits + 1],
    };
  });
  const select = all(counts, ', ');
  return { sql: `SELECT ${select.sql}`, bindings: select.bindings };
};

/**
 * The newest matches of one locale, at most `maxHits`, keys only, in one of two ways:
 * - `walk` (the locale has more matches than are ranked): its entries newest first, down the
 *   index of (locale, published_at), each checked as it comes, until `maxHits` match. A query
 *   that matches most entries stops after about `maxHits` of them, however many there are.
 * - otherwise every match, from the full-text index (few: at most `maxHits`), sorted. The
 *   CTE (`MATERIALIZED`) keeps the database from walking the whole locale for them instead.
 */
const newest = (table: string, plan: SearchPlan, match: LocaleMatch, dialect: RankingDialect, walk: boolean, index: number): { cte: Sql; select: string } => {
  const name = `m${index}`;
  if (walk) {
    const where = all(
      [
        { sql: `e.type IN (${placeholders(plan.types)}) AND e.locale = ?`, bindings: [...plan.types, match.locale] },
        dialect.walkMatches(match, plan),
        ...firstInChain(table, match),
      ],
      ' AND ',
    );
    return {
      cte: {
        sql: `${name} AS MATERIALIZED (SELECT ${KEYS} FROM ${table} e WHERE ${where.sql} ORDER BY e.published_at DESC, e.type, e.document_id, e.locale LIMIT ?)`,
        bindings: [...where.bindings, plan.maxHits],
      },
      select: `SELECT * FROM ${name}`,
    };
  }
  const where = all([dialect.matches(match, plan), ...firstInChain(table, match)], ' AND ');
  return {
    cte: { sql: `${name} AS MATERIALIZED (SELECT ${KEYS} FROM ${table} e WHERE ${where.sql})`, bindings: where.bindings },
    select: `SELECT * FROM ${name}`,
  };
};

/**
 * One page of hits, best first: score, then the most recently published, then type,
 * documentId and locale. Only the newest `maxHits` matches of the chain are scored (`walk`:
 * for each locale of `matchingLocales`, whether it has more matches than that, from
 * `probeQuery`), and their vectors are read only then (joined by id: the CTEs stay narrow).
 */
export const rankingQuery = (table: string, plan: SearchPlan, dialect: RankingDialect, walk: boolean[]): Sql | null => {
  const locales = matchingLocales(plan);
  if (locales.length === 0) return null;
  const parts = locales.map((match, index) => newest(table, plan, match, dialect, walk[index] ?? true, index));
  const ctes = all(
    parts.map((part) => part.cte),
    ', ',
  );
  const scored = all(
    locales.map((match) => {
      const points = score(match, dialect);
      return {
        sql: `SELECT c.id, c.type, c.document_id, c.locale, c.published_at, ${points.sql} AS score FROM considered c JOIN ${table} e ON e.id = c.id WHERE c.locale = ?`,
        bindings: [...points.bindings, match.locale],
      };
    }),
    ' UNION ALL ',
  );
  return {
    sql:
      `WITH ${ctes.sql}, considered AS MATERIALIZED (SELECT * FROM (${parts.map((part) => part.select).join(' UNION ALL ')}) f ORDER BY ${RECENT} LIMIT ?), ` +
      `hits AS MATERIALIZED (${scored.sql}) ` +
      'SELECT id, score FROM hits ORDER BY score DESC, published_at DESC, type, document_id, locale LIMIT ? OFFSET ?',
    bindings: [...ctes.bindings, plan.maxHits, ...scored.bindings, plan.limit, plan.offset],
  };
};
