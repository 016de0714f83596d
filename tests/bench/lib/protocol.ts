/** Messages between the runner and the server child (over Node's IPC channel). */

export type ServerRequest =
  | { id: number; type: 'stats' }
  | { id: number; type: 'publish' }
  /** Start recording the SQL of every query; `traceStop` returns what was recorded. */
  | { id: number; type: 'traceStart' }
  | { id: number; type: 'traceStop' }
  /** Turn the app's response cache off (to measure what a miss costs) and on again. */
  | { id: number; type: 'cacheOff' }
  | { id: number; type: 'cacheOn' }
  /** Start a new event-loop delay histogram (read back in `stats`). */
  | { id: number; type: 'loopReset' }
  /** Slugs for the mix scenario's reads (stories, topics, organisations): see `MixReads`. */
  | { id: number; type: 'mixReads' }
  /** How cost grows with the content: see `ScaleMetrics`. */
  | { id: number; type: 'scaleMetrics' }
  | { id: number; type: 'stop' };

export interface ServerStats {
  /** knex `query` events since the process started. */
  queries: number;
  /** Current and peak resident set size, bytes (from /proc/self/status when available). */
  rss: number;
  peakRss: number;
  /** The response cache's counters since the process started (hits, misses, stored) and size. */
  responseCache: { hits: number; stale: number; misses: number; stored: number; entries: number; bytes: number } | null;
  /** The response cache's configured bound (`RESPONSE_CACHE_MAX_MB`, in bytes); null: unknown. */
  responseCacheMaxBytes: number | null;
  /** Event-loop delay since `loopReset` (ms): how long the server was unable to run anything. */
  loopDelayMs: { p99: number; max: number };
}

export interface PublishResult {
  documentId: string;
  slug: string;
  title: string;
  /** Milliseconds the document service took to create and publish. */
  took: number;
}

export type ServerMessage =
  | { type: 'ready'; port: number; generation: GenerationReport | null; dataset: DatasetSummary }
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: string }
  | { type: 'failed'; error: string };

export interface GenerationReport {
  seconds: number;
  /** Documents written through the document service and rows copied by the bulk path. */
  viaDocumentService: Record<string, number>;
  viaBulk: Record<string, number>;
  shapeCheck: string;
}

export interface DatasetSummary {
  scale: number;
  version: number;
  counts: Record<string, number>;
  /** A published story per locale to fetch by slug. */
  sampleSlugs: Array<{ locale: string; slug: string }>;
}

/** What the mix scenario reads: published stories (newest first), topics and organisations, by slug. */
export interface MixReads {
  stories: Array<{ locale: string; slug: string }>;
  topics: string[];
  organisations: string[];
}

/** What grows with the content (issue #17 item 5), measured in the server with nothing else running. */
export interface ScaleMetrics {
  /** The content-fingerprint query (public-cache), read `runs` times with its memo forgotten before each read. */
  fingerprintMs: { runs: number; p50: number; max: number } | null;
  /** The default RSS feed built from the database, every cache bypassed (syndication `feeds.fresh`): the first build and the median of `runs`. */
  feedBuildMs: { runs: number; first: number; p50: number } | null;
  /** pg_database_size, or the SQLite file with its WAL. */
  databaseBytes: number | null;
}
