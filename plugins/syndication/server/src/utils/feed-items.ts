import { createHash } from 'crypto';
import { isKnownLicence, LICENCES } from '@union-comms/kit';
import { feedHtmlToMarkdown, feedHtmlToText } from './feed-html';
import type { FeedEntry, ParsedFeed } from './feed-parse';
import type { InboundStory, InboundTranslation } from './inbound-types';

/**
 * A parsed feed made into the importer's `InboundStory`s (utils/inbound-types): items deduped
 * by id (`guid`/`id`, else link), translations (items linking each other through hreflang
 * alternates or `_syndication.translations`) joined into one story, HTML sanitized and made
 * Markdown, licence URLs mapped to SPDX ids, categories to topic slugs, tombstones to
 * withdrawals. Pure: the poller keeps `memory` between polls (feed-state `items`).
 */

/** What the poller remembers of one feed item between polls. */
export interface RememberedItem {
  /** The story (group of translations) it was handed to the importer as. */
  externalId: string;
  locale: string | null;
  /** Hash of what the item says: unchanged items are not handed over again. */
  hash: string;
  /** The version it was handed over with (ISO instant). */
  version: string;
  /** The source withdrew it (tombstone). */
  withdrawn?: boolean;
  /** Epoch ms of the last poll that saw it (the oldest are forgotten first). */
  seenAt: number;
}

export type FeedMemory = Record<string, RememberedItem>;

export interface FeedStory {
  story: InboundStory;
  /** The memory entries to keep once the importer has taken the story. */
  remember: FeedMemory;
}

export interface FeedItemsResult {
  /** New or changed stories only: what the importer already has is not handed over again. */
  changed: FeedStory[];
  /** Memory of the items that did not change (their `seenAt` moved). */
  unchanged: FeedMemory;
  /** Items left out, with why (no id and no link). */
  skipped: string[];
}

export interface FeedItemsOptions {
  /** Where the feed was fetched from: relative links resolve against it. */
  feedUrl: string;
  memory: FeedMemory;
  /** Epoch ms of this poll. */
  now: number;
  /** A source locale code as one of ours (`en-US` → `en` when we have `en`); the code itself when none fits. */
  resolveLocale: (code: string) => string;
}

/** Most items remembered per feed; the least recently seen are forgotten first. */
export const MEMORY_LIMIT = 5000;

const httpUrl = (value: string | null, base: string): string | null => {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
};

/** A URL as compared when joining translations: no fragment, host lower case (URL does that). */
const urlKey = (value: string): string => {
  const url = new URL(value);
  url.hash = '';
  return url.href;
};

const isoDate = (value: string | null): string | null => {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
};

/** Comparable form of a Creative Commons URL: https, no `www.`, no `legalcode`/`deed.xx`, one trailing slash. */
const licenceUrlKey = (value: string): string | null => {
  try {
    const url = new URL(value.trim());
    const path = url.pathname.replace(/\/(legalcode(\.[a-z-]+)?|deed(\.[a-zA-Z-]+)?)$/, '/').replace(/\/+$/, '');
    return `${url.hostname.replace(/^www\./, '').toLowerCase()}${path.toLowerCase()}/`;
  } catch {
    return null;
  }
};

const LICENCE_BY_URL = new Map(
  Object.entries(LICENCES)
    .filter(([, url]) => url !== '')
    .map(([id, url]) => [licenceUrlKey(url), id] as const),
);

/** The SPDX id an item's licence names or links to; null when it grants none we know (never guessed). */
export const licenceOf = (entry: Pick<FeedEntry, 'licenceIds' | 'licenceUrls'>): string | null => {
  const named = entry.licenceIds.find((id) => isKnownLicence(id));
  if (named) return named;
  for (const url of entry.licenceUrls) {
    const id = LICENCE_BY_URL.get(licenceUrlKey(url));
    if (id) return id;
  }
  return null;
};

/** A category name as a slug: `Workers' Rights` → `workers-rights`; letters of any script kept. */
export const slugify = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The last path segment of a story's page when it is a slug (`/2025/01/06/strike-ends/` → `strike-ends`). */
const slugFromUrl = (url: string): string | null => {
  const segments = new URL(url).pathname.split('/').filter((segment) => segment !== '');
  const last = segments
    .at(-1)
    ?.replace(/\.html?$/, '')
    .toLowerCase();
  return last && SLUG.test(last) && last.length <= 200 ? last : null;
};

