import { findContentQueryProblem, findFiltersProblem, findPaginationProblem, type QueryModel } from '../../src/validation/content-query';
import { isDatabaseValueError } from '../../src/validation/database-errors';

/** A story with a publisher (relation), a component and a few scalars, as Strapi describes them. */
const models: Record<string, QueryModel> = {
  'api::story.story': {
    attributes: {
      title: { type: 'string' },
      views: { type: 'integer' },
      score: { type: 'decimal' },
      featured: { type: 'boolean' },
      publishedAt: { type: 'datetime' },
      publisher: { type: 'relation', target: 'api::organisation.organisation' },
      syndication: { type: 'component', component: 'story.syndication' },
      cover: { type: 'media' },
      blocks: { type: 'dynamiczone' },
    },
  },
  'api::organisation.organisation': { attributes: { name: { type: 'string' }, parent: { type: 'relation', target: 'api::organisation.organisation' } } },
  'story.syndication': { attributes: { allowed: { type: 'boolean' } } },
  'plugin::upload.file': { attributes: { name: { type: 'string' } } },
};
const story = models['api::story.story'];
const options = { getModel: (uid: string) => models[uid] };

const check = (query: Record<string, unknown>) => findContentQueryProblem(query, story, options);

describe('filters', () => {
  it.each([
    [{ title: 'a' }],
    [{ title: { $eq: 'a' } }],
    [{ title: { $eq: null } }],
    [{ title: ['a', 'b'] }],
    [{ title: { $eq: ['a', 'b'] } }],
    [{ title: { $between: ['a', 'b'] } }],
    [{ title: { $in: ['a'] }, views: { $gte: '1', $lt: 5 } }],
    [{ title: { $null: 'true' } }],
    [{ title: { $not: { $containsi: 'a' } } }],
    [{ title: { $not: 'a' } }],
    [{ $or: [{ title: 'a' }, { publisher: { name: 'b' } }] }],
    [{ $and: [] }],
    [{ $not: { title: 'a' } }],
    [{ publisher: '1' }],
    [{ publisher: { $in: ['1', '2'] } }],
    [{ publisher: { $null: true } }],
    [{ publisher: { $or: [{ name: 'a' }, { parent: { name: 'b' } }] } }],
    [{ syndication: { allowed: 'true' } }],
    [{ cover: { name: { $startsWith: 'a' } } }],
    [{ score: { $gt: '1.5e3' } }],
    [{ publishedAt: { $lt: new Date() } }],
    [{ unknownKey: { $between: 'left to Strapi, which refuses the key' } }],
  ])('%j is accepted', (filters) => {
    expect(findFiltersProblem(filters, story, options)).toBeUndefined();
  });

  it.each([
    ['x', [], /filters must be an object/],
    [[{ title: 'a' }], [], /filters must be an object/],
    [{ $or: 'x' }, ['$or'], /list/],
    [{ $or: { 101: { title: 'a' } } }, ['$or'], /list of at most 100/],
    [{ $or: [] }, ['$or'], /at least one/],
    [{ $and: ['x'] }, ['$and', '0'], /object of conditions/],
    [{ $not: 'x' }, ['$not'], /object of conditions/],
    [{ $eq: 'a' }, ['$eq'], /applies to an attribute/],
    [{ $regex: 'a' }, ['$regex'], /Unknown operator \$regex/],
    [{ title: { $between: ['a'] } }, ['title', '$between'], /exactly two values/],
    [{ title: { $between: ['a', 'b', 'c'] } }, ['title', '$between'], /exactly two values/],
    [{ title: { $between: 'a' } }, ['title', '$between'], /exactly two values/],
    [{ title: { $between: ['a', { $eq: 'b' }] } }, ['title', '$between', '1'], /single value/],
    [{ title: { $eq: { $eq: 'a' } } }, ['title', '$eq'], /cannot be nested/],
    [{ title: { $gt: null } }, ['title', '$gt'], /not null/],
    [{ title: { $in: 'a' } }, ['title', '$in'], /list/],
    [{ title: { $in: [] } }, ['title', '$in'], /at least one/],
    [{ title: { $in: { 101: 'a' } } }, ['title', '$in'], /list/],
    [{ title: { $in: [['a']] } }, ['title', '$in', '0'], /single value/],
    [{ title: { $null: 'maybe' } }, ['title', '$null'], /true or false/],
    [{ title: { $notNull: null } }, ['title', '$notNull'], /true or false/],
    [{ title: { $or: [] } }, ['title', '$or'], /before the attribute/],
    [{ title: { $jsonSupersetOf: 'a' } }, ['title', '$jsonSupersetOf'], /Unknown operator/],
    [{ title: { name: 'a' } }, ['title', 'name'], /not a relation/],
    [{ title: { $not: { $between: ['a'] } } }, ['title', '$not', '$between'], /exactly two/],
    [{ views: { $eq: 'abc' } }, ['views', '$eq'], /integer/],
    [{ views: { $contains: '1' } }, ['views', '$contains'], /text attributes only/],
    [{ score: { $lt: '1e400' } }, ['score', '$lt'], /number/],
    [{ featured: 'maybe' }, ['featured'], /true or false/],
    [{ id: { $in: ['1', 'x'] } }, ['id', '$in', '1'], /integer/],
    [{ publisher: 'abc' }, ['publisher'], /integer/],
    [{ publisher: [{ name: 'a' }] }, ['publisher', '0'], /single value/],
    [{ publisher: { $not: { name: 'a' } } }, ['publisher', '$not'], /put \$not before filters\[publisher\]/],
    [{ publisher: { $eq: '1', name: 'a' } }, ['publisher'], /mixes operators/],
    [{ publisher: { $eq: '1', $ne: '2' } }, ['publisher'], /one operator at a time/],
    [{ publisher: { name: { $between: ['a'] } } }, ['publisher', 'name', '$between'], /exactly two/],
    [{ publisher: { parent: { name: { $eq: { x: 1 } } } } }, ['publisher', 'parent', 'name', '$eq'], /cannot be nested/],
    [{ syndication: { allowed: { $eq: 'perhaps' } } }, ['syndication', 'allowed', '$eq'], /true or false/],
    [{ cover: { name: { $between: ['a'] } } }, ['cover', 'name', '$between'], /exactly two/],
  ])('%j is refused at %j', (filters, path, message) => {
    const problem = findFiltersProblem(filters, story, options);
    expect(problem?.path).toEqual(['filters', ...path]);
    expect(problem?.message).toMatch(message);
  });

  it('without a content type, the operators are still checked', () => {
    expect(findFiltersProblem({ name: { $between: ['a'] } }, undefined, options)?.message).toMatch(/exactly two/);
    expect(findFiltersProblem({ folder: { $or: 'x' } }, undefined, options)?.message).toMatch(/list/);
    expect(findFiltersProblem({ folder: { name: { $eq: 'a' } } }, undefined, options)).toBeUndefined();
  });

  it('writes paths as GraphQL names them when asked', () => {
    const problem = findFiltersProblem({ publisher: { name: { $between: ['a'] } } }, story, { ...options, style: 'graphql' });
    expect(problem?.message).toBe('filters.publisher.name.between needs exactly two values, the lower and the upper bound');
  });
});

