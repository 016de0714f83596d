import { newStemmer, type Stemmer } from 'snowball-stemmers';
import { STOP_WORDS } from './stop-words';

/**
 * How the words of each locale are indexed and matched.
 *
 * English, Russian, French and Spanish are stemmed: on PostgreSQL by its text search
 * configuration of that language (`to_tsvector('russian', …)`: Snowball stemmer and stop
 * words), on SQLite by the same Snowball algorithms in JavaScript (snowball-stemmers) and the
 * same stop words (utils/stop-words). The JavaScript side follows PostgreSQL's dictionary map
 * exactly: words with a digit go to the `simple` dictionary (kept as they are, never stop
 * words), and the `russian` configuration stems words of ASCII letters only with the English
 * stemmer and English stop words.
 *
 * Kazakh, and any locale not listed, has no stemmer in PostgreSQL: words are indexed as they
 * are (`simple`), and a query word also matches the indexed words it begins (3+ letters) and
 * those one typo away (4+ letters): see services/search and utils/typos.
 */

export type StemmedLanguage = keyof typeof STOP_WORDS;

export type Analyzer = {
  locale: string;
  /** PostgreSQL text search configuration. */
  pgConfig: StemmedLanguage | 'simple';
  /** The Snowball language, or null: words are kept as they are (and matched by prefix and one typo). */
  language: StemmedLanguage | null;
};

const LANGUAGES: Record<string, StemmedLanguage> = { en: 'english', ru: 'russian', fr: 'french', es: 'spanish' };

/** The analyzer of a locale code (`fr-CA` is French). */
export const analyzerFor = (locale: string): Analyzer => {
  const language = LANGUAGES[locale.toLowerCase().split('-')[0]] ?? null;
  return { locale, pgConfig: language ?? 'simple', language };
};

/** Words with prefix and typo matching instead of a stemmer. */
export const isFuzzy = (analyzer: Analyzer): boolean => analyzer.language === null;

const stemmers = new Map<StemmedLanguage, Stemmer>();
const stemmer = (language: StemmedLanguage): Stemmer => {
  let found = stemmers.get(language);
  if (!found) {
    found = newStemmer(language);
    stemmers.set(language, found);
  }
  return found;
};

/** Stems are memoised (words repeat: a rebuild stems each distinct word once). */
const MEMO_LIMIT = 100_000;
const memo = new Map<string, string | null>();

const ASCII_LETTERS = /^[a-z]+$/;
const DIGIT = /[0-9]/;

/**
 * A normalised word (utils/tokens) as the index of `analyzer` holds it: its stem, the word
 * itself (no stemmer, or a word with digits), or null for a stop word. What PostgreSQL's
 * `to_tsvector(config, word)` gives, computed in JavaScript (SQLite's index, and snippets).
 */
export const lexeme = (analyzer: Analyzer, word: string): string | null => {
  if (!analyzer.language || DIGIT.test(word)) return word;
  const language = analyzer.language === 'russian' && ASCII_LETTERS.test(word) ? 'english' : analyzer.language;
  const key = `${language}:${word}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const result = STOP_WORDS[language].has(word) ? null : stemmer(language).stem(word) || word;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, result);
  return result;
};
