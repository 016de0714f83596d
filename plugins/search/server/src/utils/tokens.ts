/**
 * Words of a text, the one tokenizer of the index and of queries (both databases).
 *
 * A word is a run of letters, marks and digits; everything else (punctuation, search syntax
 * such as `"`, `*`, `:`, `&`, `|`, `(`, white space) only separates words, so nothing a reader
 * types reaches a database as syntax. Each run is normalised: NFKC (ligatures, full-width
 * forms), lower case, `ё` as `е` (PostgreSQL's Russian stemmer does this, Snowball's
 * JavaScript port does not), combining marks dropped; what is left is split again into runs
 * of letters and ASCII digits. PostgreSQL is given these words joined by spaces, so its parser
 * sees nothing but plain words and numbers, exactly what SQLite's index is built from.
 */

/** Longer runs (encoded data, not words) are left out of the index on both databases. */
export const MAX_WORD_LENGTH = 60;

export type WordRun = {
  /** Where the run is in the text (UTF-16 offsets): what a snippet marks. */
  start: number;
  end: number;
  /** The normalised words of the run (usually one). */
  words: string[];
};

const RUN = /[\p{L}\p{M}\p{N}]+/gu;
const NORMALISED_WORD = /[\p{L}0-9]+/gu;
const MARKS = /\p{M}+/gu;

const PLAIN = /^[a-z0-9]+$/;

/** The normalised words of one run of letters, marks and digits. */
export const normaliseRun = (run: string): string[] => {
  if (PLAIN.test(run)) return run.length <= MAX_WORD_LENGTH ? [run] : [];
  const normal = run.normalize('NFKC').toLowerCase().replace(/ё/g, 'е').replace(MARKS, '').normalize('NFC');
  return (normal.match(NORMALISED_WORD) ?? []).filter((word) => word.length <= MAX_WORD_LENGTH);
};

/** The runs of `text` from offset `from` on, with their positions and words, one at a time. */
export function* wordRuns(text: string, from = 0): Generator<WordRun> {
  const pattern = new RegExp(RUN.source, RUN.flags);
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const words = normaliseRun(match[0]);
    if (words.length > 0) yield { start: match.index, end: match.index + match[0].length, words };
  }
}

/** The normalised words of `text`, in order. */
export const words = (text: string): string[] => {
  const out: string[] = [];
  for (const run of wordRuns(text)) out.push(...run.words);
  return out;
};

/** The distinct words of a query, in the order typed. */
export const queryWords = (q: string): string[] => [...new Set(words(q))];
