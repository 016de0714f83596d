/**
 * An in-memory stand-in for the document service, for unit tests of plugin code that decides
 * with a filter what is shown at a given instant (an embargo, the end of an event). It reads
 * the filters as the database would, so a test states what is shown, not which filter object
 * was built: `$and`, `$or`, `$not`, `$eq`, `$ne`, `$in`, `$null`, `$notNull`, `$lt`, `$lte`,
 * `$gt`, `$gte`; a nested object filters a component or relation (a list: any of its items).
 * Times compare as instants, whether written as ISO strings, Dates or epoch milliseconds.
 */

type Row = Record<string, unknown>;
type Filters = Record<string, unknown>;

const ISO = /^\d{4}-\d{2}-\d{2}T/;

/** Instants as epoch milliseconds; anything else as it is. */
const comparable = (value: unknown): unknown => {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' && ISO.test(value)) return Date.parse(value);
  return value;
};

const isOperators = (condition: unknown): condition is Record<string, unknown> =>
  typeof condition === 'object' && condition !== null && !Array.isArray(condition) && Object.keys(condition).every((key) => key.startsWith('$'));

const compare = (value: unknown, operator: string, operand: unknown): boolean => {
  const left = comparable(value);
  const right = comparable(operand);
  switch (operator) {
    case '$eq':
      return left === right;
    case '$ne':
      return left !== right;
    case '$in':
      return (operand as unknown[]).map(comparable).includes(left);
    case '$null':
      return (value === null || value === undefined) === Boolean(operand);
    case '$notNull':
      return (value !== null && value !== undefined) === Boolean(operand);
    case '$lt':
      return left !== null && left !== undefined && (left as number) < (right as number);
    case '$lte':
      return left !== null && left !== undefined && (left as number) <= (right as number);
    case '$gt':
      return left !== null && left !== undefined && (left as number) > (right as number);
    case '$gte':
      return left !== null && left !== undefined && (left as number) >= (right as number);
    default:
      throw new Error(`document-filters: operator ${operator} is not supported`);
  }
};

/** Whether `row` passes `filters`. */
export const matches = (row: Row, filters: Filters | undefined): boolean =>
  Object.entries(filters ?? {}).every(([key, condition]) => {
    if (key === '$and') return (condition as Filters[]).every((part) => matches(row, part));
    if (key === '$or') return (condition as Filters[]).some((part) => matches(row, part));
    if (key === '$not') return !matches(row, condition as Filters);
    const value = row[key];
    if (isOperators(condition)) return Object.entries(condition).every(([operator, operand]) => compare(value, operator, operand));
    if (typeof condition === 'object' && condition !== null) {
      if (Array.isArray(value)) return value.some((item) => matches(item as Row, condition as Filters));
      return value !== null && value !== undefined && typeof value === 'object' && matches(value as Row, condition as Filters);
    }
    return compare(value, '$eq', condition);
  });

type Sort = Array<Record<string, 'asc' | 'desc'>> | Record<string, 'asc' | 'desc'> | undefined;

const sorted = (rows: Row[], sort: Sort): Row[] => {
  const keys = (Array.isArray(sort) ? sort : sort ? [sort] : []).flatMap((part) => Object.entries(part));
  return [...rows].sort((a, b) => {
    for (const [field, direction] of keys) {
      const left = comparable(a[field]) as number | string;
      const right = comparable(b[field]) as number | string;
      if (left !== right) return (left < right ? -1 : 1) * (direction === 'desc' ? -1 : 1);
    }
    return 0;
  });
};

export type FindParams = { locale?: string; filters?: Filters; sort?: Sort; start?: number; limit?: number };

/**
 * The document service of one content type holding `rows` (each published, in its `locale`):
 * findMany, findFirst and count with `locale`, `filters`, `sort`, `start` and `limit`. Every
 * call's parameters are kept in `calls`.
 */
export const fakeDocuments = (rows: Row[]) => {
  const calls: FindParams[] = [];
  const find = (params: FindParams): Row[] => {
    calls.push(params);
    const found = sorted(
      rows.filter((row) => (params.locale === undefined || row.locale === params.locale) && matches(row, params.filters)),
      params.sort,
    );
    const start = params.start ?? 0;
    return found.slice(start, params.limit === undefined ? undefined : start + params.limit);
  };
  return {
    calls,
    findMany: async (params: FindParams) => find(params),
    findFirst: async (params: FindParams) => find({ ...params, start: 0, limit: 1 })[0] ?? null,
    count: async (params: FindParams) => find({ ...params, start: 0, limit: undefined }).length,
  };
};
