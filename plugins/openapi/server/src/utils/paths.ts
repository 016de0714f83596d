/**
 * Koa route paths (path-to-regexp 6, as @koa/router 12 reads them) as OpenAPI path templates.
 *
 * - `:name` ends at the first character that cannot be in a name, so `/events/:slug.ics` is the
 *   parameter `slug` followed by the literal `.ics`: `/events/{slug}.ics`;
 * - `:name(regex)` keeps the name and drops the pattern (OpenAPI has no place for it);
 * - an unnamed group `(.*)` is one parameter, `{wildcard}` (then `{wildcard1}`, …), as
 *   path-to-regexp gives it a numeric name;
 * - modifiers (`?`, `*`, `+`) are dropped: an OpenAPI path parameter is always required.
 */

export type TemplatedPath = { template: string; parameters: string[] };

const GROUP = String.raw`\((?:[^()\\]|\\.)*\)`;
const TOKEN = new RegExp(String.raw`:(\w+)(?:${GROUP})?[?*+]?|${GROUP}[?*+]?`, 'g');

export const toOpenApiPath = (koaPath: string): TemplatedPath => {
  const parameters: string[] = [];
  let unnamed = 0;
  const template = koaPath.replace(TOKEN, (_match, name: string | undefined) => {
    const parameter = name ?? (unnamed++ === 0 ? 'wildcard' : `wildcard${unnamed - 1}`);
    parameters.push(parameter);
    return `{${parameter}}`;
  });
  return { template, parameters };
};

/** `/api` + `/calendar` + `/events`: one slash between parts, none at the end. */
export const joinPath = (...parts: string[]): string => {
  const joined = parts
    .filter((part) => part.length > 0)
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part.length > 0)
    .join('/');
  return `/${joined}`;
};
