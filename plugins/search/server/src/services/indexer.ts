import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { TypeKey } from '../config/content-types';
import { typeReaders, type TypeReader } from '../utils/content-types';
import { buildEntry, type ContentRow, type EntryInput } from '../utils/entries';
import { analyzerFor } from '../utils/languages';
import { getService } from '../utils/get-service';

/** Rows read at a time by a rebuild. */
const BATCH = 200;

export type RebuildReport = { entries: Record<string, number>; seconds: number };

/**
 * Keeps the index equal to the published content: one entry per document, locale and
 * published version, with public attributes only (config/content-types).
 */
const indexer = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => getService(strapi, 'store')();

  /** Published rows of a type (all of a non-draft-and-publish type), with the components indexed. */
  const readPublished = async (reader: TypeReader, where: Record<string, unknown>, extra: { limit?: number; orderBy?: object } = {}) =>
    (await strapi.db.query(reader.uid).findMany({
      where: reader.draftAndPublish ? { ...where, publishedAt: { $notNull: true } } : where,
      select: [...reader.select, 'id'],
      populate: reader.populate,
      ...extra,
    })) as ContentRow[];

  const withAnalyzer = (entry: EntryInput) => ({ entry, analyzer: analyzerFor(entry.locale) });
  const write = (trx: Knex.Transaction, entries: EntryInput[]) => store().upsert(trx, entries.map(withAnalyzer));

  return {
    /**
     * Makes the entries of one document what its published rows are, inside `trx` (the
     * transaction of the write that changed it): a locale whose published version changed is
     * written again, a locale no longer published is removed, and every other locale's entry
     * is left exactly as it was (compared by digest).
     */
    async reconcile(trx: Knex.Transaction, key: TypeKey, documentId: string): Promise<void> {
      const reader = typeReaders(strapi).get(key);
      if (!reader) return;
      const wanted = (await readPublished(reader, { documentId })).map((row) => buildEntry(reader, row));
      const existing = await store().entriesOf(trx, key, documentId);
      const changed = wanted.filter((entry) => existing.find((have) => have.locale === entry.locale)?.digest !== entry.digest);
      const gone = existing.filter((have) => !wanted.some((entry) => entry.locale === have.locale)).map((have) => have.id);
      await write(trx, changed);
      if (gone.length > 0) await store().remove(trx, gone);
    },

    /**
     * Rebuilds the whole index from the published content, in one transaction: readers see
     * the old index until it commits (PostgreSQL), and a failure leaves it as it was.
     */
    async rebuild(): Promise<RebuildReport> {
      const started = Date.now();
      const entries: Record<string, number> = {};
      await strapi.db.transaction(async ({ trx }) => {
        await store().clear(trx);
        for (const [key, reader] of typeReaders(strapi)) {
          entries[key] = 0;
          let lastId = 0;
          let rows: ContentRow[];
          do {
            rows = await readPublished(reader, { id: { $gt: lastId } }, { limit: BATCH, orderBy: { id: 'asc' } });
            const built = rows.map((row) => buildEntry(reader, row));
            await write(trx, built);
            entries[key] += rows.length;
            lastId = Number(rows[rows.length - 1]?.id ?? lastId);
          } while (rows.length === BATCH);
        }
      });
      return { entries, seconds: (Date.now() - started) / 1000 };
    },

    /** Published rows per type against entries per type: the types whose index is not complete. */
    async drift(): Promise<Array<{ type: string; published: number; indexed: number }>> {
      const indexed = await store().countByType();
      const out: Array<{ type: string; published: number; indexed: number }> = [];
      for (const [key, reader] of typeReaders(strapi)) {
        const published = await strapi.db.query(reader.uid).count({ where: reader.draftAndPublish ? { publishedAt: { $notNull: true } } : {} });
        if (published !== (indexed[key] ?? 0)) out.push({ type: key, published, indexed: indexed[key] ?? 0 });
      }
      return out;
    },
  };
};

export type IndexerService = ReturnType<typeof indexer>;

export default indexer;
