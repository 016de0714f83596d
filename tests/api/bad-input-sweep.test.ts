import type { Core } from '@strapi/strapi';
import { bootStrapi, http } from '../helpers/strapi';

/**
 * A sweep over filter operators x value shapes x places a filter can be written, over REST and
 * GraphQL: whatever an anonymous client sends, the answer is a 200 or a 400 in the transport's
 * error shape, never a 5xx and never a word about the database.
 */

let strapi: Core.Strapi;
let teardown: () => Promise<void>;

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi());
  // Listening once lets supertest send the sweep's requests side by side (it would otherwise
  // listen and close the server around each one); the teardown closes it.
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => teardown());

const OPERATORS = [
  '$eq',
  '$ne',
  '$lt',
  '$lte',
  '$gt',
  '$gte',
  '$in',
  '$notIn',
  '$contains',
  '$notContains',
  '$containsi',
  '$startsWith',
  '$endsWith',
  '$null',
  '$notNull',
  '$between',
  '$or',
  '$and',
  '$not',
  '$unknown',
];

const SHAPES: Record<string, unknown> = {
  'a scalar': 'a',
  'an empty value': '',
  'a 20-digit number': '12345678901234567890',
  'a list of 1': ['a'],
  'a list of 2': ['a', 'b'],
  'a list of 3': ['a', 'b', 'c'],
  'a nested object': { x: 'a' },
  'a nested operator': { $eq: 'a' },
  'a NUL': 'a\u0000b',
  'a very long string': 'x'.repeat(4000),
};

/** Words that would betray internals: SQL, drivers, tables, stack frames. */
const INTERNALS = /select |insert into|sqlite|postgres|knex|stack|\.js:\d+|node_modules|relation "|syntax error at|SQLITE_|column "/i;

/** A value as qs reads it back: `key[0]=a&key[1]=b`, `key[x]=a`. */
const toQueryString = (key: string, value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap((item, index) => toQueryString(`${key}[${index}]`, item));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([name, item]) => toQueryString(`${key}[${name}]`, item));
  return [`${key}=${encodeURIComponent(String(value))}`];
};

/** The same value as a GraphQL variable: operators are named without `$`. */
const toGraphql = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(toGraphql);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.replace(/^\$/, ''), toGraphql(item)]));
  return value;
};

const GROUPS = new Set(['$or', '$and', '$not']);

type Outcome = { status: number; body: unknown };

/** What is wrong with one answer (undefined if nothing): a REST answer is a list or Strapi's error shape. */
const restProblem = ({ status, body }: Outcome): string | undefined => {
  const text = JSON.stringify(body);
  if (INTERNALS.test(text)) return `internals in ${text.slice(0, 300)}`;
  const { data, error } = body as { data?: unknown; error?: { status?: unknown; name?: unknown; message?: unknown; details?: unknown } };
  if (status === 200) return Array.isArray(data) ? undefined : `200 without a list: ${text.slice(0, 300)}`;
  if (status !== 400) return `status ${status}: ${text.slice(0, 300)}`;
  const shaped =
    data === null && error?.status === 400 && error.name === 'ValidationError' && typeof error.message === 'string' && typeof error.details === 'object';
  return shaped ? undefined : `400 not in Strapi's shape: ${text.slice(0, 300)}`;
};

/** A GraphQL answer is data without errors, or a 400 whose every error is the client's. */
const graphqlProblem = ({ status, body }: Outcome): string | undefined => {
  const text = JSON.stringify(body);
  if (INTERNALS.test(text)) return `internals in ${text.slice(0, 300)}`;
  const { data, errors } = body as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> };
  if (status === 200) return errors === undefined && data && Object.values(data).every(Array.isArray) ? undefined : `200 with ${text.slice(0, 300)}`;
  if (status !== 400) return `status ${status}: ${text.slice(0, 300)}`;
  const codes = (errors ?? []).map((error) => error.extensions?.code);
  return codes.length > 0 && codes.every((code) => code === 'BAD_USER_INPUT') ? undefined : `400 with ${text.slice(0, 300)}`;
};

