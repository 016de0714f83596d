/**
 * What the plugin indexes of each type the host may name in `search.config.contentTypes`
 * (by key: `story`, `event`, `guide`, `organisation`; the key is also the hit's `type` and a
 * value of the `types` parameter). Only public attributes, and never participants: checked at
 * boot against the schemas (utils/content-types), which must have these text attributes and
 * must not mark any of them private.
 */

export type TypeKey = 'story' | 'event' | 'guide' | 'organisation';

export const TYPE_KEYS: readonly TypeKey[] = ['story', 'event', 'guide', 'organisation'];

/**
 * Weight classes, strongest first: A the title (and an organisation's acronym), B the lead or
 * summary, C secondary headings, D the body. A query word found in a class adds its weight
 * to the hit's score (services/search).
 */
export type Weight = 'A' | 'B' | 'C' | 'D';

export const WEIGHTS: readonly Weight[] = ['A', 'B', 'C', 'D'];

/** `title`, or `component.attribute` for the attributes of a (repeatable) component. */
export type FieldPath = string;

export type IndexedType = {
  /** The attribute shown as the hit's title. */
  title: string;
  slug: string;
  /** The text attributes of each weight class. */
  weights: Partial<Record<Weight, FieldPath[]>>;
  /** The attributes snippets are cut from, in reading order (the title is shown on its own). */
  snippet: FieldPath[];
};

export const INDEXED_TYPES: Record<TypeKey, IndexedType> = {
  story: { title: 'title', slug: 'slug', weights: { A: ['title'], B: ['lead'], D: ['body'] }, snippet: ['lead', 'body'] },
  event: { title: 'title', slug: 'slug', weights: { A: ['title'], B: ['summary'], D: ['body'] }, snippet: ['summary', 'body'] },
  guide: {
    title: 'title',
    slug: 'slug',
    weights: { A: ['title'], B: ['summary'], C: ['series', 'edition', 'chapters.title'], D: ['chapters.summary'] },
    snippet: ['summary', 'chapters.title', 'chapters.summary'],
  },
  organisation: { title: 'name', slug: 'slug', weights: { A: ['name', 'acronym'], B: ['description'] }, snippet: ['description'] },
};

/** Every attribute path an indexed type reads. */
export const fieldPaths = (indexed: IndexedType): FieldPath[] => [
  ...new Set([indexed.title, ...WEIGHTS.flatMap((weight) => indexed.weights[weight] ?? []), ...indexed.snippet]),
];
