import { html, safeHttpUrl, trusted } from './html.js';

/**
 * A small Markdown renderer for story bodies: paragraphs, headings, block quotes, lists, emphasis,
 * code and links. Everything is escaped first; raw HTML in the Markdown is shown as text, and links
 * keep only http(s) and mailto URLs. (A site that wants the editors' raw HTML rendered needs a real
 * Markdown library and an HTML sanitizer, as the CMS's feeds use: markdown-it and sanitize-html.)
 */

/** `[text](url)`, `**strong**`, `*em*` or `_em_`, and `` `code` `` inside one block of text. */
const INLINE = /\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*([^*\n]+)\*\*|\*([^*\n]+)\*|(?<![\p{L}\p{N}])_([^_\n]+)_(?![\p{L}\p{N}])|`([^`\n]+)`/gu;

/** @param {string} url */
const linkTarget = (url) => {
  if (/^mailto:[^\s<>"]+$/i.test(url)) return url;
  return safeHttpUrl(url);
};

/**
 * @param {string} text
 * @returns {import('./html.js').SafeHtml}
 */
export const inline = (text) => {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    parts.push(text.slice(last, match.index));
    const [whole, linkText, url, strong, em, underscored, code] = match;
    if (linkText !== undefined) {
      const href = linkTarget(url);
      parts.push(href ? html`<a href="${href}">${inline(linkText)}</a>` : whole);
    } else if (strong !== undefined) parts.push(html`<strong>${inline(strong)}</strong>`);
    else if (em !== undefined || underscored !== undefined) parts.push(html`<em>${inline(em ?? underscored)}</em>`);
    else parts.push(html`<code>${code}</code>`);
    last = match.index + whole.length;
  }
  parts.push(text.slice(last));
  return html`${parts}`;
};

/** @param {string[]} lines */
const block = (lines) => {
  const first = lines[0];
  const heading = /^(#{1,6})\s+(.*)$/.exec(first);
  if (heading && lines.length === 1) {
    // A story's title is its h1: body headings start at h2.
    const level = Math.min(heading[1].length + 1, 6);
    return trusted(`<h${level}>${inline(heading[2])}</h${level}>`);
  }
  if (lines.every((line) => line.startsWith('>'))) {
    return html`<blockquote>${markdown(lines.map((line) => line.replace(/^>\s?/, '')).join('\n'))}</blockquote>`;
  }
  if (lines.every((line) => /^[-*+]\s+/.test(line))) {
    return html`<ul>
      ${lines.map((line) => html`<li>${inline(line.replace(/^[-*+]\s+/, ''))}</li>`)}
    </ul>`;
  }
  if (lines.every((line) => /^\d+[.)]\s+/.test(line))) {
    return html`<ol>
      ${lines.map((line) => html`<li>${inline(line.replace(/^\d+[.)]\s+/, ''))}</li>`)}
    </ol>`;
  }
  return html`<p>${inline(lines.join(' '))}</p>`;
};

/**
 * @param {unknown} source Markdown from the API
 * @returns {import('./html.js').SafeHtml}
 */
export const markdown = (source) => {
  if (typeof source !== 'string') return html``;
  const blocks = source
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((chunk) =>
      chunk
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .filter((lines) => lines.length > 0);
  return html`${blocks.map(block)}`;
};
