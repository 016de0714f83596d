// snowball-stemmers (a JavaScript port of the Snowball stemmers) ships no types: what the plugin uses.
declare module 'snowball-stemmers' {
  export interface Stemmer {
    /** The stem of one lower-case word. */
    stem(word: string): string;
  }
  export function newStemmer(language: string): Stemmer;
  export function algorithms(): string[];
}
