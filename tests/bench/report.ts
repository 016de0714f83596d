/** The printed table and the issue's targets, computed from the results. */

export interface ScenarioResult {
  name: string;
  connections: number;
  requestsPerSecond: number;
  /** p90, p97.5 and p99.9 show the shape of the tail (in the JSON only). */
  latencyMs: { p50: number | null; p90: number | null; p97_5: number | null; p99: number | null; p99_9: number | null; max: number | null };
  responses: number;
  /** Requests sent but not answered when the window closed (at most one per connection when healthy). */
  unanswered: number;
  errors: number;
  statusCounts: Record<string, number>;
  /** knex query events in the server per request sent (null for the Koa baseline). */
  queriesPerRequest: number | null;
  peakRssBytes: number;
  /**
   * The limit of this answer: bare Koa sending the same bytes with the same Content-Encoding (or
   * answering 304), at the same connection count; `scenario` names the run in the JSON's `limits`.
   * Null for the bare Koa scenarios themselves.
   */
  limit: { requestsPerSecond: number; scenario: string; cpuUsPerRequest: number | null } | null;
  /** requests/s as a share of the limit's. */
  xLimit: number | null;
  /**
   * CPU time (user + system) the server process used per request sent in the window, µs, from
   * /proc (null without it): the server's own cost, less moved than requests/s by the other
   * processes on the machine (the load generator, the database, a neighbour), not unmoved.
   */
  cpuUsPerRequest: number | null;
  /** The limit's CPU per request as a share of this scenario's (1: as cheap as bare Koa sending the same bytes). */
  xLimitCpu: number | null;
  bytesPerSecond: number;
  /** The server's event-loop delay during the measured window (ms; null: not the app). */
  loopDelayMs: { p99: number; max: number } | null;
  /** Response-cache hits and misses during the measured window (null: not the app). */
  responseCache: { hits: number; stale: number; misses: number; entries: number; bytes: number } | null;
  /** A scenario that draws its reads (mix-zipf): what it drew and how the cache held them. */
  mix?: {
    /** Distinct reads it draws from. */
    reads: number;
    /** Distinct paths drawn in the measured window, and how many draws. */
    distinctDrawn: number;
    drawn: number;
    /** Response-cache hits and stale answers as a share of all lookups in the window. */
    hitRate: number | null;
    /** The response cache's size after the window and its bound (RESPONSE_CACHE_MAX_MB). */
    responseCacheBytes: number | null;
    responseCacheMaxBytes: number | null;
    /** Share of the drawn requests whose paths were probed for the limit (the most drawn ones). */
    limitCoverage: number;
  };
  publishing?: {
    publishes: number;
    publishMsP50: number | null;
    freshnessMsP50: number | null;
    freshnessMsMax: number | null;
    neverSeen: number;
    /** From a publish to a WebSub subscriber of the JSON feed receiving the pushed feed with the story. */
    websubMsP50: number | null;
    websubMsP95: number | null;
    websubNeverReceived: number;
  };
}

