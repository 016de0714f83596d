import { MAX_PAGE_SIZE } from '../../config/api';

/**
 * The shape of a content-API query, checked against the content type it reads before Strapi
 * builds SQL from it.
 *
 * Strapi checks the keys of a query (unknown attributes, private fields) but trusts the shape
 * of the values: `filters[$or]=x`, `filters[title][$between][0]=a` or `filters[title][$eq][$eq]=a`
 * reach the query builder and fail there with a 500, and values it cannot use (`pagination[page]=0`,
 * `limit=-1`, `filters[title][$null]=maybe`) are quietly guessed at. Every such value is refused
 * here with a problem that names where it is. Unknown keys are left to Strapi's own validation,
 * which refuses them with its usual message.
 *
 * One code path for REST (query strings, where every value is a string, an array or an object)
 * and GraphQL (typed arguments, converted to the same shape by Strapi's GraphQL plugin).
 */

/** What the shape of a filter depends on: the type of an attribute and where a relation leads. */
export type QueryAttribute = { type: string; target?: string; component?: string };
export type QueryModel = { attributes: Record<string, QueryAttribute> };
export type ModelLookup = (uid: string) => QueryModel | undefined;

export type QueryProblem = { path: string[]; message: string };

export type QueryCheckOptions = {
  getModel: ModelLookup;
  /** How paths are written in messages: `filters[title][$eq]` (REST) or `filters.title.eq` (GraphQL). */
  style?: 'rest' | 'graphql';
};

type Context = { getModel: ModelLookup; at: (path: string[]) => string; op: (operator: string) => string };
type Check = QueryProblem | undefined;

const EQUALITY_OPERATORS = new Set(['$eq', '$ne', '$eqi', '$nei']);
const ORDER_OPERATORS = new Set(['$lt', '$lte', '$gt', '$gte']);
const TEXT_OPERATORS = new Set(['$contains', '$notContains', '$containsi', '$notContainsi', '$startsWith', '$startsWithi', '$endsWith', '$endsWithi']);
const LIST_OPERATORS = new Set(['$in', '$notIn']);
const NULL_OPERATORS = new Set(['$null', '$notNull']);
const GROUP_OPERATORS = new Set(['$and', '$or']);
/**
 * The operators a client may apply to an attribute. Strapi's `$jsonSupersetOf` is left out: it is
 * "experimental, only for internal use" in Strapi, and only means something for JSON columns on
 * PostgreSQL.
 */
const ATTRIBUTE_OPERATORS = new Set([...EQUALITY_OPERATORS, ...ORDER_OPERATORS, ...TEXT_OPERATORS, ...LIST_OPERATORS, ...NULL_OPERATORS, '$not', '$between']);

/** Attribute types whose values are text: the only ones `LIKE` (`$contains`, `$startsWith`, …) works on in every database. */
const TEXT_TYPES = new Set(['string', 'text', 'richtext', 'email', 'uid', 'enumeration']);

/** Attributes every content type has without declaring them. */
const ID: QueryAttribute = { type: 'integer' };
const VIRTUAL_ATTRIBUTES: Record<string, QueryAttribute> = { id: ID, documentId: { type: 'string' } };

const PAGINATION_KEYS = ['page', 'pageSize', 'start', 'limit', 'withCount'];
/** What Strapi reads as a boolean `withCount`. */
const WITH_COUNT_VALUES = new Set<unknown>([true, false, 'true', 'false', 't', 'f', '1', '0', 1, 0]);
const BOOLEAN_VALUES = new Set<unknown>([true, false, 'true', 'false', 't', 'f', '1', '0', 1, 0]);
const NULL_CHECK_VALUES = new Set<unknown>([true, false, 'true', 'false']);
/** The highest page whose first row is still an exact offset at the largest page size. */
const MAX_PAGE = Math.floor(Number.MAX_SAFE_INTEGER / MAX_PAGE_SIZE) + 1;

const INTEGER = /^-?[0-9]+$/;
const DECIMAL = /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** An object of keys, as a query string or a GraphQL input object gives it (not an array, not a Date). */
const isRecord = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** One value: what a column can be compared with. GraphQL gives dates as Date objects. */
const isScalar = (value: unknown): boolean =>
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value)) ||
  typeof value === 'bigint' ||
  value instanceof Date;

const attributeOf = (model: QueryModel | undefined, key: string): QueryAttribute | undefined => {
  if (!model) return undefined;
  if (hasOwn(VIRTUAL_ATTRIBUTES, key)) return VIRTUAL_ATTRIBUTES[key];
  return hasOwn(model.attributes, key) ? model.attributes[key] : undefined;
};

