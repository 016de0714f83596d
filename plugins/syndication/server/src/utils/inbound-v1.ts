import type { Problem } from '@union-comms/kit';
import type { InboundStory, InboundTranslation } from './inbound-types';

/**
 * A push to our inbox: our own payload v1 (utils/payload), validated like any other input (each
 * problem names its field) and turned into the importer's `InboundStory`. Pure. Fields of `data`
 * this version does not know are ignored, so that a newer sender's additions do not break it; the
 * message itself (`type`, `timestamp`, `data`) takes no other keys.
 */

const EVENTS = ['story.published', 'story.updated', 'story.unpublished'] as const;
const LOCALE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isInstant = (value: unknown): value is string => typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));
const isHttpUrl = (value: unknown): value is string => {
  if (typeof value !== 'string' || value.length > 2048) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

export type V1Result = { ok: true; item: InboundStory; webhookType: (typeof EVENTS)[number] } | { ok: false; problems: Problem[] };

export const parseV1 = (text: string): V1Result => {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: [], message: `The body is not valid JSON: ${(error as Error).message}` }] };
  }
  const problems: Problem[] = [];
  const problem = (path: string[], text: string) => problems.push({ path, message: text });
  if (!isRecord(message)) return { ok: false, problems: [{ path: [], message: 'The body must be a JSON object' }] };
  const unknown = Object.keys(message).filter((key) => !['type', 'timestamp', 'data'].includes(key));
  if (unknown.length > 0) problem([], `Unknown field(s): ${unknown.join(', ')}`);
  const type = EVENTS.find((event) => event === message.type);
  if (!type) problem(['type'], `type must be one of ${EVENTS.join(', ')}`);
  if (!isInstant(message.timestamp)) problem(['timestamp'], 'timestamp must be an ISO 8601 instant');
  const data = message.data;
  if (!isRecord(data)) {
    problem(['data'], 'data must be an object');
    return { ok: false, problems };
  }
  if (data.schemaVersion !== 1) problem(['data', 'schemaVersion'], 'data.schemaVersion must be 1');
  if (typeof data.documentId !== 'string' || data.documentId === '' || data.documentId.length > 255) {
    problem(['data', 'documentId'], 'data.documentId must be a string of 1 to 255 characters');
  }
  if (!type || problems.length > 0) return { ok: false, problems };
  const externalId = String(data.documentId);

  if (type === 'story.unpublished') {
    const locales = data.locales;
    if (!Array.isArray(locales) || !locales.every((code) => typeof code === 'string' && LOCALE.test(code))) {
      problem(['data', 'locales'], 'data.locales must be a list of locale codes');
    }
    const remaining = data.remainingLocales ?? [];
    if (!Array.isArray(remaining) || !remaining.every((code) => typeof code === 'string' && LOCALE.test(code))) {
      problem(['data', 'remainingLocales'], 'data.remainingLocales must be a list of locale codes');
    }
    if (problems.length > 0) return { ok: false, problems };
    return {
      ok: true,
      webhookType: type,
      item: {
        externalId,
        version: String(message.timestamp),
        via: 'push',
        licence: null,
        topics: [],
        withdrawn: true,
        translations: [],
        withdrawnLocales: (remaining as string[]).length === 0 ? [] : (locales as string[]),
      },
    };
  }

  const translations: InboundTranslation[] = [];
  const versions: number[] = [];
  if (!isRecord(data.locales) || Object.keys(data.locales).length === 0)
    problem(['data', 'locales'], 'data.locales must be an object with at least one locale');
  else {
    for (const [code, value] of Object.entries(data.locales)) {
      const path = ['data', 'locales', code];
      if (!LOCALE.test(code)) problem(path, `"${code}" is not a locale code`);
      if (!isRecord(value)) {
        problem(path, `data.locales.${code} must be an object`);
        continue;
      }
      const field = (name: string) => [...path, name];
      if (typeof value.title !== 'string' || value.title.trim() === '' || value.title.length > 300)
        problem(field('title'), 'title must be a string of 1 to 300 characters');
      if (value.lead !== null && value.lead !== undefined && (typeof value.lead !== 'string' || value.lead.length > 1000)) {
        problem(field('lead'), 'lead must be a string of at most 1000 characters, or null');
      }
      if (value.bodyMarkdown !== null && value.bodyMarkdown !== undefined && typeof value.bodyMarkdown !== 'string')
        problem(field('bodyMarkdown'), 'bodyMarkdown must be a string or null');
      if (value.slug !== undefined && value.slug !== null && (typeof value.slug !== 'string' || value.slug.length > 200))
        problem(field('slug'), 'slug must be a string');
      if (!isHttpUrl(value.link)) problem(field('link'), 'link must be an http(s) URL');
      if (value.canonicalUrl !== null && value.canonicalUrl !== undefined && !isHttpUrl(value.canonicalUrl))
        problem(field('canonicalUrl'), 'canonicalUrl must be an http(s) URL or null');
      if (!isInstant(value.updatedAt)) problem(field('updatedAt'), 'updatedAt must be an ISO 8601 instant');
      if (value.publishedAt !== null && value.publishedAt !== undefined && !isInstant(value.publishedAt))
        problem(field('publishedAt'), 'publishedAt must be an ISO 8601 instant');
      if (problems.length > 0) continue;
      versions.push(Date.parse(String(value.updatedAt)));
      translations.push({
        locale: code,
        title: String(value.title),
        lead: typeof value.lead === 'string' ? value.lead : null,
        // Markdown; a sender with none gives its HTML, which the importer sanitizes and turns into Markdown alike.
        body: typeof value.bodyMarkdown === 'string' ? value.bodyMarkdown : typeof value.bodyHtml === 'string' ? value.bodyHtml : '',
        url: typeof value.canonicalUrl === 'string' ? value.canonicalUrl : String(value.link),
        slug: typeof value.slug === 'string' ? value.slug : null,
        publishedAt: typeof value.publishedAt === 'string' ? value.publishedAt : null,
      });
    }
  }
  const licence = data.licence;
  if (licence !== null && licence !== undefined && !(isRecord(licence) && typeof licence.id === 'string' && licence.id.length <= 64)) {
    problem(['data', 'licence', 'id'], 'licence.id must be an SPDX identifier');
  }
  const topics = data.topics ?? [];
  if (!Array.isArray(topics) || !topics.every((topic) => isRecord(topic) && typeof topic.slug === 'string' && topic.slug.length <= 200)) {
    problem(['data', 'topics'], 'topics must be a list of { slug, name }');
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    webhookType: type,
    item: {
      externalId,
      // The source's last change: the newest of its language versions.
      version: new Date(Math.max(...versions)).toISOString(),
      via: 'push',
      licence: isRecord(licence) && typeof licence.id === 'string' ? licence.id : null,
      topics: (topics as Array<{ slug: string }>).map((topic) => topic.slug),
      withdrawn: false,
      translations,
    },
  };
};
