import { DEFAULT_RETRY_SCHEDULE, parseDuration, parseSchedule } from '../utils/backoff';
import { CONTENT_TYPE_KEYS, type ContentTypesConfig } from './content-types';

export type { ContentTypeKey, ContentTypesConfig } from './content-types';

/** After failed polls in a row: 1 min, 5 min, 15 min, 1 h, then every 6 h until the feed answers. */
const DEFAULT_FEED_RETRY_SCHEDULE = '1m,5m,15m,1h,6h';

/** Pushes to partners (services/dispatcher). */
export interface PushConfig {
  /** Run the delivery worker in this process (every process may; claims are atomic). */
  enabled: boolean;
  /** How often the worker looks for due deliveries. */
  pollIntervalMs: number;
  /** Longest wait for a partner's answer, connection included. */
  timeoutMs: number;
  /** Delays before the 2nd, 3rd, ... attempt; after the last, the delivery has failed. */
  retryScheduleMs: number[];
  /** Each delay moves by up to ± this fraction. */
  jitter: number;
  /** A partner's Retry-After is honoured up to this long. */
  maxRetryAfterMs: number;
  /** Most deliveries one poll claims. */
  batchSize: number;
  /** Bytes of a partner's answer kept in the attempt log. */
  responseBodyBytes: number;
  /**
   * IP addresses or CIDR ranges that may be reached although private, loopback or link-local.
   * Empty by default: partners are on the public internet, and an editor's URL must never
   * reach the CMS's own network (SSRF). Tests allow 127.0.0.1 and ::1.
   */
  allowedAddresses: string[];
  /** Accept http:// endpoints (payloads and signatures readable on the wire); https only by default. */
  allowHttp: boolean;
}

/**
 * Polling partners' feeds (`inbound.feedUrl`; services/feed-poller), by the delivery worker
 * with its SSRF-safe agents (`push.allowedAddresses`, `push.allowHttp`).
 */
export interface FeedsConfig {
  /** Longest wait for a feed, connection, redirects and body included. */
  timeoutMs: number;
  /** Most bytes of a feed read (after decompression); a larger feed is refused whole. */
  maxBytes: number;
  /** Most items (and tombstones) in a feed; a feed with more is refused whole, nothing imported. */
  maxItems: number;
  /** Redirects followed (each hop checked by the SSRF-safe agents). */
  maxRedirects: number;
  /** Delays after the 1st, 2nd, ... failed poll in a row; the last repeats. */
  retryScheduleMs: number[];
  /** Each delay moves by up to ± this fraction. */
  jitter: number;
  /** A feed's Retry-After or Cache-Control max-age is honoured up to this long. */
  maxDelayMs: number;
  /** Feeds one process polls at the same time. */
  concurrency: number;
}

/** Our WebSub hub (services/websub-hub*): leases, verification, re-checks. Distribution runs in the delivery worker (`push.enabled`). */
export interface WebsubHubConfig {
  /** Lease when the subscriber asks for none, and the bounds an asked lease is moved into. */
  defaultLeaseSeconds: number;
  minLeaseSeconds: number;
  maxLeaseSeconds: number;
  /** Longest wait for a callback's answer to the verification GET. */
  verifyTimeoutMs: number;
  /** How often subscribed topics are rendered again without a change (embargoes end without a write). */
  recheckIntervalMs: number;
}

/** Our WebSub subscriptions to partners' feeds (services/websub-subscriber), run by the feed poller's job. */
export interface WebsubSubscriberConfig {
  /** Subscribe when a partner's feed advertises a hub (off: partners' feeds are only polled). */
  enabled: boolean;
  /** The lease we ask the hub for (`hub.lease_seconds`); the hub decides, and we renew at 80 % of what it grants. */
  leaseSeconds: number;
  /** While a lease is active, a feed is polled every `pollFactor` × its pollInterval, a safety net for missed pushes. */
  pollFactor: number;
  /** A hub that accepted a request but has not verified it within this long is asked again. */
  verifyTimeoutMs: number;
  /** Delays after the 1st, 2nd, ... failed request to a hub; the last repeats (an unsubscription gives up after the last). */
  retryScheduleMs: number[];
}

/**
 * Plugin settings, overridable in config/plugins.ts (`syndication.config`). Every value has
 * a safe default except `contentTypes`: the host app names its own types (the plugin knows
 * none of them), and bootstrap checks they have what the plugin reads (config/content-types).
 */
