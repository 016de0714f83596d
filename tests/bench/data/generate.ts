import type { Core } from '@strapi/strapi';
import type { DatasetSummary, GenerationReport } from '../lib/protocol';
import { bulkCopyStories } from './bulk-stories';
import { COUNTRIES, CITIES, TIME_ZONES, markdownBody, pick, pickSome, rng, sentence, words, type Random } from './text';

/** Bump when the generated data changes shape: a cached data set of another version is regenerated. */
export const DATA_VERSION = 3;
export const MARKER_TABLE = 'bench_dataset';
export const STORY_LOCALES = ['en', 'ru', 'kk'] as const;

const STORY = 'api::story.story';
const EVENT = 'api::event.event';
const PARTICIPANT = 'api::participant.participant';
const ORGANISATION = 'api::organisation.organisation';
const GUIDE = 'api::guide.guide';
const TOPIC = 'api::topic.topic';
const FILE = 'plugin::upload.file';

/** The data set at scale 1; smaller scales keep a floor so every scenario has data. */
export const datasetCounts = (scale: number) => {
  const at = (full: number, floor: number) => Math.max(floor, Math.round(full * scale));
  return {
    stories: at(10_000, 20),
    organisations: at(300, 12),
    participants: at(2_000, 20),
    events: at(1_000, 10),
    guides: at(200, 4),
    topics: at(50, 6),
    covers: 20,
  };
};

/** Stories written through the document service; the rest are copied from their rows in bulk. */
const documentServiceStories = (total: number) => Math.min(total, Number(process.env.BENCH_DOCUMENT_SERVICE_STORIES ?? 60));

type Log = (message: string) => void;
type DocumentId = string;

/** Runs `task` over `items` with `width` in flight (the document service is I/O bound). */
const inPool = async <T>(items: readonly T[], width: number, task: (item: T, index: number) => Promise<void>) => {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
};

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const slugify = (text: string, suffix: string) =>
  `${
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 60)
      .replace(/^-+|-+$/g, '') || 'item'
  }-${suffix}`;

export interface Corpus {
  organisations: DocumentId[];
  topics: DocumentId[];
  participants: DocumentId[];
  events: DocumentId[];
  guides: DocumentId[];
  covers: number[];
}

/** Non-localized parts and relations of story number `i` (the same for the doc-service and bulk paths). */
export const storyPlan = (i: number, corpus: Corpus) => {
  const random = rng(100_000 + i);
  return {
    random,
    published: i % 20 !== 19, // one story in twenty is a draft that was never published
    publisher: pick(random, corpus.organisations),
    topics: pickSome(random, corpus.topics, 1, 3),
    events: random() < 0.3 ? pickSome(random, corpus.events, 1, 2) : [],
    guides: random() < 0.15 ? pickSome(random, corpus.guides, 1, 1) : [],
    cover: random() < 0.8 ? pick(random, corpus.covers) : null,
    syndication: {
      allowed: random() < 0.9,
      embargoUntil: random() < 0.02 ? new Date(Date.UTC(2031, 0, 1)).toISOString() : null,
    },
  };
};

export const storyText = (i: number, locale: string, random: Random) => {
  const title = `${sentence(random, locale, 5, 10).slice(0, -1)}`;
  return {
    title,
    slug: `story-${i}-${locale}`,
    lead: sentence(random, locale, 20, 40),
    body: markdownBody(random, locale),
  };
};

const createFiles = async (strapi: Core.Strapi, count: number): Promise<number[]> => {
  const ids: number[] = [];
  for (const i of range(count)) {
    const file = (await strapi.db.query(FILE).create({
      data: {
        name: `cover-${i}.jpg`,
        alternativeText: `Cover ${i}`,
        hash: `bench_cover_${i}`,
        ext: '.jpg',
        mime: 'image/jpeg',
        size: 120.5 + i,
        width: 1200,
        height: 630,
        url: `/uploads/bench_cover_${i}.jpg`,
        provider: 'local',
        folderPath: '/',
      },
    })) as { id: number };
    ids.push(file.id);
  }
  return ids;
};

/** Creates one document in the default locale and its translations; returns its documentId. */
const createTranslated = async (
  strapi: Core.Strapi,
  uid: string,
  locales: readonly string[],
  data: (locale: string) => Record<string, unknown>,
  publish: boolean,
): Promise<DocumentId> => {
  const documents = strapi.documents(uid as never);
  const [first, ...others] = locales;
  const created = (await documents.create({ locale: first, data: data(first) } as never)) as { documentId: string };
  for (const locale of others) {
    await documents.update({ documentId: created.documentId, locale, data: data(locale) } as never);
  }
  if (publish) await documents.publish({ documentId: created.documentId, locale: '*' } as never);
  return created.documentId;
};