export interface TargetResult {
  target: string;
  connections: number;
  value: string;
  met: boolean | null;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)}`;

const find = (results: ScenarioResult[], name: string, connections: number) => results.find((r) => r.name === name && r.connections === connections);

/** Cached 200 answers, each held to 0.7 x its limit (bare Koa sending the same bytes). */
const CACHED_200 = [
  'rest-list-25',
  'rest-list-100',
  'graphql-list-25',
  'graphql-list-100',
  'rest-story-by-slug',
  'feed-rss',
  'feed-atom',
  'feed-json',
  'feed-rss-gzip',
  'calendar-ics',
  'calendar-upcoming',
];

/** Peak app RSS at --scale 1 (issue #17). */
export const RSS_TARGET_BYTES = 600 * 1024 * 1024;

/**
 * The targets of issues #13, #15 and #17, PostgreSQL, 10 connections: cached answers against
 * their limit, misses by p99, the mix, memory, search, queries and publishing.
 */
export const evaluateTargets = (results: ScenarioResult[], database: string, scale: number, appPeakRss: number, connections = 10): TargetResult[] => {
  if (database !== 'postgres') return [];
  const targets: TargetResult[] = [];
  const limitTarget = (name: string, minimum: number, limitName: string) => {
    const result = find(results, name, connections);
    if (!result || result.xLimit === null) return;
    targets.push({
      target: `${name} >= ${minimum} x ${limitName}`,
      connections,
      value: `${result.xLimit.toFixed(2)} x (${result.requestsPerSecond.toFixed(0)} / ${result.limit?.requestsPerSecond.toFixed(0)} req/s)`,
      met: result.xLimit >= minimum && result.errors === 0,
    });
  };
  for (const name of CACHED_200) limitTarget(name, 0.7, 'limit (bare Koa, same bytes)');
  for (const name of ['feed-rss-304', 'feed-json-304']) limitTarget(name, 0.7, 'bare Koa 304');
  const p99Target = (name: string, limit: number) => {
    const result = find(results, name, connections);
    if (result) {
      const p99 = result.latencyMs.p99;
      targets.push({ target: `${name} p99 < ${limit} ms`, connections, value: p99 === null ? 'no answer' : `${p99} ms`, met: p99 !== null && p99 < limit });
    }
  };
  // Misses (response cache off).
  p99Target('rest-list-25-uncached', 30);
  p99Target('rest-list-100-uncached', 80);
  for (const size of [25, 100]) {
    const rest = find(results, `rest-list-${size}-uncached`, connections);
    const graphql = find(results, `graphql-list-${size}-uncached`, connections);
    if (rest && graphql && rest.latencyMs.p99 !== null) {
      const ratio = (graphql.latencyMs.p99 ?? Infinity) / rest.latencyMs.p99;
      targets.push({
        target: `graphql-list-${size}-uncached p99 <= 1.5 x REST p99 (cache off)`,
        connections,
        value: `${ratio.toFixed(2)} x`,
        met: ratio <= 1.5,
      });
    }
  }
  p99Target('rest-story-by-slug-uncached', 15);
  // The realistic mix: Zipf-distributed reads while an editor publishes.
  p99Target('mix-zipf', 20);
  // Search at full scale (issue #15): broad queries (thousands of hits) and selective ones.
  p99Target('search-uncached', 50);
  p99Target('search-selective-uncached', 50);
  // With the response cache off: whether queries grow with the page.
  for (const kind of ['rest', 'graphql']) {
    const small = find(results, `${kind}-list-25-uncached`, connections);
    const large = find(results, `${kind}-list-100-uncached`, connections);
    if (small?.queriesPerRequest != null && large?.queriesPerRequest != null) {
      targets.push({
        target: `${kind} list queries/request do not grow with page size (cache off)`,
        connections,
        value: `${small.queriesPerRequest.toFixed(2)} for 25, ${large.queriesPerRequest.toFixed(2)} for 100`,
        met: large.queriesPerRequest <= small.queriesPerRequest + 0.5,
      });
    }
  }
  const quiet = find(results, 'reads-quiet', connections);
  const busy = find(results, 'reads-while-publishing', connections);
  if (quiet && busy && quiet.latencyMs.p99 !== null) {
    const ratio = (busy.latencyMs.p99 ?? Infinity) / quiet.latencyMs.p99;
    targets.push({ target: 'reads p99 while publishing <= 2 x quiet', connections, value: `${ratio.toFixed(2)} x`, met: ratio <= 2 });
    const fresh = busy.publishing;
    if (fresh) {
      const met = fresh.neverSeen === 0 && fresh.freshnessMsMax !== null && fresh.freshnessMsMax <= 1000;
      targets.push({ target: 'feed shows a publish within 1 s', connections, value: `max ${fresh.freshnessMsMax} ms (${fresh.neverSeen} never seen)`, met });
      targets.push({
        target: 'a WebSub subscriber has a publish within 2 s p95',
        connections,
        value: `p95 ${fresh.websubMsP95} ms (${fresh.websubNeverReceived} never received)`,
        met: fresh.websubNeverReceived === 0 && fresh.websubMsP95 !== null && fresh.websubMsP95 <= 2000,
      });
    }
  }
  // Memory: the whole run's peak; the target holds at --scale 1 (other scales: stated, not judged).
  if (appPeakRss > 0) {
    targets.push({
      target: `peak app RSS < ${mb(RSS_TARGET_BYTES)} MB at --scale 1`,
      connections,
      value: `${mb(appPeakRss)} MB at scale ${scale}`,
      met: scale === 1 ? appPeakRss < RSS_TARGET_BYTES : null,
    });
  }
  return targets;
};

export const printTable = (results: ScenarioResult[], peak: { app: number; koa: number }, targets: TargetResult[], scale: number): void => {
  const header = [
    'scenario',
    'conns',
    'req/s',
    'limit req/s',
    'x limit',
    'CPU µs/req',
    'x limit CPU',
    'x koa',
    'x bytes',
    'x health',
    'p50 ms',
    'p99 ms',
    'max ms',
    'errors',
    'unanswered',
    'queries/req',
    'cache hits',
    'loop max ms',
    'RSS MB',
  ];
  const ms = (value: number | null) => (value === null ? '-' : String(value));
  const rows = results.map((r) => {
    const koa = find(results, 'koa-baseline', r.connections);
    const bytes = find(results, 'koa-bytes', r.connections);
    const health = find(results, 'health', r.connections);
    return [
      r.name,
      String(r.connections),
      r.requestsPerSecond.toFixed(0),
      r.limit ? r.limit.requestsPerSecond.toFixed(0) : '-',
      r.xLimit === null ? '-' : r.xLimit.toFixed(2),
      r.cpuUsPerRequest === null ? '-' : r.cpuUsPerRequest.toFixed(0),
      r.xLimitCpu === null ? '-' : r.xLimitCpu.toFixed(2),
      koa ? (r.requestsPerSecond / koa.requestsPerSecond).toFixed(3) : '-',
      bytes ? (r.requestsPerSecond / bytes.requestsPerSecond).toFixed(3) : '-',
      health ? (r.requestsPerSecond / health.requestsPerSecond).toFixed(3) : '-',
      ms(r.latencyMs.p50),
      ms(r.latencyMs.p99),
      ms(r.latencyMs.max),
      String(r.errors),
      String(r.unanswered),
      r.queriesPerRequest === null ? '-' : r.queriesPerRequest.toFixed(2),
      r.responseCache && r.responseCache.hits + r.responseCache.stale + r.responseCache.misses > 0
        ? `${((100 * (r.responseCache.hits + r.responseCache.stale)) / (r.responseCache.hits + r.responseCache.stale + r.responseCache.misses)).toFixed(1)} %`
        : '-',
      r.loopDelayMs ? r.loopDelayMs.max.toFixed(0) : '-',
      mb(r.peakRssBytes),
    ];
  });
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
  console.log(`\npeak app RSS ${mb(peak.app)} MB (target < ${mb(RSS_TARGET_BYTES)} MB at --scale 1; this run: scale ${scale}); bare Koa ${mb(peak.koa)} MB`);
  for (const r of results) {
    if (r.mix) {
      const m = r.mix;
      console.log(
        `${r.name} c=${r.connections}: ${m.distinctDrawn} distinct URLs of ${m.reads} reads in ${m.drawn} requests; cache hit rate ${m.hitRate === null ? '-' : `${(100 * m.hitRate).toFixed(1)} %`}; ` +
          `p50 ${r.latencyMs.p50 ?? '-'} ms, p99 ${r.latencyMs.p99 ?? '-'} ms; response cache ${m.responseCacheBytes === null ? '-' : mb(m.responseCacheBytes)} MB of ` +
          `RESPONSE_CACHE_MAX_MB ${m.responseCacheMaxBytes === null ? '-' : mb(m.responseCacheMaxBytes)}; peak app RSS in it ${mb(r.peakRssBytes)} MB; ` +
          `limit from the ${(100 * m.limitCoverage).toFixed(0)} % of requests whose paths were probed`,
      );
    }
    if (r.publishing) {
      const p = r.publishing;
      console.log(
        `${r.name} c=${r.connections}: ${p.publishes} publishes (p50 ${p.publishMsP50} ms each); JSON feed shows them after p50 ${p.freshnessMsP50} ms, max ${p.freshnessMsMax} ms; never seen ${p.neverSeen}; a WebSub subscriber has them after p50 ${p.websubMsP50} ms, p95 ${p.websubMsP95} ms; never received ${p.websubNeverReceived}`,
      );
    }
  }
  if (targets.length > 0) {
    console.log('\ntargets (PostgreSQL, 10 connections):');
    for (const t of targets) console.log(`  ${t.met === null ? 'n/a    ' : t.met ? 'MET    ' : 'MISSED '} ${t.target}: ${t.value}`);
  }
};