/** The model a relation, component or media attribute leads to; undefined for scalars and polymorphic attributes. */
const targetOf = (attribute: QueryAttribute): string | undefined => {
  if (attribute.type === 'relation') return attribute.target;
  if (attribute.type === 'component') return attribute.component;
  if (attribute.type === 'media') return 'plugin::upload.file';
  return undefined;
};

/** Relations without a target (morph) and dynamic zones cannot be filtered: Strapi refuses them itself. */
const isPolymorphic = (attribute: QueryAttribute): boolean => attribute.type === 'dynamiczone' || (attribute.type === 'relation' && !attribute.target);

const problem = (path: string[], message: string): QueryProblem => ({ path, message });

/** Whether one value fits the attribute's type, as the database will compare it. */
const checkValue = (value: unknown, attribute: QueryAttribute | undefined, path: string[], context: Context): Check => {
  if (value === null || value === undefined) return problem(path, `${context.at(path)} must be a value, not null`);
  if (!isScalar(value)) return problem(path, `${context.at(path)} must be a single value, not a list or an object`);
  if (value instanceof Date || !attribute) return undefined;
  switch (attribute.type) {
    case 'integer':
    case 'biginteger':
      if (typeof value === 'number' ? Number.isInteger(value) : typeof value === 'bigint' || (typeof value === 'string' && INTEGER.test(value)))
        return undefined;
      return problem(path, `${context.at(path)} must be an integer`);
    case 'float':
    case 'decimal':
      if (typeof value === 'number' || (typeof value === 'string' && DECIMAL.test(value) && Number.isFinite(Number(value)))) return undefined;
      return problem(path, `${context.at(path)} must be a number`);
    case 'boolean':
      return BOOLEAN_VALUES.has(value) ? undefined : problem(path, `${context.at(path)} must be true or false`);
    default:
      return undefined;
  }
};

/** A list of values (`$in`, or several values of an operator meaning "any of them"). */
const checkValues = (values: unknown[], attribute: QueryAttribute | undefined, path: string[], context: Context, allowNull: boolean): Check => {
  for (const [index, value] of values.entries()) {
    if (value === null && allowNull) continue;
    const found = checkValue(value, attribute, [...path, String(index)], context);
    if (found) return found;
  }
  return undefined;
};

const checkOperator = (operator: string, value: unknown, attribute: QueryAttribute | undefined, path: string[], context: Context): Check => {
  const at = context.at(path);
  if (NULL_OPERATORS.has(operator)) {
    return NULL_CHECK_VALUES.has(value) ? undefined : problem(path, `${at} must be true or false`);
  }
  if (LIST_OPERATORS.has(operator)) {
    // A query string gives a list only for indexes up to 100; larger ones arrive as an object.
    if (!Array.isArray(value)) return problem(path, `${at} must be a list of at most 100 values`);
    // Strapi drops an empty list, which would turn "none of these" into "any".
    if (value.length === 0) return problem(path, `${at} needs at least one value`);
    return checkValues(value, attribute, path, context, false);
  }
  if (operator === '$between') {
    if (!Array.isArray(value) || value.length !== 2) return problem(path, `${at} needs exactly two values, the lower and the upper bound`);
    return checkValues(value, attribute, path, context, false);
  }
  if (operator === '$not') {
    return isRecord(value) ? checkAttributeWhere(value, attribute, path, context) : checkEqualTo(value, attribute, path, context);
  }
  if (isRecord(value)) return problem(path, `${at} must be a value: an operator cannot be nested inside ${context.op(operator)}`);
  if (EQUALITY_OPERATORS.has(operator)) return checkEqualTo(value, attribute, path, context);
  if (TEXT_OPERATORS.has(operator) && attribute && !TEXT_TYPES.has(attribute.type)) {
    return problem(path, `${at}: ${context.op(operator)} applies to text attributes only`);
  }
  if (value === null) return problem(path, `${at} must be a value, not null`);
  return Array.isArray(value) ? checkValues(value, attribute, path, context, false) : checkValue(value, attribute, path, context);
};

/** What an attribute may be equal to: a value, null (no value), or a list of them (any of them). */
const checkEqualTo = (value: unknown, attribute: QueryAttribute | undefined, path: string[], context: Context): Check => {
  if (value === null) return undefined;
  if (Array.isArray(value)) return checkValues(value, attribute, path, context, true);
  return checkValue(value, attribute, path, context);
};

