/**
 * `npm run bench`: prepares (or reuses) the data set, starts the production build and a
 * bare Koa baseline in processes of their own, drives every scenario with autocannon on
 * loopback, and writes a JSON result file plus a table. See tests/bench/README.md.
 */
import autocannon from 'autocannon';
import { execSync } from 'child_process';
import { createHash } from 'crypto';
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { startAppServer, startKoaServer, readCpuMs, readPeakRss, type AppServer } from './lib/children';
import { preparePostgres, prepareSqlite } from './lib/database';
import { parseOptions, type BenchOptions } from './lib/options';
import type { MixReads, PublishResult, ScaleMetrics } from './lib/protocol';
import { startBenchSubscriber } from './lib/websub-subscriber';
import { buildScenarios, storyList, weightedDraw, type Scenario } from './scenarios';
import { evaluateTargets, printTable, type ScenarioResult } from './report';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const OUT = path.join(ROOT, '.tmp', 'bench');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => process.stdout.write(`[bench] ${message}\n`);

/** Samples the server's resident set size while a scenario runs (VmHWM only ever grows). */
const rssSampler = (pid: number) => {
  let peak = 0;
  const sample = () => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      peak = Math.max(peak, Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024);
    } catch {
      // Not Linux, or the process is gone: the peak stays what it was.
    }
  };
  sample();
  const timer = setInterval(sample, 200);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
};

/**
 * The app's own settings for the WebSub subscriber of the publishing scenario: it listens on
 * 127.0.0.1 over http, which the SSRF-safe agents refuse unless allowed.
 */
const WEBSUB_ENV = { SYNDICATION_PUSH_ALLOWED_ADDRESSES: '127.0.0.1', SYNDICATION_PUSH_ALLOW_HTTP: 'true' };

/**
 * An editor publishing a story every second; measures how soon the JSON feed shows it, and how
 * soon a WebSub subscriber of that feed (a real HTTP server on 127.0.0.1) has it pushed.
 */
const editor = (server: AppServer, base: string) => {
  let stopped = false;
  const publishMs: number[] = [];
  const freshnessMs: Array<number | null> = [];
  const websubMs: Array<number | null> = [];
  const loop = (async () => {
    // The topic is the feed's canonical URL, on the app's PUBLIC_URL (lib/children).
    const subscriber = await startBenchSubscriber(base, 'http://cms.bench/api/syndication/feeds/stories.json').catch((error: Error) => {
      log(`WebSub subscriber not subscribed (${error.message}); pushes are not measured`);
      return null;
    });
    while (!stopped) {
      const started = Date.now();
      const story = await server.call<PublishResult>('publish');
      const published = Date.now();
      publishMs.push(story.took);
      const pushed = subscriber ? subscriber.arrivalOf(story.title, 10_000) : Promise.resolve(null);
      let seen: number | null = null;
      while (Date.now() - published < 10_000) {
        const response = await fetch(`${base}/api/syndication/feeds/stories.json`);
        if ((await response.text()).includes(story.title)) {
          seen = Date.now();
          break;
        }
        await sleep(20);
      }
      freshnessMs.push(seen === null ? null : seen - published);
      const arrived = await pushed;
      websubMs.push(arrived === null ? null : Math.max(0, arrived - published));
      const wait = 1000 - (Date.now() - started);
      if (wait > 0 && !stopped) await sleep(wait);
    }
    await subscriber?.close();
  })();
  return async () => {
    stopped = true;
    await loop;
    return { publishes: publishMs.length, publishMs, freshnessMs, websubMs };
  };
};

/**
 * Waits until the server has finished the requests autocannon left behind (it closes its
 * sockets at the end of the window; the server still works through what it received), so
 * that one scenario's backlog does not slow the next. Idle = at most a few SQL queries a
 * second more than the app runs with no requests at all (its background pollers: the
 * syndication dispatcher, feed poller, inbound and WebSub queues; see `idleQueryRate`).
 */
