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

export const inertMarkdown = (markdown: string, baseUrl: string): string => {
  if (markdown.trim() === '') return '';
  return turndown.turndown(renderSafeHtml(markdown, baseUrl)).trim();
};
