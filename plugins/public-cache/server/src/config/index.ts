import type { Core } from '@strapi/strapi';

const MiB = 1024 * 1024;

/** `config/plugins.ts`, `'public-cache'.config`, merged over the defaults below. */
export type PublicCacheConfig = {
  /**
   * How long (ms) a process trusts the content fingerprint it read: the most a change made by
   * another process sharing the database (or by raw SQL) takes to show. A change made through
   * this process shows at once. 0: read it on every request.
   */
  fingerprintTtlMs: number;
  /**
   * Tables (uids, or `prefix::*`) the fingerprint covers besides DEFAULT_SOURCES and those
   * plugins register (a list of its own: Strapi merges lists of a plugin's config by position).
   */
  extraSources: string[];
  responses: {
    /** Off: every request is computed (the app behaves as if the middleware were absent). */
    enabled: boolean;
    /** Bytes of responses kept per process; the least recently used go first. */
    maxBytes: number;
    /** Larger responses are served but not kept. */
    maxEntryBytes: number;
    /**
     * While one request computes an answer a change made stale, others asking for it meanwhile
     * get the previous answer if the change is at most this old (ms); 0: they wait.
     */
    staleWhileRevalidateMs: number;
  };
  rendered: {
    /** Bytes of rendered values (feeds, calendars) other plugins keep per process; 0: none. */
    maxBytes: number;
  };
};

/** What every public answer of a Strapi app may show: its own types, files, locales, the Public role's permissions. */
export const DEFAULT_SOURCES = [
  'api::*',
  'plugin::upload.file',
  'plugin::i18n.locale',
  // A changed permission of the Public role changes what a public request may read.
  'plugin::users-permissions.permission',
  'plugin::users-permissions.role',
];

const nonNegative = (value: unknown, name: string): void => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Error(`public-cache: ${name} must be a number of 0 or more`);
};

export default {
  default: ({ env }: { env: Core.Config.Shared.ConfigParams['env'] }): PublicCacheConfig => ({
    fingerprintTtlMs: env.int('CONTENT_FINGERPRINT_TTL_MS', 500),
    extraSources: [],
    responses: {
      enabled: env.bool('RESPONSE_CACHE_ENABLED', true),
      maxBytes: env.int('RESPONSE_CACHE_MAX_MB', 64) * MiB,
      maxEntryBytes: env.int('RESPONSE_CACHE_MAX_ENTRY_MB', 8) * MiB,
      staleWhileRevalidateMs: env.int('RESPONSE_CACHE_STALE_MS', 500),
    },
    rendered: {
      maxBytes: env.int('RENDERED_CACHE_MAX_MB', 32) * MiB,
    },
  }),
  validator(config: PublicCacheConfig): void {
    nonNegative(config.fingerprintTtlMs, 'fingerprintTtlMs');
    if (!Array.isArray(config.extraSources) || config.extraSources.some((source) => typeof source !== 'string'))
      throw new Error('public-cache: extraSources must be a list of uids');
    nonNegative(config.responses?.maxBytes, 'responses.maxBytes');
    nonNegative(config.responses?.maxEntryBytes, 'responses.maxEntryBytes');
    nonNegative(config.responses?.staleWhileRevalidateMs, 'responses.staleWhileRevalidateMs');
    nonNegative(config.rendered?.maxBytes, 'rendered.maxBytes');
  },
};

/** The plugin's validated config. */
export const pluginConfig = (strapi: Core.Strapi): PublicCacheConfig => strapi.config.get('plugin::public-cache') as PublicCacheConfig;