let idleQueriesPerSecond = 0;
const settle = async (app: AppServer) => {
  let last = (await app.stats()).queries;
  for (let i = 0; i < 120; i += 1) {
    await sleep(1000);
    const now = (await app.stats()).queries;
    if (now - last <= idleQueriesPerSecond + 4) return;
    last = now;
  }
};

/** The app's queries per second with no requests (measured once, before the first scenario). */
const idleQueryRate = async (app: AppServer, seconds = 5) => {
  const before = (await app.stats()).queries;
  await sleep(seconds * 1000);
  return ((await app.stats()).queries - before) / seconds;
};

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

type AutocannonRequest = NonNullable<Parameters<typeof autocannon>[0]['requests']>[number];

/**
 * What autocannon sends: the scenario's requests, cycled; or, for a scenario that draws, one
 * request whose `setupRequest` draws a fresh one each time (autocannon calls it before every
 * request of every connection; all connections share the one random stream). `drawn` counts
 * the paths drawn while it is set.
 */
const autocannonRequests = (scenario: Scenario, drawn: { counts: Map<string, number> | null }) => {
  const draw = scenario.draw;
  if (!draw) return scenario.requests.map((request) => ({ method: request.method ?? 'GET', ...request }));
  return [
    {
      setupRequest: (defaults: AutocannonRequest): AutocannonRequest => {
        const request = draw();
        drawn.counts?.set(request.path, (drawn.counts.get(request.path) ?? 0) + 1);
        return {
          ...defaults,
          method: request.method ?? 'GET',
          path: request.path,
          headers: { ...defaults.headers, ...request.headers },
          ...(request.body === undefined ? {} : { body: request.body }),
        };
      },
    },
  ];
};

