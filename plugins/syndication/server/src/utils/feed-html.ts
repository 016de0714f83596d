import sanitizeHtml from 'sanitize-html';
import TurndownService from 'turndown';
import { sanitizeSafeHtml } from './html';

/**
 * A partner feed's HTML made into what a story stores: sanitized with the feeds' allow-list
 * first (utils/html: no script, style, event handlers, `javascript:` links), then converted to
 * Markdown with turndown. Images stay links to where the partner serves them.
 */
const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '_' });

// Turndown escapes Markdown syntax in text but not `<`: text that reads "<img onerror=…>" (an
// escaped tag in the feed) would become raw HTML in Markdown. A backslash escape keeps it text.
const escapeMarkdown = turndown.escape.bind(turndown);
turndown.escape = (text: string): string => escapeMarkdown(text).replace(/</g, '\\<');

/** Sanitized feed HTML as Markdown; '' for nothing. Relative URLs are resolved against `baseUrl` (the item's link). */
export const feedHtmlToMarkdown = (html: string | null | undefined, baseUrl: string): string => {
  if (!html || html.trim() === '') return '';
  const safe = sanitizeSafeHtml(html, baseUrl);
  if (safe.trim() === '') return '';
  return turndown.turndown(safe).trim();
};

// sanitize-html writes text back with exactly these escapes (its escapeHtml); undone in reverse order.
const unescapeText = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** HTML (an Atom `type="html"` title, an RSS description) as plain text, whitespace collapsed. */
export const feedHtmlToText = (html: string | null | undefined): string => {
  if (!html) return '';
  const text = sanitizeHtml(html, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style', 'textarea', 'noscript', 'iframe', 'object', 'embed', 'template'],
  });
  return unescapeText(text).replace(/\s+/g, ' ').trim();
};
