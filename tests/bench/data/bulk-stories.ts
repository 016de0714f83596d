import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { STORY_LOCALES, storyPlan, storyText, type Corpus } from './generate';
import { rng } from './text';

/**
 * The bulk path for stories: writes, with knex, the rows the document service writes for a
 * story created in three locales and published (Strapi 5 keeps a draft row and a published
 * row per locale, sharing one `document_id`; each row has its own component row and its own
 * link rows; a draft row links to the draft rows of draft-and-publish targets, a published
 * row to their published rows). About 100 times faster than the document service; the shape
 * is checked against stories that went through the document service (see `compareShapes`).
 */

type Row = Record<string, unknown>;

const DOCUMENT_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** 24 lowercase letters and digits starting with a letter, like Strapi's cuid2 ids. */
const documentId = (random: () => number) =>
  DOCUMENT_ID_ALPHABET[Math.floor(random() * 26)] + Array.from({ length: 23 }, () => DOCUMENT_ID_ALPHABET[Math.floor(random() * 36)]).join('');

const insertChunked = async (trx: Knex.Transaction, table: string, rows: Row[], columns: number) => {
  const size = Math.max(1, Math.floor(20_000 / columns));
  for (let i = 0; i < rows.length; i += size) await trx(table).insert(rows.slice(i, i + size));
};

const maxId = async (knex: Knex, table: string): Promise<number> => {
  const row = (await knex(table).max({ value: 'id' }).first()) as { value: number | string | null } | undefined;
  return Number(row?.value ?? 0);
};

/** Rows of a content type by documentId (and locale, and draft/published). */
const rowIndex = async (knex: Knex, table: string) => {
  const rows = (await knex(table).select('id', 'document_id', 'locale', 'published_at')) as Array<{
    id: number;
    document_id: string;
    locale: string;
    published_at: unknown;
  }>;
  const index = new Map<string, number>();
  for (const row of rows) {
    // Types without draft and publish have one row, with published_at set: it serves both.
    const state = row.published_at === null ? 'draft' : 'published';
    index.set(`${row.document_id}|${row.locale}|${state}`, row.id);
  }
  return (id: string, locale: string, state: 'draft' | 'published'): number => {
    const found = index.get(`${id}|${locale}|${state}`) ?? index.get(`${id}|${locale}|published`);
    if (found === undefined) throw new Error(`${table}: no ${state} row for ${id} in ${locale}`);
    return found;
  };
};