const runScenario = async (
  scenario: Scenario,
  connections: number,
  options: BenchOptions,
  app: AppServer,
  koa: { port: number; pid: number },
  /** Filled with the paths drawn in the measured window (scenarios that draw). */
  drawnPaths?: Map<string, number>,
): Promise<ScenarioResult> => {
  const port = scenario.target === 'koa' ? koa.port : app.port;
  const pid = scenario.target === 'koa' ? koa.pid : app.pid;
  const base = `http://127.0.0.1:${port}`;
  const drawn: { counts: Map<string, number> | null } = { counts: null };
  const requests = autocannonRequests(scenario, drawn);
  const load = (duration: number) => autocannon({ url: base, connections, duration, timeout: 30, requests });
  if (options.warmup > 0) await load(options.warmup);
  if (scenario.target === 'app') await settle(app);
  drawn.counts = drawnPaths ?? null;

  if (scenario.target === 'app') await app.call('loopReset');
  const before = scenario.target === 'app' ? await app.stats() : null;
  const stopSampler = rssSampler(pid);
  const stopEditor = scenario.publishing ? editor(app, `http://127.0.0.1:${app.port}`) : null;
  const cpuBefore = readCpuMs(pid);
  const result = await load(options.duration);
  drawn.counts = null;
  const publishing = stopEditor ? await stopEditor() : null;
  const peakRss = stopSampler();
  const loop = scenario.target === 'app' ? (await app.stats()).loopDelayMs : null;
  // Every request sent in the window is worked off before counting: queries / requests sent.
  if (scenario.target === 'app') await settle(app);
  const after = scenario.target === 'app' ? await app.stats() : null;
  const cpuAfter = readCpuMs(pid);

  const cacheBefore = before?.responseCache;
  const cacheAfter = after?.responseCache;
  const responses = Object.values(result.statusCodeStats).reduce((sum, { count }) => sum + count, 0);
  const expected = result.statusCodeStats[String(scenario.status)]?.count ?? 0;
  const freshness = publishing ? publishing.freshnessMs.filter((value): value is number => value !== null) : [];
  const websub = publishing ? publishing.websubMs.filter((value): value is number => value !== null) : [];
  return {
    name: scenario.name,
    connections,
    requestsPerSecond: result.requests.average,
    // No answer within the window: no latency to report (it was longer than the window).
    latencyMs:
      responses > 0
        ? {
            p50: result.latency.p50,
            p90: result.latency.p90,
            p97_5: result.latency.p97_5,
            p99: result.latency.p99,
            p99_9: result.latency.p99_9,
            max: result.latency.max,
          }
        : { p50: null, p90: null, p97_5: null, p99: null, p99_9: null, max: null },
    responses,
    unanswered: Math.max(0, result.requests.sent - responses),
    errors: result.errors + result.timeouts + (responses - expected),
    statusCounts: Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count])),
    queriesPerRequest: before && after && result.requests.sent > 0 ? (after.queries - before.queries) / result.requests.sent : null,
    peakRssBytes: peakRss,
    cpuUsPerRequest: cpuBefore !== null && cpuAfter !== null && result.requests.sent > 0 ? ((cpuAfter - cpuBefore) * 1000) / result.requests.sent : null,
    limit: null,
    xLimitCpu: null,
    xLimit: null,
    bytesPerSecond: result.throughput.average,
    loopDelayMs: loop,
    responseCache:
      cacheBefore && cacheAfter
        ? {
            hits: cacheAfter.hits - cacheBefore.hits,
            stale: cacheAfter.stale - cacheBefore.stale,
            misses: cacheAfter.misses - cacheBefore.misses,
            entries: cacheAfter.entries,
            bytes: cacheAfter.bytes,
          }
        : null,
    publishing: publishing
      ? {
          publishes: publishing.publishes,
          publishMsP50: percentile(publishing.publishMs, 50),
          freshnessMsP50: percentile(freshness, 50),
          freshnessMsMax: freshness.length > 0 ? Math.max(...freshness) : null,
          neverSeen: publishing.freshnessMs.filter((value) => value === null).length,
          websubMsP50: percentile(websub, 50),
          websubMsP95: percentile(websub, 95),
          websubNeverReceived: publishing.websubMs.filter((value) => value === null).length,
        }
      : undefined,
  };
};

/** One answer as sent: what bare Koa has to send to give the limit for it. */
interface Answer {
  status: number;
  bytes: number;
  encoding: string | undefined;
  /** The answer's exact bytes, kept for bare Koa to send (keepCopy), for a 200. */
  copy?: string;
}

/** Where the answers' exact bytes are kept for bare Koa (koa-server.ts `/copy?name=`). */
const COPIES = path.join(OUT, 'limit-bodies');

/**
 * Keeps `raw` for bare Koa to send as it is and returns its name. The same bytes, not only as
 * many: autocannon turns every body into a string, which costs more for text beyond ASCII (a
 * feed's Cyrillic and Kazakh) than for ASCII, so only the app's own bytes give a fair limit.
 */
const keepCopy = (raw: Buffer): string => {
  const name = createHash('sha1').update(raw).digest('hex');
  const file = path.join(COPIES, `${name}.bin`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(COPIES, { recursive: true });
    fs.writeFileSync(file, raw);
  }
  return name;
};

const answerOf = (response: { status: number; bytes: number; encoding: string | undefined; raw: Buffer }): Answer => ({
  status: response.status,
  bytes: response.bytes,
  encoding: response.encoding,
  copy: response.status === 200 ? keepCopy(response.raw) : undefined,
});

interface Probe {
  bytes: number;
  problem?: string;
  /** Every request's answer (its status, size and encoding as sent), in the scenario's order. */
  answers: Answer[];
}

/** How many of a drawing scenario's reads are checked before the load (the first, most popular ones: every kind). */
const DRAW_CHECKED = 40;

/**
 * Before the load: one request checked (the right status and a plausible body, or the scenario
 * is reported broken), and every other request's size and encoding taken for its limit; of a
 * scenario that draws, its most popular reads checked for their status (the limit of a drawing
 * scenario is probed after its run, from what was drawn).
 */