export const generate = async (strapi: Core.Strapi, scale: number, log: Log): Promise<GenerationReport> => {
  const started = Date.now();
  const counts = datasetCounts(scale);
  const width = 6;
  const viaDocumentService: Record<string, number> = {};
  const viaBulk: Record<string, number> = {};
  const timed = async <T>(label: string, n: number, work: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const result = await work();
    const ms = Date.now() - t0;
    log(`${label}: ${n} in ${(ms / 1000).toFixed(1)} s (${(ms / Math.max(1, n)).toFixed(1)} ms each)`);
    viaDocumentService[label] = n;
    return result;
  };

  const corpus: Corpus = { organisations: [], topics: [], participants: [], events: [], guides: [], covers: [] };
  corpus.covers = await createFiles(strapi, counts.covers);

  await timed('topics', counts.topics, () =>
    inPool(range(counts.topics), width, async (i) => {
      const random = rng(1_000 + i);
      const en = words(random, 'en', 2);
      corpus.topics[i] = await createTranslated(
        strapi,
        TOPIC,
        STORY_LOCALES,
        (locale) => ({
          name: locale === 'en' ? `${en} ${i}` : `${words(random, locale, 2)} ${i}`,
          slug: slugify(en, String(i)),
          description: sentence(random, locale),
        }),
        false,
      );
    }),
  );

  // Parents first (the first tenth), so children can point at them.
  const parents = Math.max(1, Math.floor(counts.organisations / 10));
  await timed('organisations', counts.organisations, async () => {
    const create = async (i: number) => {
      const random = rng(2_000 + i);
      const en = words(random, 'en', 3);
      const parent = i >= parents ? corpus.organisations[i % parents] : undefined;
      corpus.organisations[i] = await createTranslated(
        strapi,
        ORGANISATION,
        STORY_LOCALES,
        (locale) => ({
          name: locale === 'en' ? `${en} ${i}` : `${words(random, locale, 3)} ${i}`,
          acronym: `ORG${i}`,
          slug: slugify(en, String(i)),
          kind: pick(random, ['national_federation', 'sectoral_union', 'global_union_federation', 'international_organisation', 'training_centre', 'ngo']),
          country: pick(random, COUNTRIES),
          description: sentence(random, locale, 15, 30),
          website: `https://org${i}.example.org/`,
          ...(parent ? { parent } : {}),
        }),
        false,
      );
    };
    await inPool(range(parents), width, create);
    await inPool(range(counts.organisations).slice(parents), width, create);
  });

  await timed('participants', counts.participants, () =>
    inPool(range(counts.participants), width, async (i) => {
      const random = rng(3_000 + i);
      corpus.participants[i] = await createTranslated(
        strapi,
        PARTICIPANT,
        ['en'],
        () => ({
          fullName: `Participant ${i} ${words(random, 'en', 1)}`,
          position: sentence(random, 'en', 3, 6),
          organisation: pick(random, corpus.organisations),
          country: pick(random, COUNTRIES),
          publicConsent: random() < 0.8,
          email: `participant${i}@example.org`,
          phone: `+7 700 000 ${String(i).padStart(4, '0')}`,
        }),
        false,
      );
    }),
  );

  await timed('guides', counts.guides, async () => {
    for (const i of range(counts.guides)) {
      const random = rng(4_000 + i);
      const title = sentence(random, 'en', 4, 8).slice(0, -1);
      corpus.guides[i] = await createTranslated(
        strapi,
        GUIDE,
        ['en'],
        () => ({
          title,
          slug: slugify(title, String(i)),
          summary: sentence(random, 'en', 20, 40),
          publisher: pick(random, corpus.organisations),
          series: 'Bench series',
          edition: `${1 + (i % 3)}`,
          publicationDate: `20${10 + (i % 15)}-0${1 + (i % 9)}-15`,
          topics: pickSome(random, corpus.topics, 1, 3),
          audiences: pickSome(random, corpus.topics, 0, 2),
          ...(i > 0 && random() < 0.3 ? { continues: corpus.guides[i - 1] } : {}),
          chapters: range(3).map((n) => ({ number: n + 1, title: sentence(random, 'en', 3, 6), summary: sentence(random, 'en') })),
        }),
        true,
      );
    }
  });

  await timed('events', counts.events, () =>
    inPool(range(counts.events), width, async (i) => {
      const random = rng(5_000 + i);
      const title = sentence(random, 'en', 4, 8).slice(0, -1);
      // From two years ago to one year ahead, so "upcoming" has a third of them.
      const startsAt = Date.now() + Math.round((i / counts.events - 2 / 3) * 3 * 365 * 86_400_000);
      const format = pick(random, ['in_person', 'online', 'hybrid'] as const);
      corpus.events[i] = await createTranslated(
        strapi,
        EVENT,
        ['en'],
        () => ({
          title,
          slug: slugify(title, String(i)),
          summary: sentence(random, 'en', 20, 40),
          body: markdownBody(random, 'en'),
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(startsAt + (1 + (i % 5)) * 86_400_000).toISOString(),
          timeZone: pick(random, TIME_ZONES),
          venue:
            format === 'online'
              ? null
              : {
                  name: `Centre ${i}`,
                  street: 'Viale Maestri del Lavoro 10',
                  postalCode: '10127',
                  city: pick(random, CITIES),
                  country: pick(random, COUNTRIES),
                },
          onlineUrl: format === 'in_person' ? null : `https://meet.example.org/${i}`,
          format,
          eventStatus: i % 25 === 0 ? 'postponed' : 'scheduled',
          organisers: pickSome(random, corpus.organisations, 1, 2),
          partners: pickSome(random, corpus.organisations, 0, 2),
          participations: pickSome(random, corpus.participants, 2, 6).map((participant, n) => ({
            participant,
            role: n === 0 ? 'trainer' : pick(random, ['speaker', 'participant', 'participant'] as const),
          })),
          guides: random() < 0.2 ? pickSome(random, corpus.guides, 1, 1) : [],
          topics: pickSome(random, corpus.topics, 1, 3),
        }),
        true,
      );
    }),
  );

  const sample = documentServiceStories(counts.stories);
  await timed('stories (document service)', sample, () =>
    inPool(range(sample), width, async (i) => {
      const plan = storyPlan(i, corpus);
      await createTranslated(
        strapi,
        STORY,
        STORY_LOCALES,
        (locale) => ({
          ...storyText(i, locale, plan.random),
          publisher: plan.publisher,
          topics: plan.topics,
          // Events and guides exist in English only.
          ...(locale === 'en' ? { events: plan.events, guides: plan.guides } : {}),
          cover: plan.cover,
          licence: 'CC-BY-4.0',
          syndication: plan.syndication,
        }),
        plan.published,
      );
    }),
  );

  let shapeCheck = 'all stories through the document service';
  if (counts.stories > sample) {
    const t0 = Date.now();
    const bulk = await bulkCopyStories(strapi, { from: sample, to: counts.stories, corpus, log });
    viaBulk.stories = counts.stories - sample;
    viaBulk.storyRows = bulk.rows;
    shapeCheck = bulk.shapeCheck;
    log(`stories (bulk): ${counts.stories - sample} documents, ${bulk.rows} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    // The bulk rows bypassed the document service, which keeps the search index: rebuilt once,
    // as `npm run search:reindex` does for a database written by other means.
    const t1 = Date.now();
    await strapi.plugin('search')?.service('indexer').rebuild();
    log(`search index rebuilt in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  }

  // The steady state of a database that has been in use: statistics and visibility map up to
  // date (autovacuum would get there, but not before the benchmark starts).
  const knex = strapi.db.connection;
  await knex.raw(['postgres', 'pg'].includes(String(knex.client.config.client)) ? 'VACUUM ANALYZE' : 'ANALYZE');

  return { seconds: (Date.now() - started) / 1000, viaDocumentService, viaBulk, shapeCheck };
};

/** Records the data set as complete; written last, so an interrupted generation is redone. */
export const writeMarker = async (strapi: Core.Strapi, scale: number): Promise<void> => {
  const knex = strapi.db.connection;
  if (!(await knex.schema.hasTable(MARKER_TABLE))) {
    await knex.schema.createTable(MARKER_TABLE, (table) => {
      table.float('scale').notNullable();
      table.integer('version').notNullable();
      table.timestamp('created_at').notNullable();
    });
  }
  await knex(MARKER_TABLE).delete();
  await knex(MARKER_TABLE).insert({ scale, version: DATA_VERSION, created_at: new Date() });
};

export const readMarker = async (strapi: Core.Strapi): Promise<{ scale: number; version: number } | null> => {
  const knex = strapi.db.connection;
  if (!(await knex.schema.hasTable(MARKER_TABLE))) return null;
  const row = (await knex(MARKER_TABLE).first()) as { scale: number; version: number } | undefined;
  return row ? { scale: Number(row.scale), version: Number(row.version) } : null;
};

export const summarise = async (strapi: Core.Strapi, scale: number): Promise<DatasetSummary> => {
  const count = (uid: string, where: Record<string, unknown> = {}) => strapi.db.query(uid as never).count({ where } as never);
  const counts: Record<string, number> = {
    storyRows: await count(STORY),
    publishedStoryRows: await count(STORY, { publishedAt: { $notNull: true } }),
    organisationRows: await count(ORGANISATION),
    participantRows: await count(PARTICIPANT),
    eventRows: await count(EVENT),
    guideRows: await count(GUIDE),
    topicRows: await count(TOPIC),
    // The published English stories the search index holds (bulk-copied stories included).
    indexedEnglishStories: Number(
      ((await strapi.db.connection('search_entries').where({ type: 'story', locale: 'en' }).count({ total: '*' })) as Array<{ total: number | string }>)[0]
        .total,
    ),
  };
  const sampleSlugs: DatasetSummary['sampleSlugs'] = [];
  for (const locale of STORY_LOCALES) {
    const rows = (await strapi.db.query(STORY).findMany({
      where: { locale, publishedAt: { $notNull: true } },
      select: ['slug'],
      orderBy: { id: 'desc' },
      limit: 50,
    })) as Array<{ slug: string }>;
    for (const row of rows) sampleSlugs.push({ locale, slug: row.slug });
  }
  return { scale, version: DATA_VERSION, counts, sampleSlugs };
};
