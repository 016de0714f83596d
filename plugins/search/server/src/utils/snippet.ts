import { wordRuns, type WordRun } from './tokens';

/**
 * Snippets: plain text around the first match, each matched word wrapped in `[[` and `]]`.
 *
 * The text is the entry's plain text (utils/plain-text: no markup, one line, and no `[[` or
 * `]]` of its own), so every marker pair in a snippet is a match: a client escapes the text
 * for its output and turns the pairs into its own highlighting (`<mark>` in HTML).
 */

export const MARK_OPEN = '[[';
export const MARK_CLOSE = ']]';

/** About this many characters of text around the match. */
export const SNIPPET_LENGTH = 200;
/** How much of the text before the first match a snippet keeps. */
const LEAD_IN = 60;

/** Where the snippet starts: a word a little before the first match, or the start of the text (reads the text only up to the match). */
const startOf = (text: string, matches: (word: string) => boolean): number => {
  const recent: WordRun[] = [];
  for (const run of wordRuns(text)) {
    if (run.words.some(matches)) {
      if (run.start <= LEAD_IN) return 0;
      return recent.find((earlier) => earlier.start >= run.start - LEAD_IN)?.start ?? run.start;
    }
    recent.push(run);
    while (recent.length > 0 && recent[0].start < run.start - LEAD_IN) recent.shift();
  }
  return 0;
};

/** `matches(word)`: whether a normalised word of the text matches the query. */
export const snippet = (text: string, matches: (word: string) => boolean, length = SNIPPET_LENGTH): string => {
  if (text === '') return '';
  const start = startOf(text, matches);
  const limit = Math.min(text.length, start + length);
  const out: string[] = [];
  let at = start;
  // To the end of the last word that fits (or the limit, for a word longer than the snippet).
  let end = limit;
  let lastEnd = start;
  for (const run of wordRuns(text, start)) {
    if (run.end > limit) break;
    lastEnd = run.end;
    if (!run.words.some(matches)) continue;
    out.push(text.slice(at, run.start), MARK_OPEN, text.slice(run.start, run.end), MARK_CLOSE);
    at = run.end;
  }
  if (limit < text.length && lastEnd > start) end = lastEnd;
  out.push(text.slice(at, end));
  return `${start > 0 ? '…' : ''}${out.join('').trim()}${end < text.length ? '…' : ''}`;
};
