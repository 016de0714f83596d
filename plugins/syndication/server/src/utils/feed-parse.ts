import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseAtomFeed, parseRssFeed, type AtomFeed, type RssFeed } from 'feedsmith';
import { feedHtmlToText } from './feed-html';

/**
 * A partner's feed (RSS 2.0, Atom 1.0 or JSON Feed 1.1) read into entries the poller can
 * normalise (utils/feed-items). All or nothing: a document that is not well-formed, not one of
 * the three formats, or has more entries than allowed throws a FeedParseError and yields no
 * entry at all, so a broken or truncated feed never imports a part of itself.
 *
 * RSS and Atom are read by feedsmith (namespaces resolved by URI whatever their prefix:
 * `content:encoded`, `dc:*`, `creativeCommons:license`, `atom:link` in RSS). feedsmith is
 * deliberately forgiving, so fast-xml-parser's validator (the parser feedsmith itself uses)
 * checks well-formedness first; it also reads the one extension feedsmith does not know,
 * RFC 6721 tombstones (`at:deleted-entry`). JSON Feed is JSON: parsed and its shape checked here.
 */

export class FeedParseError extends Error {
  override name = 'FeedParseError';
}

export type FeedFormat = 'rss' | 'atom' | 'json';

export interface FeedAlternate {
  /** `hreflang` of the link, or `language` of a JSON Feed translation. */
  locale: string;
  url: string;
  title: string | null;
}

export interface FeedEntry {
  /** `guid` / `id`; null when the item has none (then its link identifies it). */
  id: string | null;
  /** The item's own page. */
  link: string | null;
  /** `xml:lang` / `dc:language` / `language` of the item, else the feed's; null when unknown. */
  language: string | null;
  /** Plain text. */
  title: string;
  /** The lead as the source wrote it (HTML in RSS `description` and Atom `summary type="html"`). */
  summaryHtml: string | null;
  /** The body as HTML (RSS `content:encoded`, Atom `content`, JSON Feed `content_html`). */
  contentHtml: string | null;
  /** Source dates as written (RFC 822 or ISO 8601). */
  published: string | null;
  updated: string | null;
  /** Licence URLs the item (or, failing that, the feed) grants: `creativeCommons:license`, `link rel="license"`, JSON `_syndication.licence.url`. */
  licenceUrls: string[];
  /** Licence ids the source names directly (Atom `rights`, JSON `_syndication.licence.id`): only SPDX ids are taken later. */
  licenceIds: string[];
  /** Topic slugs when the source gives them (Atom `term`, JSON `_syndication.categories[].slug`), else names. */
  categories: Array<{ slug: string | null; name: string | null }>;
  /** Other language versions of the same story. */
  alternates: FeedAlternate[];
  /**
   * The story's document id at the source, when it says (a union-comms JSON Feed:
   * `_syndication.documentId`): the external id its signed pushes carry, so that the same story
   * by push and by feed is one document here.
   */
  sourceDocumentId: string | null;
}

/** RFC 6721 `at:deleted-entry`: the source deleted the entry whose id is `ref`. */
export interface FeedTombstone {
  ref: string;
  when: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  entries: FeedEntry[];
  tombstones: FeedTombstone[];
}

export interface FeedParseOptions {
  /** More entries (tombstones included) than this: the whole feed is refused. */
  maxItems: number;
}

export const TOMBSTONES_NS = 'http://purl.org/atompub/tombstones/1.0';
const JSON_FEED_VERSION = /^https:\/\/jsonfeed\.org\/version\/1(\.1)?$/;

const nonEmpty = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

const unique = (values: Array<string | null | undefined>): string[] => [...new Set(values.map(nonEmpty).filter((value): value is string => value !== null))];

/** Atom text constructs: `text` is text, `html` and `xhtml` are markup. */
const atomText = (text: AtomFeed.Text | undefined): string => {
  if (!text) return '';
  return text.type === 'html' || text.type === 'xhtml' ? feedHtmlToText(text.value) : text.value.replace(/\s+/g, ' ').trim();
};

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Plain text as HTML paragraphs, so every body goes through the same sanitizer and converter. */
const textAsHtml = (text: string): string =>
  text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('\n');

const atomMarkup = (content: AtomFeed.Content | AtomFeed.Text | undefined): string | null => {
  if (!content?.value) return null;
  const type = content.type ?? 'text';
  if (type === 'html' || type === 'xhtml') return content.value;
  if (type === 'text') return textAsHtml(content.value);
  // Other media types (an XML or base64 payload) are not a story body.
  return null;
};