const probe = async (scenario: Scenario, base: string): Promise<Probe> => {
  const request = scenario.requests[0];
  const response = await send(`${base}${request.path}`, request);
  const body = response.body;
  const first = answerOf(response);
  const failed = (problem: string): Probe => ({ bytes: response.bytes, problem, answers: [first] });
  if (response.status !== scenario.status) return failed(`status ${response.status}: ${body.slice(0, 300)}`);
  // A scenario that asks for a compressed answer measures the compressed copy, or nothing.
  const accepts = request.headers?.['accept-encoding'];
  if (accepts && response.encoding !== accepts) return failed(`asked for ${accepts}, got Content-Encoding ${response.encoding ?? 'none'}`);
  try {
    scenario.check?.(body);
  } catch (error) {
    return failed((error as Error).message);
  }
  const answers: Answer[] = [first];
  const rest = scenario.draw ? scenario.requests.slice(1, DRAW_CHECKED) : scenario.requests.slice(1);
  for (const other of rest) {
    const answer = await send(`${base}${other.path}`, other);
    if (scenario.draw && answer.status !== scenario.status) return failed(`${other.path}: status ${answer.status}: ${answer.body.slice(0, 300)}`);
    answers.push(answerOf(answer));
  }
  return { bytes: response.bytes, answers };
};

/** The bare Koa request that sends what `answer` sent (koa-server.ts). */
const limitPath = (answer: Answer): string => {
  if (answer.status === 304) return '/not-modified';
  if (answer.status === 204) return '/no-content';
  if (answer.copy) return `/copy?name=${answer.copy}${answer.encoding ? `&encoding=${encodeURIComponent(answer.encoding)}` : ''}`;
  return `/bytes?size=${answer.bytes}${answer.encoding ? `&encoding=${encodeURIComponent(answer.encoding)}` : ''}`;
};

/** How many of the paths a drawing scenario drew are probed for its limit (the most drawn ones). */
const DRAWN_PROBED = 1_000;

/**
 * A plain HTTP request, as autocannon sends it. (Not fetch: with If-None-Match, fetch adds
 * `Cache-Control: no-cache`, which rightly makes the server answer 200 instead of 304.)
 */
