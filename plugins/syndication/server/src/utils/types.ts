import type { FeedQuery } from '../validation/feed-query';
import type { PushEvent } from './payload';

/** One language version of a story as every format (and GraphQL) shows it. */
export interface SyndicationItem {
  /** Stable across edits and the same in every format (see utils/ids). */
  id: string;
  documentId: string;
  title: string;
  link: string;
  publishedAt: Date;
  updatedAt: Date;
  publisher: { name: string; slug: string; url: string | null } | null;
  categories: Array<{ slug: string; name: string }>;
  summary: string | null;
  /** The body rendered from Markdown and sanitized. */
  contentHtml: string;
  image: { url: string; mime: string; length: number | null; alternativeText: string | null } | null;
  licence: { id: string; url: string | null };
  language: string;
  /** The same story's other published languages. */
  translations: Array<{ locale: string; link: string; title: string }>;
}

/** Everything a feed is rendered from; built once per filter set and content fingerprint. */
export interface FeedModel {
  query: FeedQuery;
  /** The locale the feed is in (the default locale when the query named none). */
  locale: string;
  items: SyndicationItem[];
  /** Newest change among the items (their publication, update or embargo end). */
  updated: Date;
  /** When the next embargoed story becomes visible (ms since epoch): the model is stale then. */
  expiresAt: number | null;
}

/** A filter the database does not know (unknown locale, topic or organisation): a 400, cached like a feed. */
export interface UnknownFilter {
  path: 'locale' | 'topic' | 'organisation';
  message: string;
}

export type ModelResult = { ok: true; model: FeedModel } | { ok: false; error: UnknownFilter };

export type FeedFormat = 'rss' | 'atom' | 'json';

/** The links every format advertises: itself and its siblings in the other formats. */
export interface FeedLinks {
  self: string;
  /** Our WebSub hub (`rel="hub"`). */
  hub: string;
  alternates: Record<FeedFormat, string>;
  site: string;
  id: string;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** A delivery row (`syndication_deliveries`) as the queue and the dispatcher work with it. */
export interface DeliveryRow {
  id: number;
  webhookId: string;
  partnerId: number;
  event: PushEvent;
  storyDocumentId: string;
  locales: string[] | null;
  payload: string;
  status: DeliveryStatus;
  attemptCount: number;
  runAttempts: number;
  nextAttemptAt: number | string;
  leaseOwner: string | null;
  leaseUntil: number | string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  completedAt: string | Date | null;
  createdAt: string | Date;
}

/** One logged attempt (`syndication_delivery_attempts`). */
export interface AttemptRow {
  id: number;
  deliveryId: number;
  number: number;
  startedAt: string | Date;
  durationMs: number | null;
  statusCode: number | null;
  error: string | null;
  responseBody: string | null;
  outcome: 'succeeded' | 'retrying' | 'failed';
  worker: string | null;
}