interface Item {
  key: string;
  entry: FeedEntry;
  link: string;
  locale: string | null;
  dateVersion: string | null;
  hash: string;
}

const hashOf = (entry: FeedEntry, link: string): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        entry.title,
        entry.summaryHtml,
        entry.contentHtml,
        link,
        entry.language,
        entry.licenceIds,
        entry.licenceUrls,
        entry.categories,
        entry.alternates,
      ]),
    )
    .digest('base64url');

/** Union-find over item keys: items that link each other are one story. */
const groupsOf = (items: Item[]): Item[][] => {
  const parent = new Map(items.map((item) => [item.key, item.key]));
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(key, root);
    return root;
  };
  const byUrl = new Map(items.map((item) => [urlKey(item.link), item.key]));
  for (const item of items) {
    for (const alternate of item.entry.alternates) {
      const url = httpUrl(alternate.url, item.link);
      const other = url ? byUrl.get(urlKey(url)) : undefined;
      if (other !== undefined) parent.set(find(other), find(item.key));
    }
  }
  const groups = new Map<string, Item[]>();
  for (const item of items) groups.set(find(item.key), [...(groups.get(find(item.key)) ?? []), item]);
  return [...groups.values()];
};

const newest = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a > b ? a : b);

const translationOf = (item: Item, locale: string): InboundTranslation => {
  const lead = feedHtmlToText(item.entry.summaryHtml);
  const body = feedHtmlToMarkdown(item.entry.contentHtml, item.link);
  return {
    locale,
    // A title is what a story cannot do without: the lead's start, else the page, stands in.
    title: item.entry.title || lead.slice(0, 200) || item.link,
    lead: lead === '' || item.entry.summaryHtml === item.entry.contentHtml ? null : lead,
    body,
    url: item.link,
    slug: slugFromUrl(item.link),
    publishedAt: isoDate(item.entry.published),
  };
};

/** Drops the least recently seen entries beyond MEMORY_LIMIT. */
export const pruneMemory = (memory: FeedMemory, limit = MEMORY_LIMIT): FeedMemory => {
  const entries = Object.entries(memory);
  if (entries.length <= limit) return memory;
  return Object.fromEntries(entries.sort(([, a], [, b]) => b.seenAt - a.seenAt).slice(0, limit));
};