describe('pagination', () => {
  it.each([
    [{ page: '1', pageSize: '100' }],
    [{ start: '0', limit: '1' }],
    [{ page: 2, pageSize: 10, withCount: 'false' }],
    [{ start: String(Number.MAX_SAFE_INTEGER) }],
  ])('%j is accepted', (pagination) => {
    expect(findPaginationProblem(pagination, options)).toBeUndefined();
  });

  it.each([
    ['abc', [], /must be an object/],
    [null, [], /must be an object/],
    [['1'], [], /must be an object/],
    [{ page: '0' }, ['page'], /positive integer/],
    [{ page: '-1' }, ['page'], /positive integer/],
    [{ page: 0 }, ['page'], /positive integer/],
    [{ page: '1.5' }, ['page'], /positive integer/],
    [{ page: '99999999999999999999' }, ['page'], /positive integer/],
    [{ pageSize: '0x10' }, ['pageSize'], /from 1 to 100/],
    [{ pageSize: '1e2' }, ['pageSize'], /from 1 to 100/],
    [{ pageSize: ' 5' }, ['pageSize'], /from 1 to 100/],
    [{ pageSize: ['5'] }, ['pageSize'], /from 1 to 100/],
    [{ pageSize: { a: '5' } }, ['pageSize'], /from 1 to 100/],
    [{ pageSize: '101' }, ['pageSize'], /from 1 to 100/],
    [{ limit: '-1' }, ['limit'], /from 1 to 100/],
    [{ limit: -1 }, ['limit'], /from 1 to 100/],
    [{ start: '-1' }, ['start'], /from 0 to/],
    [{ start: '12345678901234567890' }, ['start'], /from 0 to/],
    [{ page: '1', start: '0' }, ['start'], /cannot be combined/],
    [{ withCount: 'maybe' }, ['withCount'], /true or false/],
    [{ size: '5' }, ['size'], /not a pagination parameter/],
  ])('%j is refused at %j', (pagination, path, message) => {
    const problem = findPaginationProblem(pagination, options);
    expect(problem?.path).toEqual(['pagination', ...path]);
    expect(problem?.message).toMatch(message);
  });
});