type AnyLink = { href?: string; rel?: string; type?: string; hreflang?: string; title?: string };

const isAlternate = (link: AnyLink): boolean => (link.rel ?? 'alternate') === 'alternate' && (!link.type || /html/i.test(link.type));

/**
 * The entry's own page and its translations from `link rel="alternate"`: the alternate in the
 * entry's own language (or without hreflang) is its page; those in other languages are
 * translations.
 */
const splitAlternates = (
  links: AnyLink[],
  language: string | null,
  fallbackLink: string | null,
): { link: string | null; language: string | null; alternates: FeedAlternate[] } => {
  const alternates = links.filter((link) => isAlternate(link) && nonEmpty(link.href) !== null);
  const sameLanguage = (link: AnyLink) => language !== null && link.hreflang !== undefined && link.hreflang.toLowerCase() === language.toLowerCase();
  const own = alternates.find(sameLanguage) ?? alternates.find((link) => !link.hreflang) ?? (fallbackLink ? undefined : alternates[0]);
  const link = nonEmpty(own?.href) ?? fallbackLink;
  const ownLanguage = language ?? nonEmpty(own?.hreflang);
  const others = alternates
    .filter((candidate) => candidate !== own && candidate.hreflang && nonEmpty(candidate.href) !== link)
    .filter((candidate) => ownLanguage === null || candidate.hreflang?.toLowerCase() !== ownLanguage.toLowerCase())
    .map((candidate) => ({ locale: candidate.hreflang as string, url: (candidate.href as string).trim(), title: nonEmpty(candidate.title) }));
  return { link, language: ownLanguage, alternates: others };
};

const licenceLinks = (links: AnyLink[] | undefined): string[] => (links ?? []).filter((link) => link.rel === 'license').map((link) => link.href ?? '');

const atomEntry = (entry: AtomFeed.Entry<string>, feed: AtomFeed.Feed<string>, feedLanguage: string | null): FeedEntry => {
  const language = nonEmpty(entry.xml?.lang) ?? feedLanguage;
  const own = splitAlternates(entry.links ?? [], language, null);
  const entryLicences = unique(licenceLinks(entry.links));
  return {
    id: nonEmpty(entry.id),
    link: own.link,
    language: own.language,
    title: atomText(entry.title),
    summaryHtml: atomMarkup(entry.summary),
    contentHtml: atomMarkup(entry.content),
    published: nonEmpty(entry.published),
    updated: nonEmpty(entry.updated),
    licenceUrls: entryLicences.length > 0 ? entryLicences : unique(licenceLinks(feed.links)),
    licenceIds: unique([entry.rights ? atomText(entry.rights) : feed.rights ? atomText(feed.rights) : null]),
    categories: (entry.categories ?? []).map((category) => ({ slug: nonEmpty(category.term), name: nonEmpty(category.label) })),
    alternates: own.alternates,
    sourceDocumentId: null,
  };
};

