import type { Core } from '@strapi/strapi';

const MiB = 1024 * 1024;

/**
 * Caching of public responses (src/cache, src/middlewares/response-cache.ts). Every cache of the
 * app (responses, feeds, calendars) is keyed by one content fingerprint; see README, "Caching".
 */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // How long (ms) a process trusts the content fingerprint it read: the most a change made by
  // another process sharing the database (or by raw SQL) takes to show. A change made through
  // this process shows at once. 0: read it on every request.
  fingerprintTtlMs: env.int('CONTENT_FINGERPRINT_TTL_MS', 500),
  responses: {
    // Public REST reads and GraphQL queries from memory.
    enabled: env.bool('RESPONSE_CACHE_ENABLED', true),
    // Bytes of responses kept per process; the least recently used go first.
    maxBytes: env.int('RESPONSE_CACHE_MAX_MB', 64) * MiB,
    // Larger responses are served but not kept.
    maxEntryBytes: env.int('RESPONSE_CACHE_MAX_ENTRY_MB', 8) * MiB,
    // While one request computes an answer a change made stale, others asking for it meanwhile
    // get the previous answer if the change is at most this old (ms); 0: they wait for the new one.
    staleWhileRevalidateMs: env.int('RESPONSE_CACHE_STALE_MS', 500),
  },
});

export default config;
