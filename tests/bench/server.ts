/**
 * The app under test, in a process of its own: boots the compiled production build
 * (dist/) programmatically so that it can count knex query events and report its RSS,
 * generates the data set if the database has none, and serves HTTP. The runner talks to
 * it over Node's IPC channel (see lib/protocol.ts). Bench-only: nothing here changes the app.
 */
import fs from 'fs';
import { monitorEventLoopDelay } from 'perf_hooks';
import path from 'path';
import { createStrapi, type Core } from '@strapi/strapi';
import { responseCache as getResponseCache } from '../helpers/strapi';
import type { GenerationReport, MixReads, PublishResult, ScaleMetrics, ServerMessage, ServerRequest, ServerStats } from './lib/protocol';
import { DATA_VERSION, datasetCounts, generate, readMarker, summarise, writeMarker } from './data/generate';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const send = (message: ServerMessage) => process.send?.(message);

let queries = 0;
// Event-loop delay at 1 ms resolution: long synchronous work shows up as large delays.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
let trace: string[] | null = null;

const memory = (): Pick<ServerStats, 'rss' | 'peakRss'> => {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peakRss: kb('VmHWM') };
  } catch {
    const rss = process.memoryUsage().rss;
    return { rss, peakRss: rss };
  }
};

let published = 0;
/** What an editor does: write a story in English and publish it (document service, as the admin panel). */
const publishStory = async (strapi: Core.Strapi): Promise<PublishResult> => {
  const started = Date.now();
  published += 1;
  const stamp = `${process.pid}-${Date.now()}-${published}`;
  const title = `Editor publishes story ${stamp}`;
  const slug = `bench-live-${stamp}`;
  const documents = strapi.documents('api::story.story');
  const publisher = (await strapi.db.query('api::organisation.organisation').findOne({ where: { locale: 'en' }, select: ['documentId'] })) as {
    documentId: string;
  };
  const created = (await documents.create({
    locale: 'en',
    data: {
      title,
      slug,
      lead: 'A story published while readers read.',
      body: '## Live\n\nPublished by the benchmark editor.',
      publisher: publisher.documentId,
      licence: 'CC-BY-4.0',
      syndication: { allowed: true, embargoUntil: null },
    },
  } as never)) as { documentId: string };
  await documents.publish({ documentId: created.documentId, locale: 'en' } as never);
  return { documentId: created.documentId, slug, title, took: Date.now() - started };
};

/** Stories a previous run's editor published are deleted, so every run reads the same data set. */
const removeLiveStories = async (strapi: Core.Strapi) => {
  const rows = (await strapi.db.query('api::story.story').findMany({ where: { slug: { $startsWith: 'bench-live-' } }, select: ['documentId'] })) as Array<{
    documentId: string;
  }>;
  for (const documentId of new Set(rows.map((row) => row.documentId))) {
    await strapi.documents('api::story.story').delete({ documentId, locale: '*' } as never);
  }
};

/** Stories (newest first, the locales interleaved), topics and organisations for the mix scenario. */
const MIX_STORIES = 6_000;
const mixReads = async (strapi: Core.Strapi): Promise<MixReads> => {
  const stories = (await strapi.db.query('api::story.story').findMany({
    where: { publishedAt: { $notNull: true } },
    select: ['slug', 'locale'],
    orderBy: [{ id: 'desc' }],
    limit: MIX_STORIES,
  })) as Array<{ slug: string; locale: string }>;
  // Slugs are not localised for topics and organisations: one row per document is enough.
  const slugs = async (uid: string) =>
    ((await strapi.db.query(uid as never).findMany({ where: { locale: 'en' }, select: ['slug'], orderBy: [{ id: 'asc' }] })) as Array<{ slug: string }>).map(
      (row) => row.slug,
    );
  return {
    // The editor's stories come and go: not part of the reads.
    stories: stories.filter(({ slug }) => !slug.startsWith('bench-live-')).map(({ slug, locale }) => ({ slug, locale })),
    topics: await slugs('api::topic.topic'),
    organisations: await slugs('api::organisation.organisation'),
  };
};