describe('a whole query', () => {
  it.each([
    [{ limit: '-1' }, ['limit']],
    [{ start: '-1' }, ['start']],
    [{ page: '0' }, ['page']],
    [{ _q: ['a'] }, ['_q']],
    [{ sort: { title: { x: 'asc' } } }, ['sort', 'title']],
    [{ sort: [{ title: ['asc'] }] }, ['sort', '0', 'title']],
    [{ sort: { publisher: { name: { x: 'desc' } } } }, ['sort', 'publisher', 'name']],
    [{ sort: 5 }, ['sort']],
    [{ populate: { publisher: { filters: { name: { $between: ['a'] } } } } }, ['populate', 'publisher', 'filters', 'name', '$between']],
    [{ populate: { publisher: { populate: { parent: { filters: { $or: 'x' } } } } } }, ['populate', 'publisher', 'populate', 'parent', 'filters', '$or']],
    [{ populate: { publisher: { sort: { name: { x: 'desc' } } } } }, ['populate', 'publisher', 'sort', 'name']],
    [{ populate: { publisher: { pagination: { page: '0' } } } }, ['populate', 'publisher', 'pagination', 'page']],
    [{ populate: { publisher: { limit: '-1' } } }, ['populate', 'publisher', 'limit']],
    [{ populate: { cover: { filters: { name: { $in: 'a' } } } } }, ['populate', 'cover', 'filters', 'name', '$in']],
    [
      { populate: { blocks: { on: { 'story.syndication': { filters: { allowed: 'maybe' } } } } } },
      ['populate', 'blocks', 'on', 'story.syndication', 'filters', 'allowed'],
    ],
  ])('%j is refused at %j', (query, path) => {
    expect(check(query)?.path).toEqual(path);
  });

  it.each([
    [{ sort: 'title:asc', populate: '*', fields: ['title'], _q: 'turin' }],
    [{ sort: ['title:asc', 'views:desc'], populate: ['publisher', 'cover'] }],
    [{ sort: { publisher: { name: 'desc' } }, populate: { publisher: { populate: { parent: true }, sort: 'name' } } }],
    [{ populate: { publisher: { filters: { name: { $eq: 'a' } }, fields: ['name'] }, cover: 'true' } }],
  ])('%j is accepted', (query) => {
    expect(check(query)).toBeUndefined();
  });
});

describe('values the database refuses (the last line of defence behind these checks)', () => {
  it.each([
    [{ code: '22003' }, true], // PostgreSQL: numeric value out of range
    [{ code: '22P02' }, true], // PostgreSQL: invalid text representation
    [{ code: 'SQLITE_MISMATCH' }, true], // SQLite: an offset beyond 64 bits
    [{ code: '42883' }, false], // PostgreSQL: undefined function (a server bug, not the client's value)
    [{ code: 'SQLITE_ERROR' }, false],
    [new Error('plain'), false],
    [null, false],
  ])('%j is the client’s: %s', (error, expected) => {
    expect(isDatabaseValueError(error)).toBe(expected);
  });
});
