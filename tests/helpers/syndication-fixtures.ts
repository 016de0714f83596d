import type { Core } from '@strapi/strapi';
import Parser from 'rss-parser';
import { ORGANISATION, STORY, TOPIC } from '../../src/domain/uids';

export const FEEDS = {
  rss: '/api/syndication/feeds/stories.rss',
  atom: '/api/syndication/feeds/stories.atom',
  json: '/api/syndication/feeds/stories.json',
} as const;

type Doc = { documentId: string };

/** The document id of a topic or organisation, found by its slug (as an editor picks one). */
export const documentIdBySlug = async (strapi: Core.Strapi, uid: typeof TOPIC | typeof ORGANISATION, slug: string): Promise<string> => {
  const found = (await strapi.documents(uid).findFirst({ locale: 'en', filters: { slug }, fields: ['documentId'] } as never)) as Doc | null;
  if (!found) throw new Error(`no ${uid} with slug ${slug}`);
  return found.documentId;
};

export interface StoryInput {
  title: string;
  slug: string;
  locale?: string;
  body?: string;
  lead?: string;
  allowed?: boolean;
  embargoUntil?: string | null;
  topics?: string[];
  publisher?: string;
  publish?: boolean;
}

/** Creates (and by default publishes) a story the way an editor would, through the document service. */
export const createStory = async (strapi: Core.Strapi, input: StoryInput): Promise<string> => {
  const locale = input.locale ?? 'en';
  const created = (await strapi.documents(STORY).create({
    locale,
    data: {
      title: input.title,
      slug: input.slug,
      lead: input.lead ?? `Lead of ${input.title}`,
      body: input.body ?? `Body of **${input.title}**`,
      licence: 'CC-BY-4.0',
      syndication: { allowed: input.allowed ?? true, embargoUntil: input.embargoUntil ?? null },
      topics: input.topics ?? [],
      ...(input.publisher && { publisher: input.publisher }),
    },
  } as never)) as Doc;
  if (input.publish ?? true) await strapi.documents(STORY).publish({ documentId: created.documentId, locale } as never);
  return created.documentId;
};

export const rssParser = new Parser<Record<string, unknown>, Record<string, unknown>>({
  customFields: {
    feed: [['atom:link', 'atomLinks', { keepArray: true }], 'language', ['link', 'links', { keepArray: true }]] as never,
    item: [
      'creativeCommons:license',
      'dc:language',
      'dc:creator',
      ['atom:link', 'atomLinks', { keepArray: true }],
      ['link', 'links', { keepArray: true }],
      'rights',
    ] as never,
  },
});

/** An XML link element as rss-parser (xml2js) returns it. */
export type LinkNode = { $: Record<string, string> };

export const linksOf = (value: unknown): Array<Record<string, string>> => (Array.isArray(value) ? (value as LinkNode[]) : []).map((node) => node.$ ?? {});
