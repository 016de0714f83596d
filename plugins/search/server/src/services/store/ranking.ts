import { WEIGHTS, type Weight } from '../../config/content-types';
import { MAX_POINTS_PER_TERM, WEIGHT_POINTS, type LocaleMatch, type SearchPlan, type Term } from './types';

/** SQL with its bindings. */
export type Sql = { sql: string; bindings: unknown[] };

/** What differs between the databases: how an entry `e` matches a locale's query, and a term in one weight class. */
export type RankingDialect = {
  matches(match: LocaleMatch, plan: SearchPlan): Sql;
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

/**
 * The hits in one locale, scored. With a fallback chain, an entry counts only when its
 * document has no entry in an earlier locale of the chain: each document is shown once, in the
 * first locale it is published in (whether or not that version matches).
 */
const localeHits = (table: string, plan: SearchPlan, match: LocaleMatch, dialect: RankingDialect): Sql => {
  const matches = dialect.matches(match, plan);
  const points = score(match, dialect);
  const parts: Sql[] = [{ sql: `e.type IN (${placeholders(plan.types)}) AND e.locale = ?`, bindings: [...plan.types, match.locale] }, matches];
  if (match.before.length > 0) {
    parts.push({
      sql: `NOT EXISTS (SELECT 1 FROM ${table} p WHERE p.type = e.type AND p.document_id = e.document_id AND p.locale IN (${placeholders(match.before)}))`,
      bindings: match.before,
    });
  }
  const where = all(parts, ' AND ');
  return {
    sql: `SELECT e.id, e.type, e.document_id, e.locale, e.published_at, ${points.sql} AS score FROM ${table} e WHERE ${where.sql}`,
    bindings: [...points.bindings, ...where.bindings],
  };
};

/**
 * Every hit, one branch per locale of the chain (each on its own: an index lookup per hit for
 * the fallback condition, rather than a scan of every earlier locale's entries); locales whose
 * query has no word are left out: they match nothing.
 */
const allHits = (table: string, plan: SearchPlan, dialect: RankingDialect): Sql | null => {
  const matching = plan.locales.filter((match) => match.terms.length > 0);
  if (matching.length === 0 || plan.types.length === 0) return null;
  return all(
    matching.map((match) => localeHits(table, plan, match, dialect)),
    ' UNION ALL ',
  );
};

/**
 * One page of hits, best first: score, then the most recently published, then type,
 * documentId and locale (byte order on both databases), with the number of all hits.
 *
 * The hits are scored once, into narrow rows (`MATERIALIZED`: PostgreSQL would otherwise carry
 * each row's whole vector up to the count and the sort, and spill them to disk).
 */
export const rankingQuery = (table: string, plan: SearchPlan, dialect: RankingDialect): Sql | null => {
  const hits = allHits(table, plan, dialect);
  if (!hits) return null;
  return {
    sql:
      `WITH hits AS MATERIALIZED (${hits.sql}) ` +
      'SELECT id, score, count(*) OVER () AS total FROM hits ORDER BY score DESC, published_at DESC, type, document_id, locale LIMIT ? OFFSET ?',
    bindings: [...hits.bindings, plan.limit, plan.offset],
  };
};

/** How many entries a search matches (for a page past the last, which has no row to count on). */
export const countQuery = (table: string, plan: SearchPlan, dialect: RankingDialect): Sql | null => {
  const hits = allHits(table, plan, dialect);
  return hits && { sql: `SELECT count(*) AS total FROM (${hits.sql}) counted`, bindings: hits.bindings };
};