export interface SyndicationConfig {
  /** Uids of the host's content types the plugin reads, e.g. `{ story: 'api::story.story', ... }`. */
  contentTypes: ContentTypesConfig;
  /** Public website the story links point to; '' means the CMS's own `server.url` (PUBLIC_URL). */
  siteUrl: string;
  /** Path of a story on the website; `{locale}` and `{slug}` are replaced. */
  storyPathTemplate: string;
  /** Feed title and description (the same in every language). */
  feedTitle: string;
  feedDescription: string;
  /** Seconds a client or proxy may reuse a feed without asking again (Cache-Control max-age). */
  maxAgeSeconds: number;
  /** Feeds whose validators (ETag, Last-Modified) a process remembers, so Last-Modified moves forward when content changes. */
  cacheMaxEntries: number;
  push: PushConfig;
  feeds: FeedsConfig;
  websubHub: WebsubHubConfig;
  websubSubscriber: WebsubSubscriberConfig;
}

type Env = {
  (key: string, fallback?: string): string | undefined;
  int(key: string, fallback?: number): number | undefined;
  float(key: string, fallback?: number): number | undefined;
  bool(key: string, fallback?: boolean): boolean | undefined;
};

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

// No `contentTypes`: the host must name them (the validator refuses a config without them).
const defaultConfig = ({ env }: { env: Env }): Omit<SyndicationConfig, 'contentTypes'> => ({
  siteUrl: env('SYNDICATION_SITE_URL', env('PUBLIC_URL', '')) ?? '',
  storyPathTemplate: env('SYNDICATION_STORY_PATH', '/{locale}/stories/{slug}') ?? '/{locale}/stories/{slug}',
  feedTitle: env('SYNDICATION_FEED_TITLE', 'Union stories') ?? 'Union stories',
  feedDescription: env('SYNDICATION_FEED_DESCRIPTION', 'Stories partners may republish') ?? '',
  // Short by default: the server revalidates cheaply (ETag), and readers should see news soon.
  maxAgeSeconds: env.int('SYNDICATION_MAX_AGE', 60) ?? 60,
  cacheMaxEntries: env.int('SYNDICATION_CACHE_MAX_ENTRIES', 1000) ?? 1000,
  push: {
    enabled: env.bool('SYNDICATION_PUSH_ENABLED', true) ?? true,
    pollIntervalMs: parseDuration(env('SYNDICATION_PUSH_POLL_INTERVAL', '1s') ?? '1s'),
    timeoutMs: parseDuration(env('SYNDICATION_PUSH_TIMEOUT', '10s') ?? '10s'),
    retryScheduleMs: parseSchedule(env('SYNDICATION_PUSH_RETRY_SCHEDULE', DEFAULT_RETRY_SCHEDULE) ?? DEFAULT_RETRY_SCHEDULE),
    jitter: env.float('SYNDICATION_PUSH_JITTER', 0.2) ?? 0.2,
    maxRetryAfterMs: parseDuration(env('SYNDICATION_PUSH_MAX_RETRY_AFTER', '1d') ?? '1d'),
    batchSize: env.int('SYNDICATION_PUSH_BATCH_SIZE', 20) ?? 20,
    responseBodyBytes: env.int('SYNDICATION_PUSH_RESPONSE_BYTES', 1024) ?? 1024,
    allowedAddresses: list(env('SYNDICATION_PUSH_ALLOWED_ADDRESSES', '')),
    allowHttp: env.bool('SYNDICATION_PUSH_ALLOW_HTTP', false) ?? false,
  },
  feeds: {
    timeoutMs: parseDuration(env('SYNDICATION_FEEDS_TIMEOUT', '20s') ?? '20s'),
    // Real feeds are tens to hundreds of KiB; a WordPress feed of 50 full posts stays under 2 MiB.
    maxBytes: env.int('SYNDICATION_FEEDS_MAX_BYTES', 5 * 1024 * 1024) ?? 5 * 1024 * 1024,
    maxItems: env.int('SYNDICATION_FEEDS_MAX_ITEMS', 500) ?? 500,
    maxRedirects: env.int('SYNDICATION_FEEDS_MAX_REDIRECTS', 3) ?? 3,
    retryScheduleMs: parseSchedule(env('SYNDICATION_FEEDS_RETRY_SCHEDULE', DEFAULT_FEED_RETRY_SCHEDULE) ?? DEFAULT_FEED_RETRY_SCHEDULE),
    jitter: env.float('SYNDICATION_FEEDS_JITTER', 0.2) ?? 0.2,
    maxDelayMs: parseDuration(env('SYNDICATION_FEEDS_MAX_DELAY', '1d') ?? '1d'),
    concurrency: env.int('SYNDICATION_FEEDS_CONCURRENCY', 4) ?? 4,
  },
  websubHub: {
    // The issue's leases: 10 days by default, 1 hour to 30 days, never perpetual.
    defaultLeaseSeconds: env.int('SYNDICATION_WEBSUB_DEFAULT_LEASE', 10 * 86_400) ?? 10 * 86_400,
    minLeaseSeconds: env.int('SYNDICATION_WEBSUB_MIN_LEASE', 3600) ?? 3600,
    maxLeaseSeconds: env.int('SYNDICATION_WEBSUB_MAX_LEASE', 30 * 86_400) ?? 30 * 86_400,
    verifyTimeoutMs: parseDuration(env('SYNDICATION_WEBSUB_VERIFY_TIMEOUT', '10s') ?? '10s'),
    recheckIntervalMs: parseDuration(env('SYNDICATION_WEBSUB_RECHECK_INTERVAL', '5m') ?? '5m'),
  },
  websubSubscriber: {
    enabled: env.bool('SYNDICATION_WEBSUB_SUBSCRIBER_ENABLED', true) ?? true,
    leaseSeconds: env.int('SYNDICATION_WEBSUB_SUBSCRIBER_LEASE', 10 * 86_400) ?? 10 * 86_400,
    pollFactor: env.int('SYNDICATION_WEBSUB_SUBSCRIBER_POLL_FACTOR', 6) ?? 6,
    verifyTimeoutMs: parseDuration(env('SYNDICATION_WEBSUB_SUBSCRIBER_VERIFY_TIMEOUT', '1h') ?? '1h'),
    retryScheduleMs: parseSchedule(env('SYNDICATION_WEBSUB_SUBSCRIBER_RETRY_SCHEDULE', DEFAULT_FEED_RETRY_SCHEDULE) ?? DEFAULT_FEED_RETRY_SCHEDULE),
  },
});

const positiveInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1;

const validatePush = (push: unknown): void => {
  if (!isRecord(push)) throw new Error('syndication: push must be an object');
  if (typeof push.enabled !== 'boolean') throw new Error('syndication: push.enabled must be a boolean');
  if (typeof push.allowHttp !== 'boolean') throw new Error('syndication: push.allowHttp must be a boolean');
  for (const key of ['pollIntervalMs', 'timeoutMs', 'maxRetryAfterMs', 'batchSize', 'responseBodyBytes'] as const) {
    if (!positiveInteger(push[key])) throw new Error(`syndication: push.${key} must be an integer >= 1`);
  }
  const schedule = push.retryScheduleMs;
  if (!Array.isArray(schedule) || !schedule.every((delay) => typeof delay === 'number' && Number.isInteger(delay) && delay >= 0)) {
    throw new Error('syndication: push.retryScheduleMs must be a list of delays in milliseconds');
  }
  if (typeof push.jitter !== 'number' || push.jitter < 0 || push.jitter >= 1) throw new Error('syndication: push.jitter must be from 0 to below 1');
  const addresses = push.allowedAddresses;
  if (!Array.isArray(addresses) || !addresses.every((address) => typeof address === 'string' && /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(address))) {
    throw new Error('syndication: push.allowedAddresses must be IP addresses or CIDR ranges (not host names)');
  }
};

const validateFeeds = (feeds: unknown): void => {
  if (!isRecord(feeds)) throw new Error('syndication: feeds must be an object');
  for (const key of ['timeoutMs', 'maxBytes', 'maxItems', 'maxDelayMs', 'concurrency'] as const) {
    if (!positiveInteger(feeds[key])) throw new Error(`syndication: feeds.${key} must be an integer >= 1`);
  }
  if (typeof feeds.maxRedirects !== 'number' || !Number.isInteger(feeds.maxRedirects) || feeds.maxRedirects < 0) {
    throw new Error('syndication: feeds.maxRedirects must be an integer >= 0');
  }
  const schedule = feeds.retryScheduleMs;
  if (!Array.isArray(schedule) || schedule.length === 0 || !schedule.every((delay) => typeof delay === 'number' && Number.isInteger(delay) && delay >= 0)) {
    throw new Error('syndication: feeds.retryScheduleMs must be a non-empty list of delays in milliseconds');
  }
  if (typeof feeds.jitter !== 'number' || feeds.jitter < 0 || feeds.jitter >= 1) throw new Error('syndication: feeds.jitter must be from 0 to below 1');
};

