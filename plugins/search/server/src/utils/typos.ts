/**
 * The words one typo away from a query word (Damerau-Levenshtein distance 1: one letter
 * left out, added, replaced, or two neighbours swapped), for the locales without a stemmer
 * (Kazakh). The index holds their words as they are; the query keeps the variants that are
 * words of the index (services/store: `knownWords`), so the same query finds the same
 * documents on PostgreSQL and SQLite, by plain lookups in both.
 *
 * Letters added or replaced come from the alphabets of the word itself: Cyrillic (with the
 * Kazakh letters) for a Cyrillic word, Latin for a Latin one, digits when it has digits.
 */

/** Shorter words get no typo variants (one typo in three letters is another word). */
export const MIN_TYPO_LENGTH = 4;

const CYRILLIC = [...'абвгдежзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі'];
const LATIN = [...'abcdefghijklmnopqrstuvwxyz'];
const DIGITS = [...'0123456789'];

const alphabetOf = (letters: string[]): string[] => {
  const alphabet = new Set<string>();
  for (const letter of letters) {
    if (/\p{Script=Cyrillic}/u.test(letter)) CYRILLIC.forEach((c) => alphabet.add(c));
    else if (/[0-9]/.test(letter)) DIGITS.forEach((c) => alphabet.add(c));
    else if (/[a-z]/.test(letter)) LATIN.forEach((c) => alphabet.add(c));
    else alphabet.add(letter);
  }
  return [...alphabet];
};

/** Every word at distance 1 from `word` (not `word` itself); none below MIN_TYPO_LENGTH. */
export const typoVariants = (word: string): string[] => {
  const letters = [...word];
  if (letters.length < MIN_TYPO_LENGTH) return [];
  const alphabet = alphabetOf(letters);
  const variants = new Set<string>();
  const join = (parts: string[]) => parts.join('');
  for (let i = 0; i <= letters.length; i += 1) {
    const before = letters.slice(0, i);
    const after = letters.slice(i);
    for (const letter of alphabet) variants.add(join([...before, letter, ...after]));
    if (i < letters.length) {
      variants.add(join([...before, ...letters.slice(i + 1)]));
      for (const letter of alphabet) variants.add(join([...before, letter, ...letters.slice(i + 1)]));
      if (i + 1 < letters.length) variants.add(join([...before, letters[i + 1], letters[i], ...letters.slice(i + 2)]));
    }
  }
  variants.delete(word);
  return [...variants];
};
