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
          // OFFSET 0 keeps PostgreSQL from turning this into an anti-join, which it would plan
          // as a hash of every entry of the earlier locales when it misjudges the hits.
          sql: `NOT EXISTS (SELECT 1 FROM ${table} p WHERE p.type = e.type AND p.document_id = e.document_id AND p.locale IN (${placeholders(match.before)}) LIMIT 1 OFFSET 0)`,
          bindings: match.before,
        },
      ];

/** The locales of the chain whose query has a word (the others match nothing); none: the search finds nothing. */
export const matchingLocales = (plan: SearchPlan): LocaleMatch[] => (plan.types.length === 0 ? [] : plan.locales.filter((match) => match.terms.length > 0));

/**
 * The matches of one locale as CTE `m<index>`, scored (the vector is read for the rows this
 * returns only), at most `maxHits + 1` of them (one more than are ranked, to tell whether
 * there are more), in one of two ways:
 * - from the full-text index, in no order: right when the locale has no more than `maxHits`
 *   (the CTE, `MATERIALIZED`, keeps the database from walking the whole locale for a few
 *   matches instead);
 * - `walk`: the locale's entries newest first, down the index of (locale, published_at), each
 *   checked as the walk meets it: right always, and what a locale with more matches than are
 *   ranked needs: a query that matches most entries stops after about `maxHits` of them,
 *   however many there are.
 */
const localeMatches = (table: string, plan: SearchPlan, match: LocaleMatch, dialect: RankingDialect, walk: boolean, index: number): Sql => {
  const points = score(match, dialect);
  const select = `SELECT e.id, e.type, e.document_id, e.locale, e.published_at, ${points.sql} AS score FROM ${table} e`;
  if (!walk) {
    const where = all([dialect.matches(match, plan), ...firstInChain(table, match)], ' AND ');
    return { sql: `m${index} AS MATERIALIZED (${select} WHERE ${where.sql} LIMIT ?)`, bindings: [...points.bindings, ...where.bindings, plan.maxHits + 1] };
  }
  const where = all(
    [
      { sql: `e.type IN (${placeholders(plan.types)}) AND e.locale = ?`, bindings: [...plan.types, match.locale] },
      dialect.walkMatches(match, plan),
      ...firstInChain(table, match),
    ],
    ' AND ',
  );
  return {
    sql: `m${index} AS MATERIALIZED (${select} WHERE ${where.sql} ORDER BY e.published_at DESC, e.type, e.document_id, e.locale LIMIT ?)`,
    bindings: [...points.bindings, ...where.bindings, plan.maxHits + 1],
  };
};

const matchCtes = (table: string, plan: SearchPlan, dialect: RankingDialect, locales: LocaleMatch[], walk: boolean[]): Sql =>
  all(
    locales.map((match, index) => localeMatches(table, plan, match, dialect, walk[index] ?? false, index)),
    ', ',
  );

/** How many entries each locale matched, up to `maxHits + 1`: columns `n0`, `n1` … */
const counts = (locales: LocaleMatch[]) => locales.map((_, index) => `(SELECT count(*) FROM m${index}) AS n${index}`).join(', ');

/**
 * One page of hits (`id`, `score`), best first (score, then the most recently published, then
 * type, documentId and locale) among the newest `maxHits` matches of the chain, with how many
 * entries each locale matched (`counts`). `locales`: `matchingLocales(plan)`, at least one;
 * `walk`: which of them are walked (see `localeMatches`); the page is right when every locale
 * that is not has at most `maxHits` matches. No row: nothing matched (on the first page), or
 * the page is past the last.
 */
export const searchQuery = (table: string, plan: SearchPlan, dialect: RankingDialect, locales: LocaleMatch[], walk: boolean[]): Sql => {
  const matches = matchCtes(table, plan, dialect, locales, walk);
  const union = locales.map((_, index) => `SELECT * FROM m${index}`).join(' UNION ALL ');
  return {
    sql:
      `WITH ${matches.sql}, considered AS MATERIALIZED (SELECT * FROM (${union}) f ORDER BY ${RECENT} LIMIT ?) ` +
      `SELECT id, score, ${counts(locales)} FROM considered ORDER BY score DESC, ${RECENT} LIMIT ? OFFSET ?`,
    bindings: [...matches.bindings, plan.maxHits, plan.limit, plan.offset],
  };
};

/** `searchQuery`'s counts alone, for a page past the last. */
export const countQuery = (table: string, plan: SearchPlan, dialect: RankingDialect, locales: LocaleMatch[], walk: boolean[]): Sql => {
  const matches = matchCtes(table, plan, dialect, locales, walk);
  return { sql: `WITH ${matches.sql} SELECT ${counts(locales)}`, bindings: matches.bindings };
};
