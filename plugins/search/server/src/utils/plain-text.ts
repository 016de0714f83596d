import MarkdownIt from 'markdown-it';

/**
 * The text a reader sees, without markup: what is indexed and what snippets are cut from.
 *
 * Rich text (Markdown, which may hold raw HTML) goes through markdown-it's parser: the text
 * of headings, paragraphs, list items, quotes, code, link labels and image descriptions is
 * kept; link targets, HTML tags, and the contents of `<script>`, `<style>` and the like are
 * dropped. Plain text attributes only lose anything that looks like an HTML tag. Either way
 * the result is one line: white space collapsed to single spaces.
 */

type Token = ReturnType<MarkdownIt['parse']>[number];

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false });

/** Elements whose content is not text a reader sees. */
const HIDDEN_ELEMENTS = 'script|style|noscript|template|iframe|object|svg|math|textarea|select';
const HIDDEN_BLOCK = new RegExp(`<(${HIDDEN_ELEMENTS})\\b[^>]*>[\\s\\S]*?</\\1\\s*>`, 'gi');
const HIDDEN_OPEN = new RegExp(`^<(${HIDDEN_ELEMENTS})\\b`, 'i');
const HIDDEN_CLOSE = new RegExp(`^</(${HIDDEN_ELEMENTS})\\s*>`, 'i');
const COMMENT = /<!--[\s\S]*?-->/g;
const TAG = /<\/?[a-zA-Z!?][^<>]*>/g;

/** Text without HTML tags (and without the content of script-like elements). */
export const stripTags = (text: string): string => text.replace(COMMENT, ' ').replace(HIDDEN_BLOCK, ' ').replace(TAG, ' ');

/** Collapses white space; `[[` and `]]` (the snippet markers) become single brackets. */
export const oneLine = (text: string): string =>
  text
    .replace(/\[{2,}/g, '[')
    .replace(/\]{2,}/g, ']')
    .replace(/\s+/g, ' ')
    .trim();

const inlineText = (children: Token[], out: string[]) => {
  let hidden = 0;
  for (const child of children) {
    if (child.type === 'html_inline') {
      if (HIDDEN_OPEN.test(child.content)) hidden += 1;
      else if (HIDDEN_CLOSE.test(child.content) && hidden > 0) hidden -= 1;
      out.push(' ');
      continue;
    }
    if (hidden > 0) continue;
    if (child.type === 'text' || child.type === 'code_inline') out.push(child.content);
    else if (child.type === 'image') out.push(' ', child.content, ' ');
    else if (child.type === 'softbreak' || child.type === 'hardbreak') out.push(' ');
  }
};

/** Markdown (with any raw HTML in it) as plain text. */
export const markdownToText = (source: string): string => {
  const out: string[] = [];
  for (const token of markdown.parse(source, {})) {
    if (token.type === 'inline') inlineText(token.children ?? [], out);
    else if (token.type === 'fence' || token.type === 'code_block') out.push(token.content);
    else if (token.type === 'html_block') out.push(markdown.utils.unescapeAll(stripTags(token.content)));
    // Block boundaries separate words (a heading from the paragraph after it, table cells).
    out.push(' ');
  }
  // Entities decoded into text (`&lt;b&gt;`) must not come back as a tag either.
  return oneLine(stripTags(out.join('')));
};

/** An attribute's value as plain text: Markdown for rich text, tags stripped otherwise. */
export const plainText = (value: unknown, richText: boolean): string => {
  if (typeof value !== 'string' || value === '') return '';
  return richText ? markdownToText(value) : oneLine(stripTags(value));
};