const rssEntry = (item: RssFeed.Item<string>, feed: RssFeed.Feed<string>, feedLanguage: string | null): FeedEntry => {
  const language = nonEmpty(item.dc?.languages?.[0]) ?? nonEmpty(item.xml?.lang) ?? feedLanguage;
  const own = splitAlternates(item.atom?.links ?? [], language, nonEmpty(item.link));
  const guid = nonEmpty(item.guid?.value);
  const itemLicences = unique([...(item.creativeCommons?.licenses ?? []), ...licenceLinks(item.atom?.links)]);
  const dates = [nonEmpty(item.atom?.updated), ...(item.dc?.dates ?? []).map(nonEmpty), ...(item.dcterms?.modified ?? []).map(nonEmpty)];
  return {
    id: guid,
    // A permalink guid is the item's page when it has no <link>.
    link: own.link ?? (guid && item.guid?.isPermaLink !== false && /^https?:\/\//i.test(guid) ? guid : null),
    language: own.language,
    title: feedHtmlToText(item.title),
    summaryHtml: nonEmpty(item.description),
    contentHtml: nonEmpty(item.content?.encoded) ?? nonEmpty(item.description),
    published: nonEmpty(item.pubDate),
    updated: dates.find((date) => date !== null) ?? null,
    licenceUrls: itemLicences.length > 0 ? itemLicences : unique(feed.creativeCommons?.licenses ?? []),
    licenceIds: [],
    // WordPress writes category names HTML-escaped (`Health &amp; Safety`), inside CDATA.
    categories: (item.categories ?? []).map((category) => ({ slug: null, name: nonEmpty(feedHtmlToText(category.name)) })),
    alternates: own.alternates,
    sourceDocumentId: null,
  };
};

/** Tombstones are children of `<feed>` (or an RSS `<channel>`), in the RFC 6721 namespace under any prefix. */
const readTombstones = (xml: string): FeedTombstone[] => {
  if (!xml.includes(TOMBSTONES_NS)) return [];
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    processEntities: true,
    isArray: (name) => name.endsWith(':deleted-entry'),
  });
  const document: unknown = parser.parse(xml);
  if (!isRecord(document)) return [];
  const rootName = Object.keys(document).find((key) => /(^|:)(feed|rss)$/.test(key));
  const root = rootName ? document[rootName] : undefined;
  if (!isRecord(root)) return [];
  const scope = isRecord(root.channel) ? root.channel : root;
  const prefixes = new Set<string>();
  for (const element of [root, scope]) {
    for (const [key, value] of Object.entries(element)) {
      if (key.startsWith('@_xmlns:') && value === TOMBSTONES_NS) prefixes.add(key.slice('@_xmlns:'.length));
    }
  }
  const tombstones: FeedTombstone[] = [];
  for (const prefix of prefixes) {
    const deleted = scope[`${prefix}:deleted-entry`];
    for (const entry of Array.isArray(deleted) ? deleted : []) {
      if (!isRecord(entry)) continue;
      const ref = typeof entry['@_ref'] === 'string' ? nonEmpty(entry['@_ref']) : null;
      if (ref) tombstones.push({ ref, when: typeof entry['@_when'] === 'string' ? nonEmpty(entry['@_when']) : null });
    }
  }
  return tombstones;
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const parseXml = (xml: string, options: FeedParseOptions): ParsedFeed => {
  // Entity declarations are how XML bombs (billion laughs) and external entities get in; feeds need none.
  if (/<!ENTITY/i.test(xml)) throw new FeedParseError('the feed declares XML entities, which are refused');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new FeedParseError(`the feed is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  // The root element, after the prolog (declaration, processing instructions, comments, doctype).
  const root = /^\s*<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]/.exec(xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, ''))?.[1];
  if (root === 'feed') {
    const feed = parseAtomFeed(xml);
    const entries = feed.entries ?? [];
    const tombstones = readTombstones(xml);
    assertCount(entries.length + tombstones.length, options);
    const language = nonEmpty(feed.xml?.lang);
    return { format: 'atom', entries: entries.map((entry) => atomEntry(entry, feed, language)), tombstones };
  }
  if (root === 'rss') {
    const feed = parseRssFeed(xml);
    const items = feed.items ?? [];
    const tombstones = readTombstones(xml);
    assertCount(items.length + tombstones.length, options);
    const language = nonEmpty(feed.language) ?? nonEmpty(feed.dc?.languages?.[0]);
    return { format: 'rss', entries: items.map((item) => rssEntry(item, feed, language)), tombstones };
  }
  throw new FeedParseError('the document is neither RSS 2.0 nor Atom 1.0 nor JSON Feed 1.1');
};

const assertCount = (count: number, options: FeedParseOptions): void => {
  if (count > options.maxItems)
    throw new FeedParseError(`the feed has ${count} items, more than the ${options.maxItems} allowed (feeds.maxItems): nothing imported`);
};

// JSON Feed 1.1, checked field by field: a value of the wrong type refuses the feed, naming where.
const optionalString = (value: unknown, path: string): string | null => {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new FeedParseError(`JSON Feed: ${path} must be a string`);
  return nonEmpty(value);
};

const optionalArray = (value: unknown, path: string): unknown[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new FeedParseError(`JSON Feed: ${path} must be an array`);
  return value;
};

const optionalRecord = (value: unknown, path: string): Record<string, unknown> | null => {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) throw new FeedParseError(`JSON Feed: ${path} must be an object`);
  return value;
};

const jsonItem = (raw: unknown, index: number, feedLanguage: string | null): FeedEntry => {
  const path = `items[${index}]`;
  const item = optionalRecord(raw, path);
  if (!item) throw new FeedParseError(`JSON Feed: ${path} must be an object`);
  // The spec requires an id, a string; numbers (seen in the wild) are read as their text.
  const id = typeof item.id === 'number' ? String(item.id) : optionalString(item.id, `${path}.id`);
  const extension = optionalRecord(item._syndication, `${path}._syndication`);
  const licence = optionalRecord(extension?.licence, `${path}._syndication.licence`);
  const translations = optionalArray(extension?.translations, `${path}._syndication.translations`).map((value, position) => {
    const translation = optionalRecord(value, `${path}._syndication.translations[${position}]`);
    const url = optionalString(translation?.url, `${path}._syndication.translations[${position}].url`);
    const locale = optionalString(translation?.language, `${path}._syndication.translations[${position}].language`);
    if (!url || !locale) throw new FeedParseError(`JSON Feed: ${path}._syndication.translations[${position}] needs language and url`);
    return { locale, url, title: optionalString(translation?.title, `${path}._syndication.translations[${position}].title`) };
  });
  const categories = optionalArray(extension?.categories, `${path}._syndication.categories`).map((value, position) => {
    const category = optionalRecord(value, `${path}._syndication.categories[${position}]`);
    return {
      slug: optionalString(category?.slug, `${path}._syndication.categories[${position}].slug`),
      name: optionalString(category?.name, `${path}._syndication.categories[${position}].name`),
    };
  });
  const tags = optionalArray(item.tags, `${path}.tags`).map((tag, position) => ({ slug: null, name: optionalString(tag, `${path}.tags[${position}]`) }));
  const contentHtml = optionalString(item.content_html, `${path}.content_html`);
  const contentText = optionalString(item.content_text, `${path}.content_text`);
  const summary = optionalString(item.summary, `${path}.summary`);
  return {
    id,
    link: optionalString(item.url, `${path}.url`) ?? optionalString(item.external_url, `${path}.external_url`),
    language: optionalString(item.language, `${path}.language`) ?? feedLanguage,
    title: (optionalString(item.title, `${path}.title`) ?? '').replace(/\s+/g, ' '),
    summaryHtml: summary === null ? null : escapeHtml(summary),
    contentHtml: contentHtml ?? (contentText === null ? null : textAsHtml(contentText)),
    published: optionalString(item.date_published, `${path}.date_published`),
    updated: optionalString(item.date_modified, `${path}.date_modified`),
    licenceUrls: unique([optionalString(licence?.url, `${path}._syndication.licence.url`)]),
    licenceIds: unique([optionalString(licence?.id, `${path}._syndication.licence.id`)]),
    categories: categories.length > 0 ? categories : tags,
    alternates: translations,
    sourceDocumentId: optionalString(extension?.documentId, `${path}._syndication.documentId`),
  };
};

const parseJson = (text: string, options: FeedParseOptions): ParsedFeed => {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new FeedParseError(`the feed is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(document)) throw new FeedParseError('JSON Feed: the document must be an object');
  if (typeof document.version !== 'string' || !JSON_FEED_VERSION.test(document.version)) {
    throw new FeedParseError('JSON Feed: version must be https://jsonfeed.org/version/1.1 (or 1)');
  }
  if (!Array.isArray(document.items)) throw new FeedParseError('JSON Feed: items must be an array');
  assertCount(document.items.length, options);
  const language = optionalString(document.language, 'language');
  return { format: 'json', entries: document.items.map((item, index) => jsonItem(item, index, language)), tombstones: [] };
};

/** Reads a feed's text; `contentType` (the answer's media type) only breaks ties, the content decides. */
export const parseFeedDocument = (text: string, contentType: string | undefined, options: FeedParseOptions): ParsedFeed => {
  const body = text.replace(/^\uFEFF/, '');
  const start = body.trimStart()[0];
  if (start === '{' || (start !== '<' && /json/i.test(contentType ?? ''))) return parseJson(body, options);
  if (start === '<') {
    try {
      return parseXml(body, options);
    } catch (error) {
      if (error instanceof FeedParseError) throw error;
      // feedsmith's own errors (DetectError, MalformedError, ParseError) say the same thing.
      throw new FeedParseError(`the feed could not be read: ${(error as Error).message}`);
    }
  }
  throw new FeedParseError('the document is neither RSS 2.0 nor Atom 1.0 nor JSON Feed 1.1');
};