/** The condition on one scalar attribute: a value, a list, or operators (`{ $gte: 1, $lt: 5 }`). */
const checkAttributeWhere = (value: unknown, attribute: QueryAttribute | undefined, path: string[], context: Context): Check => {
  if (!isRecord(value)) return checkEqualTo(value, attribute, path, context);
  for (const [operator, operand] of Object.entries(value)) {
    const operatorPath = [...path, operator];
    if (GROUP_OPERATORS.has(operator)) {
      return problem(operatorPath, `${context.op(operator)} combines conditions on attributes: put it before the attribute, not inside ${context.at(path)}`);
    }
    if (!ATTRIBUTE_OPERATORS.has(operator)) {
      return problem(
        operatorPath,
        operator.startsWith('$')
          ? `Unknown operator ${context.op(operator)} in ${context.at(path)}`
          : `${context.at(path)} is not a relation or component: "${operator}" is not one of its operators`,
      );
    }
    const found = checkOperator(operator, operand, attribute, operatorPath, context);
    if (found) return found;
  }
  return undefined;
};

/** The condition on a relation, component or media attribute. */
const checkRelationWhere = (value: unknown, target: QueryModel | undefined, path: string[], context: Context): Check => {
  // A value or a list of them: the ids of the related entries.
  if (!isRecord(value)) return checkEqualTo(value, ID, path, context);
  const keys = Object.keys(value);
  const operators = keys.filter((key) => key.startsWith('$'));
  if (operators.length === 0) return checkWhere(value, target, path, context);
  if (operators.length !== keys.length) {
    return problem(
      path,
      `${context.at(path)} mixes operators (${operators.map(context.op).join(', ')}) with attributes of the related entries; combine them with ${context.op('$and')}`,
    );
  }
  if (operators.length > 1)
    return problem(
      path,
      `${context.at(path)} takes one operator at a time (found ${operators.map(context.op).join(', ')}); combine them with ${context.op('$and')}`,
    );
  const [operator] = operators;
  if (GROUP_OPERATORS.has(operator)) return checkWhere(value, target, path, context);
  const operatorPath = [...path, operator];
  if (operator === '$not' && isRecord(value[operator])) {
    return problem(
      operatorPath,
      `${context.at(operatorPath)} cannot hold conditions on the related entries: put ${context.op('$not')} before ${context.at(path)} instead`,
    );
  }
  // An operator directly on a relation compares the ids of the related entries.
  if (!ATTRIBUTE_OPERATORS.has(operator)) return problem(operatorPath, `Unknown operator ${context.op(operator)} in ${context.at(path)}`);
  return checkOperator(operator, value[operator], ID, operatorPath, context);
};

/** A condition whose content type is unknown (a route that is not a content type's): only its operators are checked. */
const checkUntypedWhere = (value: unknown, path: string[], context: Context): Check => {
  if (!isRecord(value)) return checkEqualTo(value, undefined, path, context);
  const keys = Object.keys(value);
  const operators = keys.filter((key) => key.startsWith('$'));
  if (operators.length === 0 || operators.some((operator) => GROUP_OPERATORS.has(operator))) return checkWhere(value, undefined, path, context);
  if (operators.length !== keys.length) return problem(path, `${context.at(path)} mixes operators (${operators.map(context.op).join(', ')}) with attributes`);
  return checkAttributeWhere(value, undefined, path, context);
};

/** The conditions on the entries of one content type or component (`filters`, a relation's conditions, an element of `$and`). */
const checkWhere = (where: unknown, model: QueryModel | undefined, path: string[], context: Context): Check => {
  if (!isRecord(where)) return problem(path, `${context.at(path)} must be an object of conditions on attributes`);
  for (const [key, value] of Object.entries(where)) {
    const keyPath = [...path, key];
    if (GROUP_OPERATORS.has(key)) {
      // A query string gives a list only for indexes up to 100; larger ones arrive as an object.
      if (!Array.isArray(value)) return problem(keyPath, `${context.at(keyPath)} must be a list of at most 100 conditions`);
      // No condition is false for $or, but the database would drop the empty group and match every entry.
      if (value.length === 0 && key === '$or') return problem(keyPath, `${context.at(keyPath)} needs at least one condition`);
      for (const [index, condition] of value.entries()) {
        const found = checkWhere(condition, model, [...keyPath, String(index)], context);
        if (found) return found;
      }
      continue;
    }
    if (key === '$not') {
      const found = checkWhere(value, model, keyPath, context);
      if (found) return found;
      continue;
    }
    if (key.startsWith('$')) {
      if (ATTRIBUTE_OPERATORS.has(key))
        return problem(keyPath, `${context.op(key)} applies to an attribute: put it after one, not directly in ${context.at(path)}`);
      return problem(keyPath, `Unknown operator ${context.op(key)} in ${context.at(path)}`);
    }
    let found: Check;
    if (!model) {
      found = checkUntypedWhere(value, keyPath, context);
    } else {
      const attribute = attributeOf(model, key);
      // Unknown keys and polymorphic attributes: Strapi's own validation refuses them.
      if (!attribute || isPolymorphic(attribute)) continue;
      const target = targetOf(attribute);
      found = target ? checkRelationWhere(value, context.getModel(target), keyPath, context) : checkAttributeWhere(value, attribute, keyPath, context);
    }
    if (found) return found;
  }
  return undefined;
};

