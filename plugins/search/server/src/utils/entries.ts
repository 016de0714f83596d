import { createHash } from 'crypto';
import { INDEXED_TYPES, WEIGHTS, type FieldPath, type Weight } from '../config/content-types';
import type { TypeReader } from './content-types';
import { plainText } from './plain-text';
import { words } from './tokens';

/** Bump when what is indexed changes (fields, tokenizer, stemming): the index is rebuilt at boot. */
export const ANALYSIS_VERSION = 1;

/** Text past this many characters of one attribute is neither indexed nor shown (bounds PostgreSQL's tsvector). */
export const MAX_FIELD_CHARACTERS = 100_000;

/** A document's published version in one locale, ready to store (the same for both databases). */
export type EntryInput = {
  type: string;
  documentId: string;
  locale: string;
  slug: string | null;
  title: string;
  /** ISO 8601 (UTC, milliseconds): sorts as text the same way on both databases. */
  publishedAt: string;
  /** Plain text snippets are cut from. */
  text: string;
  /** The normalised words (utils/tokens) of each weight class, in order. */
  words: Record<Weight, string[]>;
  /** Digest of all of the above: an entry whose digest is unchanged is left alone. */
  digest: string;
};

/** A row as the query engine returns it (components populated). */
export type ContentRow = Record<string, unknown>;

const asIso = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

/** The plain texts of one attribute path of a row (several for a repeatable component). */
const texts = (reader: TypeReader, row: ContentRow, path: FieldPath): string[] => {
  const [name, nested] = path.split('.');
  const richText = reader.richText.has(path);
  const value = row[name];
  if (nested === undefined) return [plainText(value, richText).slice(0, MAX_FIELD_CHARACTERS)];
  const items = Array.isArray(value) ? value : value ? [value] : [];
  return items.map((item) => plainText((item as ContentRow)[nested], richText).slice(0, MAX_FIELD_CHARACTERS));
};

const join = (parts: string[]) => parts.filter((part) => part !== '').join(' ');

/** The index entry of one published row. */
export const buildEntry = (reader: TypeReader, row: ContentRow): EntryInput => {
  const indexed = INDEXED_TYPES[reader.key];
  const wordsOf = (weight: Weight) => words(join((indexed.weights[weight] ?? []).flatMap((path) => texts(reader, row, path))));
  const entry = {
    type: reader.key,
    documentId: String(row.documentId),
    locale: String(row.locale ?? ''),
    slug: typeof row[indexed.slug] === 'string' ? (row[indexed.slug] as string) : null,
    title: typeof row[indexed.title] === 'string' ? (row[indexed.title] as string) : '',
    publishedAt: asIso(row.publishedAt) ?? asIso(row.updatedAt) ?? '',
    text: join(indexed.snippet.flatMap((path) => texts(reader, row, path))),
    words: Object.fromEntries(WEIGHTS.map((weight) => [weight, wordsOf(weight)])) as Record<Weight, string[]>,
  };
  const digest = createHash('sha1')
    .update(JSON.stringify([ANALYSIS_VERSION, entry]))
    .digest('base64url');
  return { ...entry, digest };
};