const validateWebsubHub = (hub: unknown): void => {
  if (!isRecord(hub)) throw new Error('syndication: websubHub must be an object');
  for (const key of ['defaultLeaseSeconds', 'minLeaseSeconds', 'maxLeaseSeconds', 'verifyTimeoutMs', 'recheckIntervalMs'] as const) {
    if (!positiveInteger(hub[key])) throw new Error(`syndication: websubHub.${key} must be an integer >= 1`);
  }
  const { defaultLeaseSeconds, minLeaseSeconds, maxLeaseSeconds } = hub as Record<string, number>;
  if (!(minLeaseSeconds <= defaultLeaseSeconds && defaultLeaseSeconds <= maxLeaseSeconds)) {
    throw new Error('syndication: websubHub leases must satisfy minLeaseSeconds <= defaultLeaseSeconds <= maxLeaseSeconds');
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

// Shape only here; that each type exists with the attributes the plugin reads is checked at
// bootstrap (config/content-types), once every register lifecycle has added its types.
const validateContentTypes = (contentTypes: unknown): void => {
  if (!isRecord(contentTypes)) {
    throw new Error(`syndication: contentTypes must name the app's content types: { ${CONTENT_TYPE_KEYS.map((key) => `${key}: 'api::…'`).join(', ')} }`);
  }
  for (const key of CONTENT_TYPE_KEYS) {
    const uid = contentTypes[key];
    if (typeof uid !== 'string' || !/^[a-z][a-z0-9-]*::[a-z0-9-]+\.[a-z0-9-]+$/.test(uid)) {
      throw new Error(`syndication: contentTypes.${key} must be a content-type uid such as 'api::${key}.${key}'`);
    }
  }
  const unknownKeys = Object.keys(contentTypes).filter((key) => !(CONTENT_TYPE_KEYS as readonly string[]).includes(key));
  if (unknownKeys.length > 0) throw new Error(`syndication: contentTypes has unknown keys: ${unknownKeys.join(', ')}`);
};

const validateWebsubSubscriber = (subscriber: unknown): void => {
  if (!isRecord(subscriber)) throw new Error('syndication: websubSubscriber must be an object');
  if (typeof subscriber.enabled !== 'boolean') throw new Error('syndication: websubSubscriber.enabled must be a boolean');
  for (const key of ['leaseSeconds', 'pollFactor', 'verifyTimeoutMs'] as const) {
    if (!positiveInteger(subscriber[key])) throw new Error(`syndication: websubSubscriber.${key} must be an integer >= 1`);
  }
  const schedule = subscriber.retryScheduleMs;
  if (!Array.isArray(schedule) || schedule.length === 0 || !schedule.every((delay) => typeof delay === 'number' && Number.isInteger(delay) && delay >= 0)) {
    throw new Error('syndication: websubSubscriber.retryScheduleMs must be a non-empty list of delays in milliseconds');
  }
};

const validator = (config: unknown): void => {
  if (!isRecord(config)) throw new Error('syndication: config must be an object');
  validateContentTypes(config.contentTypes);
  const { siteUrl, storyPathTemplate, feedTitle, feedDescription, maxAgeSeconds, cacheMaxEntries } = config;
  if (typeof siteUrl !== 'string') throw new Error('syndication: siteUrl must be a string');
  if (siteUrl !== '') {
    let parsed: URL;
    try {
      parsed = new URL(siteUrl);
    } catch {
      throw new Error(`syndication: siteUrl "${siteUrl}" is not an absolute URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('syndication: siteUrl must be http(s)');
  }
  if (typeof storyPathTemplate !== 'string' || !storyPathTemplate.startsWith('/') || !storyPathTemplate.includes('{slug}')) {
    throw new Error('syndication: storyPathTemplate must start with "/" and contain "{slug}"');
  }
  if (typeof feedTitle !== 'string' || feedTitle === '') throw new Error('syndication: feedTitle must be a non-empty string');
  if (typeof feedDescription !== 'string') throw new Error('syndication: feedDescription must be a string');
  if (typeof maxAgeSeconds !== 'number' || !Number.isInteger(maxAgeSeconds) || maxAgeSeconds < 0) {
    throw new Error('syndication: maxAgeSeconds must be an integer >= 0');
  }
  if (typeof cacheMaxEntries !== 'number' || !Number.isInteger(cacheMaxEntries) || cacheMaxEntries < 1) {
    throw new Error('syndication: cacheMaxEntries must be an integer >= 1');
  }
  validatePush(config.push);
  validateFeeds(config.feeds);
  validateWebsubHub(config.websubHub);
  validateWebsubSubscriber(config.websubSubscriber);
};

export default { default: defaultConfig, validator };