/** Runs every shape of one operator at one place, side by side; the failures, named. */
const sweep = async (send: (value: unknown) => Promise<Outcome>, check: (outcome: Outcome) => string | undefined) => {
  const outcomes = await Promise.all(Object.entries(SHAPES).map(async ([shape, value]) => ({ shape, outcome: await send(value) })));
  const failures = outcomes.flatMap(({ shape, outcome }) => {
    const problem = check(outcome);
    return problem ? [`${shape}: ${problem}`] : [];
  });
  return { failures, statuses: new Set(outcomes.map(({ outcome }) => outcome.status)) };
};

/** Places a filter operator can be written in a REST query, each with the query string of one operator and value. */
const REST_PLACES: Array<[place: string, path: string, key: (operator: string) => string]> = [
  ['on a text attribute', '/api/stories', (operator) => `filters[title][${operator}]`],
  ['on an integer attribute', '/api/stories', (operator) => `filters[id][${operator}]`],
  ['on an attribute of a relation', '/api/stories', (operator) => `filters[publisher][name][${operator}]`],
  ['at the root of filters', '/api/stories', (operator) => `filters[${operator}]`],
  ['inside populate[…][filters]', '/api/events', (operator) => `populate[organisers][filters][name][${operator}]`],
];

describe.each(REST_PLACES)('REST, %s', (_place, path, key) => {
  it.each(OPERATORS)('%s with every value shape: a 200 or a 400 in Strapi’s shape', async (operator) => {
    const { failures, statuses } = await sweep(async (value) => {
      const res = await http(strapi).get(`${path}?${toQueryString(key(operator), value).join('&')}`);
      return { status: res.status, body: res.body };
    }, restProblem);
    expect(failures).toEqual([]);
    // A NUL is refused wherever it is written.
    expect(statuses.has(400)).toBe(true);
  });
});

/** Places of a filter in GraphQL, written through variables. */
const GRAPHQL_PLACES: Array<[place: string, query: string, attribute: string]> = [
  ['a root query', 'query ($f: StoryFiltersInput) { stories(filters: $f) { title } }', 'title'],
  ['a nested relation field', 'query ($f: OrganisationFiltersInput) { events { organisers(filters: $f) { name } } }', 'name'],
];

describe.each(GRAPHQL_PLACES)('GraphQL, %s', (_place, query, attribute) => {
  it.each(OPERATORS)('%s with every value shape: data, or a 400 with BAD_USER_INPUT', async (operator) => {
    const name = operator.slice(1);
    const { failures, statuses } = await sweep(async (value) => {
      const filters = GROUPS.has(operator) ? { [name]: toGraphql(value) } : { [attribute]: { [name]: toGraphql(value) } };
      const res = await http(strapi)
        .post('/graphql')
        .send({ query, variables: { f: filters } });
      return { status: res.status, body: res.body };
    }, graphqlProblem);
    expect(failures).toEqual([]);
    expect(statuses.has(400)).toBe(true);
  });
});

describe('the sweep can tell a good filter from a bad one', () => {
  it('a well-formed filter of each kind is answered with data, its broken twin refused', async () => {
    const pairs: Array<[good: string, bad: string]> = [
      ['filters[title][$between][0]=A&filters[title][$between][1]=Z', 'filters[title][$between][0]=A'],
      ['filters[title][$in][0]=a', 'filters[title][$in]=a'],
      ['filters[$or][0][title]=a', 'filters[$or]=a'],
      ['filters[title][$null]=true', 'filters[title][$null]=maybe'],
      ['populate[organisers][filters][name][$eq]=a', 'populate[organisers][filters][name][$eq][$eq]=a'],
    ];
    for (const [good, bad] of pairs) {
      const path = good.startsWith('populate') ? '/api/events' : '/api/stories';
      expect((await http(strapi).get(`${path}?${good}`)).status).toBe(200);
      expect((await http(strapi).get(`${path}?${bad}`)).status).toBe(400);
    }
  });
});
