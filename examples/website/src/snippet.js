import { html } from './html.js';

/**
 * A search snippet is plain text in which the search plugin marks each match with `[[` and `]]`
 * (plugins/search/README.md; the text itself never holds two brackets in a row). It is escaped
 * like any text; only the marked words become <mark> elements.
 */
const MARK_START = '[[';
const MARK_END = ']]';

/**
 * @param {unknown} snippet
 * @returns {import('./html.js').SafeHtml}
 */
export const snippetHtml = (snippet) => {
  if (typeof snippet !== 'string') return html``;
  const parts = [];
  let rest = snippet;
  for (;;) {
    const start = rest.indexOf(MARK_START);
    if (start === -1) break;
    const end = rest.indexOf(MARK_END, start + MARK_START.length);
    if (end === -1) break;
    parts.push(rest.slice(0, start), html`<mark>${rest.slice(start + MARK_START.length, end)}</mark>`);
    rest = rest.slice(end + MARK_END.length);
  }
  parts.push(rest);
  // Stray markers (one without its pair) are dropped, never shown.
  return html`${parts.map((part) => (typeof part === 'string' ? part.split(MARK_START).join('').split(MARK_END).join('') : part))}`;
};
