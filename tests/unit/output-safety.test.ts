import { escapeJsonForScript, isJsonMediaType, negotiatedGraphqlType, stringifyForScript } from '@union-comms/kit';
import { exceedsDepth } from '../../src/graphql/json-depth';
import { hasForbiddenUrlCharacter, httpUrlHref } from '../../src/validation/codes';

describe('JSON safe to embed in <script>', () => {
  const planted = { name: '</script><script>alert(1)</script>', note: 'a & b <!-- c -->', line: 'x\u2028y', list: ['<', { deep: '>' }] };

  it('has no <, > or & and parses back to the same values', () => {
    const text = stringifyForScript(planted);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain('\\u003c/script\\u003e');
    expect(text).toContain('\\u0026');
    expect(JSON.parse(text)).toEqual(planted);
  });

  it('escapes any JSON text without changing its values (only strings can hold these characters)', () => {
    const json = JSON.stringify({ data: { a: '<b>', n: 1.5e3, t: true, z: null } }, null, 2);
    expect(JSON.parse(escapeJsonForScript(json))).toEqual(JSON.parse(json));
  });

  it('knows JSON media types', () => {
    for (const type of [
      'application/json',
      'application/json; charset=utf-8',
      'application/ld+json; charset=utf-8',
      'application/graphql-response+json; charset=utf-8',
    ]) {
      expect(isJsonMediaType(type)).toBe(true);
    }
    for (const type of ['text/html', 'text/calendar; charset=utf-8', 'application/jsonp', 'multipart/mixed']) expect(isJsonMediaType(type)).toBe(false);
  });
});

describe('JSON depth without recursion', () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
    return value;
  };

  it('counts objects and arrays', () => {
    expect(exceedsDepth('x', 0)).toBe(false);
    expect(exceedsDepth({}, 1)).toBe(false);
    expect(exceedsDepth({ a: [] }, 1)).toBe(true);
    expect(exceedsDepth(nested(64), 64)).toBe(false);
    expect(exceedsDepth(nested(65), 64)).toBe(true);
  });

  it('measures a document far deeper than the stack allows recursion for', () => {
    const deep = nested(200_000);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(exceedsDepth(deep, 64)).toBe(true);
  });
});

describe('the GraphQL content type Apollo negotiates', () => {
  it.each([
    [undefined, 'application/json; charset=utf-8'],
    ['', 'application/json; charset=utf-8'],
    ['*/*', 'application/json; charset=utf-8'],
    ['application/json', 'application/json; charset=utf-8'],
    ['application/graphql-response+json', 'application/graphql-response+json; charset=utf-8'],
    ['application/graphql-response+json, application/json;q=0.9', 'application/graphql-response+json; charset=utf-8'],
    ['application/json;q=0.5, application/graphql-response+json', 'application/graphql-response+json; charset=utf-8'],
    ['text/html', null],
  ])('Accept %p gets %p', (accept, type) => {
    expect(negotiatedGraphqlType(accept)).toBe(type);
  });
});

describe('URL values', () => {
  it('stores the normalised href of absolute http(s) URLs', () => {
    expect(httpUrlHref('HTTPS://Example.ORG')).toBe('https://example.org/');
    expect(httpUrlHref('https://пример.рф/путь?q=1')).toBe('https://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C?q=1');
    expect(httpUrlHref('http://example.org:80/a/../b')).toBe('http://example.org/b');
  });

  it.each([
    'https://example.org/\r\nSet-Cookie: x',
    'https://example.org/\ta',
    'https://example.org/\u0000',
    'https://example.org/a b',
    ' https://example.org/',
    'https://example.org/\u00a0',
    'https://example.org/\u202e',
    'https://example.org/"onmouseover="x',
    "https://example.org/'",
    'https://example.org/`',
    'https://example.org/<script>',
    'https://example.org/>',
    'https:\\\\example.org\\a',
  ])('refuses %j', (value) => {
    expect(hasForbiddenUrlCharacter(value)).toBe(true);
    expect(httpUrlHref(value)).toBeNull();
  });

  it('refuses what is not absolute http(s)', () => {
    for (const value of ['javascript:alert(1)', 'ftp://example.org/', '/relative', 'example.org', 'mailto:a@example.org'])
      expect(httpUrlHref(value)).toBeNull();
  });
});