export const feedItems = (feed: ParsedFeed, options: FeedItemsOptions): FeedItemsResult => {
  const { memory, now } = options;
  const skipped: string[] = [];
  const nowIso = new Date(now).toISOString();
  const deleted = new Map(feed.tombstones.map((tombstone) => [tombstone.ref, isoDate(tombstone.when) ?? nowIso]));

  // Dedupe by id (else link); of two items with one id, the newer counts.
  const byKey = new Map<string, Item>();
  feed.entries.forEach((entry, index) => {
    const link = httpUrl(entry.link, options.feedUrl);
    const key = entry.id ?? link;
    if (key === null || link === null) {
      skipped.push(`item ${index + 1} ("${entry.title.slice(0, 80)}"): ${key === null ? 'no id and no link' : 'no http(s) link'}`);
      return;
    }
    const dateVersion = isoDate(entry.updated) ?? isoDate(entry.published);
    // A tombstone newer than the entry wins (RFC 6721 §3): the entry is withdrawn.
    const deletedAt = deleted.get(key);
    if (deletedAt !== undefined && (dateVersion === null || deletedAt >= dateVersion)) return;
    if (deletedAt !== undefined) deleted.delete(key);
    const locale = entry.language ? options.resolveLocale(entry.language) : null;
    const item: Item = { key, entry, link, locale, dateVersion, hash: hashOf(entry, link) };
    const known = byKey.get(key);
    if (!known || (newest(known.dateVersion, dateVersion) === dateVersion && known.dateVersion !== dateVersion)) byKey.set(key, item);
  });

  const changed: FeedStory[] = [];
  const unchanged: FeedMemory = {};
  const usedIds = new Set<string>();

  for (const members of groupsOf([...byKey.values()])) {
    members.sort((a, b) => (a.key < b.key ? -1 : 1));
    // The story keeps the external id it was first handed over with, whichever translation came first.
    const remembered = members.map((member) => memory[member.key]?.externalId).find((id) => id !== undefined && !usedIds.has(id));
    // Else the source's document id when it gives one (a union-comms partner: the id its pushes
    // carry), else the first item's id.
    const sourceDocumentId = members.map((member) => member.entry.sourceDocumentId).find((id) => id !== null && !usedIds.has(id));
    const externalId = remembered ?? sourceDocumentId ?? members.find((member) => !usedIds.has(member.key))?.key ?? members[0].key;
    usedIds.add(externalId);

    // One translation per locale (the newest); an item without a language cannot be placed.
    const byLocale = new Map<string, Item>();
    for (const member of members) {
      const locale = member.locale ?? 'und';
      const known = byLocale.get(locale);
      if (!known || newest(known.dateVersion, member.dateVersion) !== known.dateVersion) byLocale.set(locale, member);
    }

    let version: string | null = null;
    let isChanged = false;
    const remember: FeedMemory = {};
    for (const member of members) {
      const before = memory[member.key];
      let memberVersion = member.dateVersion ?? nowIso;
      // The same content keeps its version (also after a withdrawal: a stale copy is not newer than the tombstone).
      if (before && before.hash === member.hash) memberVersion = before.version > memberVersion ? before.version : memberVersion;
      else if (before && before.hash !== '' && memberVersion <= before.version) {
        // Changed content under an unchanged date (WordPress RSS has no modification date): the poll's time is its version.
        memberVersion = nowIso > before.version ? nowIso : before.version;
      }
      if (!before || before.hash !== member.hash || before.externalId !== externalId || before.withdrawn) isChanged = true;
      version = newest(version, memberVersion);
      remember[member.key] = { externalId, locale: member.locale, hash: member.hash, version: memberVersion, seenAt: now };
    }
    if (!isChanged) {
      Object.assign(unchanged, remember);
      continue;
    }
    // A translation joining a story imported before changes that story now, whatever its own date:
    // an older date would make the importer take the story as an old version.
    const existed = members.some((member) => memory[member.key]?.externalId === externalId && !memory[member.key]?.withdrawn);
    const joined = members.some((member) => memory[member.key]?.externalId !== externalId);
    if (existed && joined) version = newest(version, nowIso);
    const licence = members.map((member) => licenceOf(member.entry)).find((id) => id !== null) ?? null;
    const topics = [
      ...new Set(
        members.flatMap((member) =>
          member.entry.categories.map((category) => category.slug ?? (category.name ? slugify(category.name) : '')).filter((slug) => slug !== ''),
        ),
      ),
    ];
    changed.push({
      story: {
        externalId,
        version: version ?? nowIso,
        via: 'feed',
        licence,
        topics,
        withdrawn: false,
        translations: [...byLocale.entries()].map(([locale, member]) => translationOf(member, locale)),
      },
      remember,
    });
  }

  // Withdrawals: once per tombstone (remembered), for the story the entry belonged to.
  for (const [ref, when] of deleted) {
    const before = memory[ref];
    if (before?.withdrawn) {
      unchanged[ref] = { ...before, seenAt: now };
      continue;
    }
    const externalId = before?.externalId ?? ref;
    const siblings = Object.entries(memory).filter(([key, item]) => key !== ref && item.externalId === externalId && !item.withdrawn && !deleted.has(key));
    const stillThere = siblings.filter(([key]) => byKey.has(key));
    changed.push({
      story: {
        externalId,
        version: when,
        via: 'feed',
        licence: null,
        topics: [],
        withdrawn: true,
        translations: [],
        // Only this translation when others of the story are still in the feed; else all of it.
        ...(stillThere.length > 0 && before?.locale ? { withdrawnLocales: [before.locale] } : {}),
      },
      // The content's own version is kept: the withdrawal's is the importer's to remember.
      remember: {
        [ref]: { externalId, locale: before?.locale ?? null, hash: before?.hash ?? '', version: before?.version ?? when, withdrawn: true, seenAt: now },
      },
    });
  }

  return { changed, unchanged, skipped };
};
