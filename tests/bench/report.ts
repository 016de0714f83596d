/** The printed table and the targets, computed from the results. */

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
  bytesPerSecond: number;
  /** The server's event-loop delay during the measured window (ms; null: not the app). */
  loopDelayMs: { p99: number; max: number } | null;
  /** Response-cache hits and misses during the measured window (null: not the app). */
  responseCache: { hits: number; stale: number; misses: number; entries: number; bytes: number } | null;
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

const find = (results: ScenarioResult[], name: string, connections: number) => results.find((r) => r.name === name && r.connections === connections);

export const evaluateTargets = (results: ScenarioResult[], database: string, connections = 10): TargetResult[] => {
  if (database !== 'postgres') return [];
  const targets: TargetResult[] = [];
  const koa = find(results, 'koa-baseline', connections);
  const ratioTarget = (name: string, minimum: number) => {
    const result = find(results, name, connections);
    if (!result || !koa) return;
    const ratio = result.requestsPerSecond / koa.requestsPerSecond;
    targets.push({ target: `${name} >= ${minimum} x Koa req/s`, connections, value: ratio.toFixed(2), met: ratio >= minimum && result.errors === 0 });
  };
  for (const name of ['feed-rss', 'feed-atom', 'feed-json', 'calendar-ics', 'calendar-upcoming']) ratioTarget(name, 0.5);
  for (const name of ['feed-rss-304', 'feed-json-304']) ratioTarget(name, 0.7);
  // The same, as feed readers ask (compressed).
  ratioTarget('feed-rss-gzip', 0.5);
  // events.ics is far larger than the baseline's page: compared with bare Koa sending as many bytes.
  const calendar = find(results, 'calendar-ics', connections);
  const sameBytes = find(results, 'koa-bytes-calendar', connections);
  if (calendar && sameBytes) {
    const ratio = calendar.requestsPerSecond / sameBytes.requestsPerSecond;
    targets.push({
      target: 'calendar-ics >= 0.5 x bare Koa sending as many bytes',
      connections,
      value: ratio.toFixed(2),
      met: ratio >= 0.5 && calendar.errors === 0,
    });
  }
  const p99Target = (name: string, limit: number) => {
    const result = find(results, name, connections);
    if (result) {
      const p99 = result.latencyMs.p99;
      targets.push({ target: `${name} p99 < ${limit} ms`, connections, value: p99 === null ? 'no answer' : `${p99} ms`, met: p99 !== null && p99 < limit });
    }
  };
  p99Target('rest-list-25', 50);
  p99Target('rest-list-100', 150);
  // Search at full scale (issue #15): broad queries (thousands of hits) and selective ones.
  p99Target('search-uncached', 50);
  p99Target('search-selective-uncached', 50);
  for (const size of [25, 100]) {
    const rest = find(results, `rest-list-${size}`, connections);
    const graphql = find(results, `graphql-list-${size}`, connections);
    if (rest && graphql && rest.latencyMs.p99 !== null) {
      const ratio = (graphql.latencyMs.p99 ?? Infinity) / rest.latencyMs.p99;
      targets.push({ target: `graphql-list-${size} p99 <= 1.5 x REST p99`, connections, value: `${ratio.toFixed(2)} x`, met: ratio <= 1.5 });
    }
  }
  // With the response cache off: what a miss costs, and whether queries grow with the page.
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
  p99Target('rest-list-25-uncached', 50);
  p99Target('rest-list-100-uncached', 150);
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
  return targets;
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)}`;

export const printTable = (results: ScenarioResult[], peak: { app: number; koa: number }, targets: TargetResult[]): void => {
  const header = [
    'scenario',
    'conns',
    'req/s',
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
  console.log(`\npeak RSS (VmHWM): app ${mb(peak.app)} MB, bare Koa ${mb(peak.koa)} MB`);
  for (const r of results) {
    if (r.publishing) {
      const p = r.publishing;
      console.log(
        `${r.name} c=${r.connections}: ${p.publishes} publishes (p50 ${p.publishMsP50} ms each); JSON feed shows them after p50 ${p.freshnessMsP50} ms, max ${p.freshnessMsMax} ms; never seen ${p.neverSeen}; a WebSub subscriber has them after p50 ${p.websubMsP50} ms, p95 ${p.websubMsP95} ms; never received ${p.websubNeverReceived}`,
      );
    }
  }
  if (targets.length > 0) {
    console.log('\ntargets (PostgreSQL, 10 connections):');
    for (const t of targets) console.log(`  ${t.met ? 'MET    ' : 'MISSED '} ${t.target}: ${t.value}`);
  }
};
