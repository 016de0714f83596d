import TurndownService from 'turndown';
import { renderSafeHtml } from './html';

/**
 * Markdown from a partner, made inert: rendered, sanitized with the feeds' allow-list (no script,
 * no event handlers, only http(s)/mailto links) and turned back into Markdown with turndown.
 * Raw HTML a partner put in its Markdown thus cannot reach a website that renders our Markdown
 * with HTML on. Images stay links (Markdown image syntax to the partner's URL); nothing is
 * downloaded.
 */
const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '_', strongDelimiter: '**' });

// Turndown escapes Markdown syntax in text but not `<`: text reading "<script>…" (escaped in the
// HTML) would come back as raw HTML in the Markdown. A backslash escape keeps it text.
const escapeMarkdown = turndown.escape.bind(turndown);
turndown.escape = (text: string): string => escapeMarkdown(text).replace(/</g, '\\<');

export const inertMarkdown = (markdown: string, baseUrl: string): string => {
  if (markdown.trim() === '') return '';
  return turndown.turndown(renderSafeHtml(markdown, baseUrl)).trim();
};