/** A whole number from a query string (decimal digits only) or a GraphQL Int; undefined if it is not one. */
const toInteger = (value: unknown): number | undefined => {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== 'string' || !/^[0-9]+$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : undefined;
};

/** `page`, `pageSize`, `start` and `limit`, wherever they are (`pagination[…]`, the top level of a query). */
const checkPaging = (values: Record<string, unknown>, pathOf: (key: string) => string[], context: Context): Check => {
  const ranges: Array<[key: string, min: number, max: number, expected: string]> = [
    ['page', 1, MAX_PAGE, `a positive integer (at most ${MAX_PAGE})`],
    ['pageSize', 1, MAX_PAGE_SIZE, `an integer from 1 to ${MAX_PAGE_SIZE}`],
    ['limit', 1, MAX_PAGE_SIZE, `an integer from 1 to ${MAX_PAGE_SIZE}`],
    ['start', 0, Number.MAX_SAFE_INTEGER, `an integer from 0 to ${Number.MAX_SAFE_INTEGER}`],
  ];
  for (const [key, min, max, expected] of ranges) {
    if (!hasOwn(values, key) || values[key] === undefined) continue;
    const number = toInteger(values[key]);
    if (number === undefined || number < min || number > max) return problem(pathOf(key), `${context.at(pathOf(key))} must be ${expected}`);
  }
  const paged = ['page', 'pageSize'].filter((key) => hasOwn(values, key) && values[key] !== undefined);
  const offset = ['start', 'limit'].filter((key) => hasOwn(values, key) && values[key] !== undefined);
  if (paged.length > 0 && offset.length > 0) {
    return problem(
      pathOf(offset[0]),
      `${context.at(pathOf(paged[0]))} cannot be combined with ${context.at(pathOf(offset[0]))}: use page and pageSize, or start and limit`,
    );
  }
  return undefined;
};

const checkPagination = (pagination: unknown, path: string[], context: Context): Check => {
  if (!isRecord(pagination)) return problem(path, `${context.at(path)} must be an object of page and pageSize (or start and limit)`);
  for (const key of Object.keys(pagination)) {
    if (!PAGINATION_KEYS.includes(key)) {
      return problem([...path, key], `${context.at([...path, key])} is not a pagination parameter (${PAGINATION_KEYS.join(', ')})`);
    }
  }
  if (hasOwn(pagination, 'withCount') && pagination.withCount !== undefined && !WITH_COUNT_VALUES.has(pagination.withCount)) {
    return problem([...path, 'withCount'], `${context.at([...path, 'withCount'])} must be true or false`);
  }
  return checkPaging(pagination, (key) => [...path, key], context);
};

const checkSortObject = (sort: Record<string, unknown>, model: QueryModel | undefined, path: string[], context: Context): Check => {
  for (const [key, value] of Object.entries(sort)) {
    const keyPath = [...path, key];
    const attribute = attributeOf(model, key);
    // Unknown keys: Strapi's own validation refuses them.
    if (model && !attribute) continue;
    const target = attribute ? targetOf(attribute) : undefined;
    let found: Check;
    if (isRecord(value) && (target || !attribute)) {
      found = checkSortObject(value, target ? context.getModel(target) : undefined, keyPath, context);
    } else if (typeof value !== 'string') {
      found = problem(keyPath, target ? `${context.at(keyPath)} must name attributes of the related entries` : `${context.at(keyPath)} must be asc or desc`);
    }
    if (found) return found;
  }
  return undefined;
};

