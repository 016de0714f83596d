import { randomBytes, randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';
import { Webhook } from 'standardwebhooks';
import { http } from './strapi';
import { ADMIN } from './syndication-push';
import { waitFor } from './wait';

/** A partner's signing secret, as a partner's own system would generate it. */
export const partnerSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export interface LocaleInput {
  title: string;
  slug?: string;
  lead?: string | null;
  bodyMarkdown?: string | null;
  link?: string;
  canonicalUrl?: string | null;
  updatedAt: string;
  publishedAt?: string;
}

/** A v1 `story.published`/`story.updated` message as a union-comms partner sends it (utils/payload). */
export const storyMessage = (
  documentId: string,
  locales: Record<string, LocaleInput>,
  extra: { type?: string; licence?: { id: string; url: string | null } | null; topics?: Array<{ slug: string; name: string }> } = {},
) => ({
  type: extra.type ?? 'story.published',
  timestamp: new Date().toISOString(),
  data: {
    schemaVersion: 1,
    documentId,
    locales: Object.fromEntries(
      Object.entries(locales).map(([locale, value]) => [
        locale,
        {
          itemId: `urn:uuid:${randomUUID()}`,
          title: value.title,
          slug:
            value.slug ??
            `${value.title
              .toLowerCase()
              .replace(/[^a-z0-9]+/g, '-')
              .replace(/^-|-$/g, '')}`,
          lead: value.lead ?? null,
          bodyMarkdown: value.bodyMarkdown ?? `Body of ${value.title}`,
          bodyHtml: '<p>ignored</p>',
          link: value.link ?? `https://partner.example.org/${locale}/stories/${documentId}`,
          canonicalUrl: value.canonicalUrl ?? null,
          publishedAt: value.publishedAt ?? value.updatedAt,
          updatedAt: value.updatedAt,
        },
      ]),
    ),
    licence: extra.licence === undefined ? { id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' } : extra.licence,
    canonicalUrl: null,
    publisher: { name: 'FPRK', slug: 'fprk', url: null },
    topics: extra.topics ?? [],
    cover: null,
    source: null,
    embargoUntil: null,
  },
});

export const unpublishedMessage = (documentId: string, locales: string[], remainingLocales: string[] = [], at = new Date()) => ({
  type: 'story.unpublished',
  timestamp: at.toISOString(),
  data: { schemaVersion: 1, documentId, locales, remainingLocales, reason: 'unpublished' },
});

/** Signs `body` as the partner does and posts it to the inbox; answers the HTTP response. */
export const push = (
  strapi: Core.Strapi,
  inboxPath: string,
  secret: string,
  body: string | object,
  options: { webhookId?: string; at?: Date; contentType?: string; headers?: Record<string, string> } = {},
) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const webhookId = options.webhookId ?? `msg_${randomUUID()}`;
  const at = options.at ?? new Date();
  const signature = new Webhook(secret).sign(webhookId, at, text);
  return http(strapi)
    .post(inboxPath)
    .set('content-type', options.contentType ?? 'application/json')
    .set('webhook-id', webhookId)
    .set('webhook-timestamp', String(Math.floor(at.getTime() / 1000)))
    .set('webhook-signature', signature)
    .set(options.headers ?? {})
    .send(text);
};

export interface ReceivedEntry {
  id: number;
  externalId: string;
  title: string | null;
  locales: string[];
  skippedLocales: string[];
  unknownTopics: string[];
  outcome: string;
  reason: string | null;
  changes: string[];
  acceptable: boolean;
  storyDocumentId: string | null;
  receivedAt: string;
}

export const receivedOf = async (strapi: Core.Strapi, token: string, partnerId: number, query = 'limit=100'): Promise<ReceivedEntry[]> => {
  const res = await http(strapi).get(`${ADMIN}/partners/${partnerId}/received?${query}`).set('Authorization', `Bearer ${token}`);
  if (res.status !== 200) throw new Error(`received: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { data: ReceivedEntry[] }).data;
};

/** Waits until the received log of a partner has `count` entries for `externalId`; answers them, newest first. */
export const waitForReceived = async (strapi: Core.Strapi, token: string, partnerId: number, externalId: string, count = 1): Promise<ReceivedEntry[]> =>
  waitFor(`${count} received log entries for ${externalId}`, async () => {
    const entries = (await receivedOf(strapi, token, partnerId)).filter((entry) => entry.externalId === externalId);
    return entries.length >= count ? entries : undefined;
  });

/** The inbox path of an inboxUrl (`http://cms.test/api/syndication/inbox/…`). */
export const pathOf = (inboxUrl: string): string => new URL(inboxUrl).pathname;