/** The response cache's configured bound (public-cache config `responses.maxBytes`, from RESPONSE_CACHE_MAX_MB). */
const responseCacheMaxBytes = (strapi: Core.Strapi): number | null => {
  const config = strapi.config.get('plugin::public-cache') as { responses?: { maxBytes?: unknown } } | undefined;
  return typeof config?.responses?.maxBytes === 'number' ? config.responses.maxBytes : null;
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const timed = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

/**
 * How cost grows with the content: the fingerprint aggregate, a feed built with every cache
 * bypassed, and the database's size. Only the plugins' public services are used (structural
 * types: the bench does not import plugin code).
 */
const FINGERPRINT_RUNS = 20;
const FEED_RUNS = 5;
const scaleMetrics = async (strapi: Core.Strapi): Promise<ScaleMetrics> => {
  let fingerprintMs: ScaleMetrics['fingerprintMs'] = null;
  if (strapi.plugin('public-cache')) {
    const memo = (strapi.plugin('public-cache').service('fingerprint') as { memo(): { invalidate(): void; current(): Promise<string> } }).memo();
    const times: number[] = [];
    for (let i = 0; i < FINGERPRINT_RUNS; i += 1) {
      // Forgotten as after a write: the next read reads the revision row.
      memo.invalidate();
      times.push(await timed(() => memo.current()));
    }
    fingerprintMs = { runs: times.length, p50: median(times), max: Math.max(...times) };
  }
  let feedBuildMs: ScaleMetrics['feedBuildMs'] = null;
  if (strapi.plugin('syndication')) {
    const feeds = strapi.plugin('syndication').service('feeds') as { fresh(format: string, query: { limit: number }): Promise<unknown> };
    const times: number[] = [];
    // The feeds' default length (plugins/syndication: DEFAULT_LIMIT).
    for (let i = 0; i < FEED_RUNS; i += 1) times.push(await timed(() => feeds.fresh('rss', { limit: 50 })));
    feedBuildMs = { runs: times.length, first: times[0], p50: median(times) };
  }
  let databaseBytes: number | null = null;
  if (strapi.db.dialect.client === 'postgres') {
    const result = (await strapi.db.connection.raw('SELECT pg_database_size(current_database()) AS size')) as { rows: Array<{ size: string }> };
    databaseBytes = Number(result.rows[0]?.size ?? NaN);
  } else if (process.env.DATABASE_FILENAME) {
    const file = path.resolve(ROOT, process.env.DATABASE_FILENAME);
    databaseBytes = ['', '-wal'].reduce((sum, suffix) => sum + (fs.existsSync(`${file}${suffix}`) ? fs.statSync(`${file}${suffix}`).size : 0), 0);
  }
  return { fingerprintMs, feedBuildMs, databaseBytes: Number.isFinite(databaseBytes) ? databaseBytes : null };
};

const main = async () => {
  const scale = Number(process.env.BENCH_SCALE ?? '1');
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') }).load();
  strapi.db.connection.on('query', (query: { sql?: string }) => {
    queries += 1;
    trace?.push(query.sql ?? '?');
  });

  let generation: GenerationReport | null = null;
  const marker = await readMarker(strapi);
  if (!marker || marker.scale !== scale || marker.version !== DATA_VERSION) {
    const log = (message: string) => process.stdout.write(`[bench generate] ${message}\n`);
    log(`generating scale ${scale}: ${JSON.stringify(datasetCounts(scale))}`);
    generation = await generate(strapi, scale, log);
    await writeMarker(strapi, scale);
    log(`done in ${generation.seconds.toFixed(1)} s`);
  }
  await removeLiveStories(strapi);
  const dataset = await summarise(strapi, scale);

  await strapi.listen();
  const address = strapi.server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : Number(process.env.PORT);

  process.on('message', (raw: ServerRequest) => {
    const reply = (work: () => Promise<unknown> | unknown) => {
      Promise.resolve()
        .then(work)
        .then(
          (result) => send({ type: 'reply', id: raw.id, ok: true, result }),
          (error: unknown) => send({ type: 'reply', id: raw.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
        );
    };
    switch (raw.type) {
      case 'stats':
        reply((): ServerStats => ({
          queries,
          ...memory(),
          responseCache: getResponseCache(strapi)?.stats() ?? null,
          responseCacheMaxBytes: responseCacheMaxBytes(strapi),
          loopDelayMs: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
        }));
        break;
      case 'loopReset':
        reply(() => {
          loopDelay.reset();
          return null;
        });
        break;
      case 'cacheOff':
      case 'cacheOn':
        reply(() => {
          const cache = getResponseCache(strapi);
          if (!cache) throw new Error('the app has no response cache');
          cache.setEnabled(raw.type === 'cacheOn');
          return null;
        });
        break;
      case 'publish':
        reply(() => publishStory(strapi));
        break;
      case 'mixReads':
        reply(() => mixReads(strapi));
        break;
      case 'scaleMetrics':
        reply(() => scaleMetrics(strapi));
        break;
      case 'traceStart':
        reply(() => {
          trace = [];
          return null;
        });
        break;
      case 'traceStop':
        reply(() => {
          const recorded = trace ?? [];
          trace = null;
          return recorded;
        });
        break;
      case 'stop':
        reply(async () => {
          await strapi.destroy();
          setImmediate(() => process.exit(0));
          return null;
        });
        break;
    }
  });
  // The runner is gone (killed, or it crashed): nothing will stop this process otherwise.
  process.on('disconnect', () => process.exit(1));
  send({ type: 'ready', port, generation, dataset });
};

main().catch((error: unknown) => {
  // Strapi's ValidationError keeps the reasons in `details`.
  const details = (error as { details?: unknown }).details;
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  send({ type: 'failed', error: details ? `${text}\n${JSON.stringify(details)}` : text });
  setTimeout(() => process.exit(1), 100);
});
