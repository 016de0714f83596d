/**
 * A small HTML builder for the built-in preview page: every text and attribute value is
 * escaped; only `SafeHtml` (body HTML that went through the feeds' sanitizer) is inserted as
 * it is. Nothing builds markup by pasting strings around it.
 */

const SAFE = Symbol('safe-html');

export type SafeHtml = { readonly [SAFE]: string };

export type Child = string | number | SafeHtml | null | undefined | false | Child[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => ESCAPES[character]);

/** HTML that is already safe: the sanitized body, or what `h` built. */
export const trustedHtml = (html: string): SafeHtml => ({ [SAFE]: html });

const isSafe = (value: unknown): value is SafeHtml => typeof value === 'object' && value !== null && SAFE in value;

const VOID = new Set(['meta', 'link', 'br', 'hr', 'img']);
const NAME = /^[a-z][a-z0-9-]*$/;

const render = (child: Child): string => {
  if (child === null || child === undefined || child === false) return '';
  if (Array.isArray(child)) return child.map(render).join('');
  if (isSafe(child)) return child[SAFE];
  return escapeHtml(String(child));
};

/** One element: `h('p', { class: 'lead' }, 'text')`. Attributes with null/undefined/false values are left out. */
export const h = (tag: string, attributes: Record<string, string | number | boolean | null | undefined> = {}, ...children: Child[]): SafeHtml => {
  if (!NAME.test(tag)) throw new Error(`Not an element name: ${tag}`);
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== null && value !== undefined && value !== false)
    .map(([name, value]) => {
      if (!NAME.test(name)) throw new Error(`Not an attribute name: ${name}`);
      return value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
    })
    .join('');
  return trustedHtml(VOID.has(tag) ? `<${tag}${attrs}>` : `<${tag}${attrs}>${render(children)}</${tag}>`);
};

/** A whole document: the doctype and `<html>`. */
export const htmlDocument = (lang: string, head: Child[], body: Child[]): string =>
  `<!doctype html>\n${render(h('html', { lang }, h('head', {}, head), h('body', {}, body)))}\n`;
