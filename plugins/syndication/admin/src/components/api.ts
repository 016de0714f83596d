/** Shapes of the plugin's admin API (server/src/controllers), as the page uses them. */
export interface InboundSettings {
  enabled: boolean;
  policy: 'draft' | 'publish';
  updates: 'held' | 'frozen';
  feedUrl: string | null;
  pollInterval: string;
  locales: string[];
  topicMap: Record<string, string>;
}

export interface Partner {
  id: number;
  name: string;
  /** None: an inbound-only partner, to which nothing is pushed. */
  endpointUrl: string | null;
  organisation: { documentId: string; name: string; slug: string } | null;
  locales: string[];
  topics: string[];
  status: 'active' | 'paused' | 'disabled';
  disabledReason: string | null;
  disabledAt: string | null;
  inbound: InboundSettings;
  inboxUrl: string;
  inboundSecretSet: boolean;
  forwardReceived: boolean;
}

export const OUTCOMES = ['created', 'updated', 'pending', 'unpublished', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** One entry of a partner's received log (GET /partners/:id/received). */
export interface ReceivedEntry {
  id: number;
  externalId: string;
  title: string | null;
  via: 'push' | 'feed';
  version: string | null;
  locales: string[];
  skippedLocales: string[];
  unknownTopics: string[];
  outcome: Outcome;
  reason: string | null;
  changes: string[];
  acceptable: boolean;
  resolved: 'accepted' | 'superseded' | null;
  storyDocumentId: string | null;
  receivedAt: string;
}

export interface Attempt {
  number: number;
  startedAt: string;
  durationMs: number | null;
  statusCode: number | null;
  error: string | null;
  responseBody: string | null;
  outcome: 'succeeded' | 'retrying' | 'failed';
}

export interface Delivery {
  id: number;
  webhookId: string;
  event: string;
  storyDocumentId: string;
  locales: string[];
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  attempts: Attempt[];
}

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** An organisation or topic a partner may name (GET /references/:kind): organisations by document id, topics by slug. */
export interface Reference {
  documentId: string;
  slug: string;
  name: string;
}

/** A locale enabled in i18n (GET /i18n/locales). */
export interface Locale {
  code: string;
  name: string;
  isDefault: boolean;
}

export const BASE = '/syndication';

/** The message of a Strapi error response, for an alert. */
export const errorMessage = (error: unknown): string => {
  const response = (error as { response?: { data?: { error?: { message?: string } } } }).response;
  return response?.data?.error?.message ?? (error instanceof Error ? error.message : 'Something went wrong');
};

export const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
