import type { Core } from '@strapi/strapi';
import { locales } from '@union-comms/kit';
import { pluginConfig, typeReaders } from '../utils/content-types';
import { analyzerFor, isFuzzy, lexeme, type Analyzer } from '../utils/languages';
import { snippet } from '../utils/snippet';
import { queryWords } from '../utils/tokens';
import { MIN_TYPO_LENGTH, typoVariants } from '../utils/typos';
import { getService } from '../utils/get-service';
import type { SearchQuery } from '../validation/query';
import type { LocaleMatch, StoredEntry, Term } from './store/types';

/** A word of 3 letters or more also matches the indexed words it begins (locales without a stemmer). */
export const MIN_PREFIX_LENGTH = 3;
/**
 * How long the public-cache plugin may keep an answer at most. Every write through the
 * document service replaces cached answers at once (the content fingerprint moves); this
 * bound is for the index rebuilt by another process (`npm run search:reindex`), which the
 * fingerprint does not see.
 */
export const CACHE_MAX_AGE_MS = 60_000;
/** At most this many words of a query get typo variants (each is a lookup of a few hundred candidates). */
export const MAX_TYPO_WORDS = 10;

export type SearchHit = {
  type: string;
  documentId: string;
  locale: string;
  slug: string | null;
  title: string;
  snippet: string;
  score: number;
  publishedAt: string;
};

export type SearchPage = {
  data: SearchHit[];
  /** `capped`: the query matched more than `maxHits` entries; the hits are the newest `maxHits` of them. */
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number }; capped: boolean };
};

/** A locale's query, and how its words are recognised in a text (for snippets). */
type LocalePlan = { match: LocaleMatch; marks: (word: string) => boolean };

const round = (score: number) => Math.round(score * 10_000) / 10_000;

const search = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => getService(strapi, 'store')();

  /**
   * The query in one locale. Stemmed languages: each word's lexemes from the database's own
   * analysis (a stop word has none and is left out). No stemmer: the word itself, the indexed
   * words it begins, and the indexed words one typo away.
   */
  const planLocale = async (analyzer: Analyzer, words: string[], before: string[]): Promise<LocalePlan> => {
    if (!isFuzzy(analyzer)) {
      const lexemes = await store().lexemes(analyzer, words);
      // Words with one stem ("union", "unions") are one term.
      const terms: Term[] = [...new Set(lexemes.flat())].map((value) => ({ exact: [value], prefix: null }));
      // Snippets mark what the JavaScript analysis of the same words gives (the same on both databases).
      const wanted = new Set(words.map((word) => lexeme(analyzer, word)).filter((value): value is string => value !== null));
      return { match: { locale: analyzer.locale, terms, before }, marks: (word) => wanted.has(lexeme(analyzer, word) ?? '') };
    }
    const typoWords = words.filter((word) => [...word].length >= MIN_TYPO_LENGTH).slice(0, MAX_TYPO_WORDS);
    const candidates = new Map(typoWords.map((word) => [word, typoVariants(word)]));
    const known = await store().knownWords(analyzer.locale, [...new Set([...candidates.values()].flat())]);
    const terms: Term[] = words.map((word) => {
      const prefix = [...word].length >= MIN_PREFIX_LENGTH ? word : null;
      const typos = (candidates.get(word) ?? []).filter((variant) => known.has(variant));
      return { exact: prefix ? typos : [word, ...typos], prefix };
    });
    return {
      match: { locale: analyzer.locale, terms, before },
      marks: (word) => terms.some((term) => term.exact.includes(word) || (term.prefix !== null && word.startsWith(term.prefix))),
    };
  };

  return {
    /** One page of published entries matching `query.q`, best first (validation/query checked the query). */
    async search(query: SearchQuery): Promise<SearchPage> {
      const chain = query.fallback ? await locales(strapi).chain(query.locale) : [query.locale];
      const words = queryWords(query.q);
      const plans = await Promise.all(chain.map((code, index) => planLocale(analyzerFor(code), words, chain.slice(0, index))));
      const { total, capped, hits } = await store().search({
        types: query.types,
        allTypes: typeReaders(strapi).size === query.types.length,
        locales: plans.map((plan) => plan.match),
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
        maxHits: pluginConfig(strapi).maxHits,
      });
      const byId = new Map((await store().entries(hits.map((hit) => hit.id))).map((entry): [number, StoredEntry] => [entry.id, entry]));
      const marksOf = new Map(plans.map((plan) => [plan.match.locale, plan.marks]));
      const data = hits.flatMap(({ id, score }): SearchHit[] => {
        const entry = byId.get(id);
        if (!entry) return [];
        const marks = marksOf.get(entry.locale) ?? (() => false);
        return [
          {
            type: entry.type,
            documentId: entry.documentId,
            locale: entry.locale,
            slug: entry.slug,
            title: entry.title,
            snippet: snippet(entry.text, marks),
            score: round(score),
            publishedAt: entry.publishedAt,
          },
        ];
      });
      return {
        data,
        meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total }, capped },
      };
    },
  };
};

export type SearchService = ReturnType<typeof search>;

export default search;