const send = (url: string, request: { method?: string; headers?: Record<string, string>; body?: string }) =>
  new Promise<{ status: number; body: string; bytes: number; raw: Buffer; etag: string | undefined; encoding: string | undefined }>((resolve, reject) => {
    const outgoing = http.request(url, { method: request.method ?? 'GET', headers: request.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        // Bytes as sent (compressed, if the answer is); the text only for checks of identity answers.
        const raw = Buffer.concat(chunks);
        const encoding = response.headers['content-encoding'];
        resolve({ status: response.statusCode ?? 0, body: raw.toString('utf8'), bytes: raw.length, raw, etag: response.headers.etag, encoding });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });

const gitCommit = () => {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
};

const main = async () => {
  const options = parseOptions(process.argv.slice(2));
  const loadAverageAtStart = os.loadavg();
  if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  log(
    `scale ${options.scaleName} (${options.scale}), ${options.database}, ${options.duration} s per scenario after ${options.warmup} s warm-up, connections ${options.connections.join(', ')}`,
  );

  const database =
    options.database === 'postgres'
      ? await preparePostgres(options.scale, options.scaleName, options.regenerate)
      : await prepareSqlite(ROOT, options.scale, options.scaleName, options.regenerate);
  log(`${database.description}: ${database.cached ? 'cached data set' : 'generating the data set (cached for the next runs)'}`);

  const logFile = path.join(OUT, `server-${options.database}-${options.scaleName}.log`);
  const started = Date.now();
  const app = await startAppServer({
    script: path.join(__dirname, 'server.js'),
    root: ROOT,
    env: { ...database.env, BENCH_SCALE: String(options.scale), ...WEBSUB_ENV },
    logFile,
    timeoutMs: 3_600_000,
  });
  log(`app up in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${app.pid}, port ${app.port}, log ${path.relative(ROOT, logFile)})`);
  if (app.generation) log(`generated in ${app.generation.seconds.toFixed(1)} s; ${app.generation.shapeCheck}`);
  log(`data set: ${JSON.stringify(app.dataset.counts)}`);

  const appBase = `http://127.0.0.1:${app.port}`;
  idleQueriesPerSecond = await idleQueryRate(app);
  log(`idle: ${idleQueriesPerSecond.toFixed(1)} SQL queries/s from the app's background pollers`);
  // Plain requests, as autocannon sends them (fetch would ask for compressed copies, whose
  // sizes and ETags are other ones).
  const pageBytes = (await send(`${appBase}${storyList(25)}`, {})).bytes;
  const etags: Record<string, string> = {};
  for (const format of ['rss', 'json']) {
    etags[format] = (await send(`${appBase}/api/syndication/feeds/stories.${format}`, {})).etag ?? '"none"';
  }
  const koa = await startKoaServer(path.join(__dirname, 'koa-server.js'), pageBytes, COPIES);
  log(`bare Koa up (pid ${koa.pid}), body ${pageBytes} bytes (the 25-story page)`);

  const results: ScenarioResult[] = [];
  /** Bare Koa sending what the app's answers sent: one run per distinct set of answers and connection count. */
  const limits: ScenarioResult[] = [];
  const limitRuns = new Map<string, ScenarioResult>();
  const probes: Record<string, Probe> = {};
  const traces: Record<string, string[]> = {};
  let scaleMetrics: ScaleMetrics | null = null;

  const runLimit = async (limitScenario: Scenario, connections: number, key: string): Promise<ScenarioResult> => {
    const memoKey = `${connections}\n${key}`;
    const known = limitRuns.get(memoKey);
    if (known) return known;
    const limit = await runScenario(limitScenario, connections, options, app, koa);
    limitRuns.set(memoKey, limit);
    limits.push(limit);
    log(`${limitScenario.name} c=${connections}: ${limit.requestsPerSecond.toFixed(0)} req/s, p99 ${limit.latencyMs.p99 ?? '-'} ms, errors ${limit.errors}`);
    return limit;
  };

  /** The limit of a scenario that cycles through its requests: bare Koa cycling through the same answers. */
  const cycledLimit = (scenario: Scenario, answers: Answer[], connections: number) => {
    const paths = answers.map(limitPath);
    return runLimit(
      {
        name: `limit:${scenario.name}`,
        target: 'koa',
        requests: paths.map((path) => ({ path })),
        status: scenario.status,
        description: `bare Koa sending the answers of ${scenario.name}`,
      },
      connections,
      paths.join('\n'),
    );
  };

  /**
   * The limit of a scenario that draws: the paths it drew, probed now (the most drawn
   * DRAWN_PROBED of them), sent by bare Koa as often as they were drawn.
   */
  const drawnLimit = async (scenario: Scenario, drawn: Map<string, number>, connections: number) => {
    const byCount = [...drawn.entries()].sort((a, b) => b[1] - a[1]).slice(0, DRAWN_PROBED);
    const paths: string[] = [];
    for (const [drawnPath] of byCount) {
      const request = scenario.requests.find((candidate) => candidate.path === drawnPath) ?? { path: drawnPath };
      const answer = await send(`${appBase}${drawnPath}`, request);
      paths.push(limitPath(answerOf(answer)));
    }
    const total = [...drawn.values()].reduce((sum, count) => sum + count, 0);
    const covered = byCount.reduce((sum, [, count]) => sum + count, 0);
    const limit = await runLimit(
      {
        name: `limit:${scenario.name}`,
        target: 'koa',
        requests: [{ path: paths[0] }],
        draw: weightedDraw(
          paths.map((path) => ({ path })),
          byCount.map(([, count]) => count),
          1,
        ),
        status: scenario.status,
        description: `bare Koa sending the answers ${scenario.name} drew, as often`,
      },
      connections,
      `drawn:${scenario.name}:${limits.length}`,
    );
    return { limit, coverage: total > 0 ? covered / total : 0 };
  };

  /** Probes a scenario (status, content, SQL of one request), then measures it and its limit at each connection count. */
  const measure = async (scenario: Scenario) => {
    const probed = await probe(scenario, scenario.target === 'koa' ? `http://127.0.0.1:${koa.port}` : appBase);
    probes[scenario.name] = probed;
    if (probed.problem) {
      log(`${scenario.name}: BROKEN, skipped (${probed.problem})`);
      return;
    }
    if (scenario.target === 'app') {
      // The SQL of one (warm) request of the scenario, for the report.
      await app.call('traceStart');
      await send(`${appBase}${scenario.requests[0].path}`, scenario.requests[0]);
      traces[scenario.name] = await app.call<string[]>('traceStop');
    }
    for (const connections of options.connections) {
      const drawn = scenario.draw ? new Map<string, number>() : undefined;
      const result = await runScenario(scenario, connections, options, app, koa, drawn);
      if (scenario.target === 'app') {
        let limit: ScenarioResult;
        if (drawn) {
          const stats = await app.stats();
          const measured = await drawnLimit(scenario, drawn, connections);
          limit = measured.limit;
          const cache = result.responseCache;
          const looked = cache ? cache.hits + cache.stale + cache.misses : 0;
          result.mix = {
            reads: scenario.requests.length,
            distinctDrawn: drawn.size,
            drawn: [...drawn.values()].reduce((sum, count) => sum + count, 0),
            hitRate: cache && looked > 0 ? (cache.hits + cache.stale) / looked : null,
            responseCacheBytes: stats.responseCache?.bytes ?? null,
            responseCacheMaxBytes: stats.responseCacheMaxBytes,
            limitCoverage: measured.coverage,
          };
        } else {
          limit = await cycledLimit(scenario, probed.answers, connections);
        }
        result.limit = { requestsPerSecond: limit.requestsPerSecond, scenario: limit.name, cpuUsPerRequest: limit.cpuUsPerRequest };
        result.xLimit = limit.requestsPerSecond > 0 ? result.requestsPerSecond / limit.requestsPerSecond : null;
        result.xLimitCpu = limit.cpuUsPerRequest && result.cpuUsPerRequest ? limit.cpuUsPerRequest / result.cpuUsPerRequest : null;
      }
      results.push(result);
      const cache = result.responseCache;
      log(
        `${scenario.name} c=${connections}: ${result.requestsPerSecond.toFixed(0)} req/s` +
          (result.xLimit === null ? '' : ` (${result.xLimit.toFixed(2)} x limit)`) +
          (result.cpuUsPerRequest === null ? '' : `, server CPU ${result.cpuUsPerRequest.toFixed(0)} µs/req`) +
          (result.xLimitCpu === null ? '' : ` (${result.xLimitCpu.toFixed(2)} x limit's)`) +
          `, p50 ${result.latencyMs.p50 ?? '-'} ms, p99 ${result.latencyMs.p99 ?? '-'} ms, errors ${result.errors}, unanswered ${result.unanswered}` +
          (result.queriesPerRequest === null ? '' : `, ${result.queriesPerRequest.toFixed(2)} queries/req`) +
          (cache && cache.hits + cache.misses > 0 ? `, cache ${cache.hits} hits / ${cache.stale} stale / ${cache.misses} misses` : '') +
          (result.loopDelayMs ? `, event-loop delay p99 ${result.loopDelayMs.p99.toFixed(1)} ms / max ${result.loopDelayMs.max.toFixed(1)} ms` : '') +
          (result.mix ? `, ${result.mix.distinctDrawn} distinct URLs of ${result.mix.reads}` : '') +
          (result.publishing
            ? `, ${result.publishing.publishes} publishes, feed fresh after p50 ${result.publishing.freshnessMsP50} ms / max ${result.publishing.freshnessMsMax} ms, WebSub push p50 ${result.publishing.websubMsP50} ms / p95 ${result.publishing.websubMsP95} ms`
            : ''),
      );
    }
  };

  try {
    const mixReads = await app.call<MixReads>('mixReads');
    const scenarios = buildScenarios(app.dataset, etags, mixReads).filter(
      (scenario) =>
        options.only.length === 0 ||
        ['koa-baseline', 'koa-bytes', 'health'].includes(scenario.name) ||
        options.only.some((name) => scenario.name.includes(name)),
    );
    for (const scenario of scenarios) {
      if (scenario.cacheOff) await app.call('cacheOff');
      try {
        await measure(scenario);
      } finally {
        if (scenario.cacheOff) await app.call('cacheOn');
      }
    }
    // After the load, with nothing else running: what grows with the content.
    scaleMetrics = await app.call<ScaleMetrics>('scaleMetrics').catch((error: Error) => {
      log(`scale metrics not measured: ${error.message}`);
      return null;
    });
  } finally {
    const appPeak = (await app.stats().catch(() => null))?.peakRss ?? readPeakRss(app.pid);
    const koaPeak = koa.peakRss();
    await koa.stop();
    await app.stop();

    const targets = evaluateTargets(results, options.database, options.scale, appPeak);
    const report = {
      date: new Date().toISOString(),
      commit: gitCommit(),
      // Other work on the machine during the run skews everything: the load averages show it.
      loadAverageAtEnd: os.loadavg(),
      loadAverageAtStart,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryBytes: os.totalmem(),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
      },
      options,
      database: database.description,
      cachedDataSet: database.cached,
      generation: app.generation,
      dataset: app.dataset.counts,
      koaBodyBytes: pageBytes,
      responseBytes: Object.fromEntries(Object.entries(probes).map(([name, probed]) => [name, probed.bytes])),
      broken: Object.fromEntries(
        Object.entries(probes)
          .filter(([, probed]) => probed.problem)
          .map(([name, probed]) => [name, probed.problem]),
      ),
      peakRssBytes: { app: appPeak, koa: koaPeak },
      scaleMetrics,
      sqlOfOneRequest: traces,
      results,
      /** The bare Koa runs the results' `limit` names: the same bytes (and encoding) as the app's answers. */
      limits,
      targets,
    };
    fs.mkdirSync(path.join(OUT, 'results'), { recursive: true });
    const file = path.join(OUT, 'results', `${report.date.replace(/[:.]/g, '-')}-${options.database}-${options.scaleName}.json`);
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    fs.copyFileSync(file, path.join(OUT, 'results', 'latest.json'));
    printTable(results, report.peakRssBytes, targets, options.scale);
    if (scaleMetrics) {
      const { fingerprintMs: fingerprint, feedBuildMs: feed, databaseBytes } = scaleMetrics;
      log(
        `scale ${options.scale}: content fingerprint query ${fingerprint ? `p50 ${fingerprint.p50.toFixed(1)} ms / max ${fingerprint.max.toFixed(1)} ms (${fingerprint.runs} reads)` : '-'}; ` +
          `RSS feed built with every cache bypassed ${feed ? `${feed.first.toFixed(0)} ms first, p50 ${feed.p50.toFixed(0)} ms (${feed.runs} builds)` : '-'}; ` +
          `database ${databaseBytes === null ? '-' : `${(databaseBytes / 1024 / 1024).toFixed(0)} MB`}; peak app RSS ${(appPeak / 1024 / 1024).toFixed(0)} MB`,
      );
    }
    log(`results: ${path.relative(ROOT, file)}`);
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
