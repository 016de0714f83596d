/**
 * Plugin settings, overridable in config/plugins.ts (`syndication.config`). Every value has
 * a safe default so the plugin works when enabled with `config: {}`.
 */
export interface SyndicationConfig {
  /** Public website the story links point to; '' means the CMS's own `server.url` (PUBLIC_URL). */
  siteUrl: string;
  /** Path of a story on the website; `{locale}` and `{slug}` are replaced. */
  storyPathTemplate: string;
  /** Feed title and description (the same in every language). */
  feedTitle: string;
  feedDescription: string;
  /** Seconds a client or proxy may reuse a feed without asking again (Cache-Control max-age). */
  maxAgeSeconds: number;
  /** Largest number of built feeds (and error answers) kept in memory per process. */
  cacheMaxEntries: number;
}

type Env = {
  (key: string, fallback?: string): string | undefined;
  int(key: string, fallback?: number): number | undefined;
};

const defaultConfig = ({ env }: { env: Env }): SyndicationConfig => ({
  siteUrl: env('SYNDICATION_SITE_URL', env('PUBLIC_URL', '')) ?? '',
  storyPathTemplate: env('SYNDICATION_STORY_PATH', '/{locale}/stories/{slug}') ?? '/{locale}/stories/{slug}',
  feedTitle: env('SYNDICATION_FEED_TITLE', 'Union stories') ?? 'Union stories',
  feedDescription: env('SYNDICATION_FEED_DESCRIPTION', 'Stories partners may republish') ?? '',
  // Short by default: the server revalidates cheaply (ETag), and readers should see news soon.
  maxAgeSeconds: env.int('SYNDICATION_MAX_AGE', 60) ?? 60,
  cacheMaxEntries: env.int('SYNDICATION_CACHE_MAX_ENTRIES', 1000) ?? 1000,
});

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const validator = (config: unknown): void => {
  if (!isRecord(config)) throw new Error('syndication: config must be an object');
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
};

export default { default: defaultConfig, validator };