export const bulkCopyStories = async (
  strapi: Core.Strapi,
  { from, to, corpus, log }: { from: number; to: number; corpus: Corpus; log: (message: string) => void },
): Promise<{ rows: number; shapeCheck: string }> => {
  const knex = strapi.db.connection as unknown as Knex;
  const organisationRow = await rowIndex(knex, 'organisations');
  const topicRow = await rowIndex(knex, 'topics');
  const eventRow = await rowIndex(knex, 'events');
  const guideRow = await rowIndex(knex, 'guides');
  const random = rng(42);
  const now = Date.now();
  let storyId = await maxId(knex, 'stories');
  let componentId = await maxId(knex, 'components_story_syndications');
  let rows = 0;

  const batchSize = 200;
  for (let start = from; start < to; start += batchSize) {
    const stories: Row[] = [];
    const components: Row[] = [];
    const cmps: Row[] = [];
    const publishers: Row[] = [];
    const topics: Row[] = [];
    const events: Row[] = [];
    const guides: Row[] = [];
    const files: Row[] = [];
    for (let i = start; i < Math.min(to, start + batchSize); i += 1) {
      const plan = storyPlan(i, corpus);
      const id = documentId(random);
      // Older stories first: story i was published (to - i) * 40 minutes ago.
      const publishedAt = new Date(now - (to - i) * 40 * 60_000);
      const writtenAt = new Date(publishedAt.getTime() - 3_600_000);
      const states: Array<'draft' | 'published'> = plan.published ? ['draft', 'published'] : ['draft'];
      const texts = STORY_LOCALES.map((locale) => ({ locale, ...storyText(i, locale, plan.random) }));
      for (const state of states) {
        for (const text of texts) {
          storyId += 1;
          componentId += 1;
          stories.push({
            id: storyId,
            document_id: id,
            title: text.title,
            slug: text.slug,
            lead: text.lead,
            body: text.body,
            canonical_url: null,
            licence: 'CC-BY-4.0',
            created_at: writtenAt,
            updated_at: writtenAt,
            published_at: state === 'published' ? publishedAt : null,
            created_by_id: null,
            updated_by_id: null,
            locale: text.locale,
          });
          components.push({
            id: componentId,
            allowed: plan.syndication.allowed,
            embargo_until: plan.syndication.embargoUntil ? new Date(plan.syndication.embargoUntil) : null,
          });
          cmps.push({ entity_id: storyId, cmp_id: componentId, component_type: 'story.syndication', field: 'syndication', order: null });
          publishers.push({ story_id: storyId, organisation_id: organisationRow(plan.publisher, text.locale, state) });
          plan.topics.forEach((topic, n) => topics.push({ story_id: storyId, topic_id: topicRow(topic, text.locale, state), topic_ord: n + 1 }));
          if (text.locale === 'en') {
            plan.events.forEach((event, n) => events.push({ story_id: storyId, event_id: eventRow(event, 'en', state), event_ord: n + 1 }));
            plan.guides.forEach((guide, n) => guides.push({ story_id: storyId, guide_id: guideRow(guide, 'en', state), guide_ord: n + 1 }));
          }
          if (plan.cover !== null) files.push({ file_id: plan.cover, related_id: storyId, related_type: 'api::story.story', field: 'cover', order: 1 });
        }
      }
    }
    await knex.transaction(async (trx) => {
      await insertChunked(trx, 'stories', stories, 14);
      await insertChunked(trx, 'components_story_syndications', components, 3);
      await insertChunked(trx, 'stories_cmps', cmps, 5);
      await insertChunked(trx, 'stories_publisher_lnk', publishers, 2);
      await insertChunked(trx, 'stories_topics_lnk', topics, 3);
      await insertChunked(trx, 'stories_events_lnk', events, 3);
      await insertChunked(trx, 'stories_guides_lnk', guides, 3);
      await insertChunked(trx, 'files_related_mph', files, 5);
    });
    rows += stories.length;
    if ((start - from) % 2000 === 0) log(`bulk stories: ${Math.min(to, start + batchSize) - from}/${to - from}`);
  }

  // Explicit ids: move PostgreSQL's sequences past them (SQLite's AUTOINCREMENT follows max(id)).
  if (knex.client.config.client === 'postgres' || knex.client.config.client === 'pg') {
    for (const table of ['stories', 'components_story_syndications']) {
      await knex.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), (SELECT MAX(id) FROM ??))`, [table, table]);
    }
  }

  return { rows, shapeCheck: await compareShapes(strapi, from, corpus) };
};

/** The structure of a value: keys and value types, recursively (values themselves differ). */
const shapeOf = (value: unknown): unknown => {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? '[]' : [shapeOf(value[0])];
  if (value instanceof Date) return 'date';
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Row)
        .sort()
        .map((key) => [key, shapeOf((value as Row)[key])]),
    );
  }
  return typeof value;
};

/**
 * Reads, through the document service, a story written by it and one written in bulk, in
 * every locale, draft and published, fully populated, and compares their shapes.
 */
const compareShapes = async (strapi: Core.Strapi, firstBulk: number, corpus: Corpus): Promise<string> => {
  const documents = strapi.documents('api::story.story');
  const find = (slug: string) =>
    strapi.db.query('api::story.story').findOne({ where: { slug }, select: ['documentId'] }) as Promise<{ documentId: string } | null>;
  // Pairs with the same optional parts (cover, events, guides), so that populated shapes can match.
  const pairs: Array<[number, number]> = [];
  for (let reference = 0; reference < Math.min(firstBulk, 19); reference += 1) {
    for (let bulk = firstBulk; bulk < firstBulk + 400; bulk += 1) {
      const a = storyPlan(reference, corpus);
      const b = storyPlan(bulk, corpus);
      if (
        a.published &&
        b.published &&
        (a.cover === null) === (b.cover === null) &&
        a.events.length > 0 === b.events.length > 0 &&
        a.guides.length > 0 === b.guides.length > 0
      ) {
        pairs.push([reference, bulk]);
        break;
      }
    }
    if (pairs.length >= 2) break;
  }
  const problems: string[] = [];
  let compared = 0;
  for (const [reference, bulk] of pairs) {
    const a = await find(`story-${reference}-en`);
    const b = await find(`story-${bulk}-en`);
    if (!a || !b) return `shape check impossible: story ${reference} or ${bulk} missing`;
    for (const locale of STORY_LOCALES) {
      for (const status of ['draft', 'published'] as const) {
        const read = (id: string) => documents.findOne({ documentId: id, locale, status, populate: '*' } as never);
        const [left, right] = [shapeOf(await read(a.documentId)), shapeOf(await read(b.documentId))];
        compared += 1;
        if (JSON.stringify(left) !== JSON.stringify(right)) {
          problems.push(`${locale}/${status}: story-${reference} ${JSON.stringify(left)} vs story-${bulk} ${JSON.stringify(right)}`);
        }
      }
    }
  }
  if (compared === 0) return 'shape check skipped (no comparable pair)';
  if (problems.length > 0) throw new Error(`bulk rows differ in shape from document-service rows:\n${problems.join('\n')}`);
  return `identical shapes: ${compared} document-service vs bulk reads (${pairs.map(([a, b]) => `story-${a}/story-${b}`).join(', ')}; 3 locales x draft/published, populate=*)`;
};