/** `sort`: `title:asc`, a list of those, or objects (`sort[title]=asc`, `sort[publisher][name]=desc`). */
const checkSort = (sort: unknown, model: QueryModel | undefined, path: string[], context: Context): Check => {
  if (sort === undefined || sort === null || typeof sort === 'string') return undefined;
  if (Array.isArray(sort)) {
    for (const [index, item] of sort.entries()) {
      const itemPath = [...path, String(index)];
      if (typeof item === 'string') continue;
      const found = isRecord(item)
        ? checkSortObject(item, model, itemPath, context)
        : problem(itemPath, `${context.at(itemPath)} must be "attribute:asc" or an object`);
      if (found) return found;
    }
    return undefined;
  }
  if (isRecord(sort)) return checkSortObject(sort, model, path, context);
  return problem(path, `${context.at(path)} must be "attribute:asc", a list of those, or an object`);
};

/** The options of one populated relation: its filters, sort, populate, page. */
const checkPopulateEntry = (entry: Record<string, unknown>, model: QueryModel | undefined, path: string[], context: Context): Check => {
  if (hasOwn(entry, 'filters')) {
    const found = checkWhere(entry.filters, model, [...path, 'filters'], context);
    if (found) return found;
  }
  if (hasOwn(entry, 'pagination')) {
    const found = checkPagination(entry.pagination, [...path, 'pagination'], context);
    if (found) return found;
  }
  return (
    checkPaging(entry, (key) => [...path, key], context) ??
    checkSort(entry.sort, model, [...path, 'sort'], context) ??
    checkPopulate(entry.populate, model, [...path, 'populate'], context) ??
    checkFragments(entry.on, [...path, 'on'], context)
  );
};

/** `populate[zone][on][uid]…`: the options per type of a dynamic zone or polymorphic relation. */
const checkFragments = (fragments: unknown, path: string[], context: Context): Check => {
  if (!isRecord(fragments)) return undefined;
  for (const [uid, fragment] of Object.entries(fragments)) {
    if (!isRecord(fragment)) continue;
    const found = checkPopulateEntry(fragment, context.getModel(uid), [...path, uid], context);
    if (found) return found;
  }
  return undefined;
};

/** `populate`: strings and lists are Strapi's to check; objects hold the options of each relation. */
const checkPopulate = (populate: unknown, model: QueryModel | undefined, path: string[], context: Context): Check => {
  if (!isRecord(populate)) return undefined;
  for (const [key, entry] of Object.entries(populate)) {
    if (!isRecord(entry)) continue;
    const attribute = attributeOf(model, key);
    // Unknown keys: Strapi's own validation refuses them.
    if (model && !attribute) continue;
    const target = attribute && !isPolymorphic(attribute) ? targetOf(attribute) : undefined;
    // A scalar attribute has nothing to populate: Strapi refuses the options.
    if (attribute && !isPolymorphic(attribute) && !target) continue;
    const found = checkPopulateEntry(entry, target ? context.getModel(target) : undefined, [...path, key], context);
    if (found) return found;
  }
  return undefined;
};

const createContext = ({ getModel, style = 'rest' }: QueryCheckOptions): Context =>
  style === 'rest'
    ? { getModel, at: (path) => path.map((segment, index) => (index === 0 ? segment : `[${segment}]`)).join(''), op: (operator) => operator }
    : { getModel, at: (path) => path.map((segment) => segment.replace(/^\$/, '')).join('.'), op: (operator) => operator.replace(/^\$/, '') };

/** The first problem in `filters` (in Strapi's shape, with `$` operators) of a query on `model`. */
export const findFiltersProblem = (filters: unknown, model: QueryModel | undefined, options: QueryCheckOptions): Check =>
  checkWhere(filters, model, ['filters'], createContext(options));

/** The first problem in a `pagination` object (REST query or GraphQL argument). */
export const findPaginationProblem = (pagination: unknown, options: QueryCheckOptions): Check =>
  checkPagination(pagination, ['pagination'], createContext(options));

/**
 * The first problem in the query of a content-API request on `model` (undefined when the route
 * reads no content type of its own: only the shape of operators and pages is checked then).
 */
export const findContentQueryProblem = (query: Record<string, unknown>, model: QueryModel | undefined, options: QueryCheckOptions): Check => {
  const context = createContext(options);
  if (hasOwn(query, 'pagination')) {
    const found = checkPagination(query.pagination, ['pagination'], context);
    if (found) return found;
  }
  if (hasOwn(query, '_q') && typeof query._q !== 'string') return problem(['_q'], '_q must be a single search text');
  return (
    checkPaging(query, (key) => [key], context) ??
    (hasOwn(query, 'filters') ? checkWhere(query.filters, model, ['filters'], context) : undefined) ??
    checkSort(query.sort, model, ['sort'], context) ??
    checkPopulate(query.populate, model, ['populate'], context)
  );
};
