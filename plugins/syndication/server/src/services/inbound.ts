import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { locales as localesOf, toIso } from '@union-comms/kit';
import { RECEIVED_ITEM, RECEIVED_LOG } from '../content-types';
import { tableOf } from '../utils/claim';
import { getService } from '../utils/get-service';
import { inertMarkdown } from '../utils/inbound-markdown';
import type { InboundStory, InboundTranslation, ReceivedOutcome, ReceivedOutcomeKind } from '../utils/inbound-types';
import { allowsRedistribution } from '../utils/licences';
import { contentTypeUid } from '../utils/plugin-config';
import type { ImportPartner } from './partners';
import type { InboundSettings, Outcome } from '../validation/inbound';

/** The licence stored when the source granted none: never claim one it did not give. */
export const NO_LICENCE = 'LicenseRef-all-rights-reserved';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FIELDS = ['title', 'lead', 'body', 'canonicalUrl'] as const;
type Field = (typeof FIELDS)[number];

/** A received item row (`syndication_received_items`). */
interface ReceivedItemRow {
  id: number;
  itemKey: string;
  partnerId: number;
  externalId: string;
  storyDocumentId: string | null;
  version: string | null;
  importedHash: string | null;
  publishedByImport: boolean | null;
  withdrawn: boolean | null;
  withdrawnVersion: string | null;
  licence: string | null;
  heldItem: string | null;
  heldLogId: number | null;
}

interface ReceivedLogRow {
  id: number;
  partnerId: number;
  receivedItemId: number | null;
  externalId: string;
  title: string | null;
  via: 'push' | 'feed';
  version: string | null;
  outcome: Outcome;
  reason: string | null;
  storyDocumentId: string | null;
  locales: string[] | null;
  skippedLocales: string[] | null;
  unknownTopics: string[] | null;
  changes: string[] | null;
  resolved: 'accepted' | 'superseded' | null;
  createdAt: string | Date;
}

/** One draft locale row of the local story, as far as the importer compares and writes it. */
interface DraftRow {
  locale: string;
  title: string | null;
  lead: string | null;
  body: string | null;
  canonicalUrl: string | null;
  slug: string | null;
}

/**
 * The document service calls of the importer on the host's story type, typed by their shape (as
 * utils/documents does for reads): the plugin builds without the app's registry of types.
 */
interface StoryWriter {
  create(params: { locale: string; data: Record<string, unknown> }): Promise<{ documentId: string }>;
  update(params: { documentId: string; locale: string; data: Record<string, unknown> }): Promise<{ documentId: string } | null>;
  publish(params: { documentId: string; locale: string }): Promise<unknown>;
  unpublish(params: { documentId: string; locale: string }): Promise<unknown>;
}

const isStoryWriter = (service: object): service is StoryWriter =>
  ['create', 'update', 'publish', 'unpublish'].every((method) => typeof Reflect.get(service, method) === 'function');

export const itemKeyOf = (partnerId: number, externalId: string): string => `${partnerId}:${createHash('sha256').update(externalId, 'utf8').digest('hex')}`;

const instant = (value: string | null | undefined): number | null => {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
};

const slugify = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');

/** The editable fields of the local draft, hashed: another hash than the one after the last import means an editor changed it. */
const hashOf = (rows: DraftRow[]): string => {
  const hash = createHash('sha256');
  for (const row of [...rows].sort((a, b) => a.locale.localeCompare(b.locale))) {
    hash.update(JSON.stringify([row.locale, ...FIELDS.map((field) => row[field] ?? null)]));
  }
  return hash.digest('hex');
};

/** What an item carries, made safe and fitting the story's fields. */
interface PreparedTranslation {
  locale: string;
  title: string;
  lead: string | null;
  body: string;
  canonicalUrl: string;
  slug: string | null;
}

const prepare = (translation: InboundTranslation): PreparedTranslation => ({
  locale: translation.locale,
  title: translation.title.trim().slice(0, 300),
  lead: translation.lead ? translation.lead.trim().slice(0, 1000) || null : null,
  body: inertMarkdown(translation.body, translation.url),
  canonicalUrl: translation.url.slice(0, 2048),
  slug: translation.slug && SLUG.test(translation.slug) ? translation.slug.slice(0, 200) : null,
});

/** Why an item cannot be imported at all (the feed side hands us what it parsed), or null. */
const itemProblem = (item: InboundStory): string | null => {
  if (typeof item.externalId !== 'string' || item.externalId.trim() === '') return 'the item has no id';
  if (item.externalId.length > 2048) return 'the item id is longer than 2048 characters';
  if (instant(item.version) === null) return `the item's version "${String(item.version)}" is not a date`;
  if (item.withdrawn) return null;
  for (const translation of item.translations) {
    if (!translation.title || translation.title.trim() === '') return `the ${translation.locale} version has no title`;
    let url: URL;
    try {
      url = new URL(translation.url);
    } catch {
      return `the ${translation.locale} version has no valid URL`;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return `the ${translation.locale} version's URL is not http(s)`;
  }
  return null;
};

/**
 * THE importer: every inbound path (signed pushes to the inbox, feed polling) hands it one
 * normalised `InboundStory` (utils/inbound-types). It applies the import rules of the README
 * ("What happens to a received story") and records one row of the received log per call.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const storyUid = () => contentTypeUid(strapi, 'story');
  const stories = (): StoryWriter => {
    const service: object = strapi.documents(storyUid());
    // Received stories are drafts or published versions: the story type must have draft and publish.
    if (!isStoryWriter(service)) throw new Error(`syndication: ${storyUid()} cannot be published (no draft and publish)`);
    return service;
  };

  const draftRows = async (documentId: string): Promise<DraftRow[]> =>
    (await strapi.db.query(storyUid()).findMany({
      where: { documentId, publishedAt: { $null: true } },
      select: ['locale', 'title', 'lead', 'body', 'canonicalUrl', 'slug'],
    })) as DraftRow[];

  const publishedLocales = async (documentId: string): Promise<string[]> =>
    (
      (await strapi.db.query(storyUid()).findMany({ where: { documentId, publishedAt: { $notNull: true } }, select: ['locale'] })) as Array<{
        locale: string;
      }>
    ).map((row) => row.locale);

  /** Our topics for the partner's slugs (through `topicMap`, else the same slug); the others are listed. */
  const mapTopics = async (slugs: string[], settings: InboundSettings): Promise<{ documentIds: string[]; unknown: string[] }> => {
    const wanted = [...new Set(slugs.filter((slug) => typeof slug === 'string' && slug !== ''))];
    const ours = wanted.map((slug) => settings.topicMap[slug] ?? slug);
    if (wanted.length === 0) return { documentIds: [], unknown: [] };
    const found = (await strapi.db
      .query(contentTypeUid(strapi, 'topic'))
      .findMany({ where: { slug: { $in: ours } }, select: ['slug', 'documentId'] })) as Array<{
      slug: string;
      documentId: string;
    }>;
    const bySlug = new Map(found.map((topic) => [topic.slug, topic.documentId]));
    const documentIds = [...new Set(ours.map((slug) => bySlug.get(slug)).filter((id): id is string => id !== undefined))];
    return { documentIds, unknown: wanted.filter((_, index) => !bySlug.has(ours[index])) };
  };

  /** A slug free in this locale (another document's slug gets a suffix from the item's key). */
  const freeSlug = async (wanted: string, locale: string, documentId: string | null, key: string): Promise<string> => {
    const base = wanted || `story-${key.slice(-8)}`;
    for (const candidate of [base, `${base}-${key.slice(-6)}`, `${base}-${key.slice(-12)}`]) {
      const taken = (await strapi.db.query(storyUid()).findOne({
        where: { slug: candidate, locale, ...(documentId && { documentId: { $ne: documentId } }) },
        select: ['id'],
      })) as { id: number } | null;
      if (!taken) return candidate;
    }
    return `${base}-${Date.now().toString(36)}`;
  };

  const log = async (entry: Omit<ReceivedLogRow, 'id' | 'createdAt' | 'resolved'>): Promise<number> => {
    const created = (await strapi.db.query(RECEIVED_LOG).create({ data: entry, select: ['id'] })) as { id: number };
    return created.id;
  };

  /** Fields a held update would change, as `locale.field` (and `topics`, `licence`). */
  const changesOf = (current: DraftRow[], incoming: PreparedTranslation[]): string[] => {
    const changes: string[] = [];
    for (const translation of incoming) {
      const row = current.find((candidate) => candidate.locale === translation.locale);
      if (!row) {
        changes.push(`${translation.locale}: new language`);
        continue;
      }
      for (const field of FIELDS) {
        const next: string | null = translation[field as Field] ?? null;
        if ((row[field] ?? null) !== next) changes.push(`${translation.locale}.${field}`);
      }
    }
    return changes;
  };

  interface Context {
    partner: ImportPartner;
    item: InboundStory;
    translations: PreparedTranslation[];
    skippedLocales: string[];
    topics: { documentIds: string[]; unknown: string[] };
    licence: string | null;
    key: string;
  }

  /** Writes the item's content into the local story (new or existing): every locale, the shared fields, attribution. */
  const write = async (context: Context, documentId: string | null, receivedItemId: number): Promise<{ documentId: string; published: boolean }> => {
    const { partner, item, translations, topics, licence, key } = context;
    const [first] = translations;
    const source = {
      organisation: partner.organisation ? partner.organisation.documentId : null,
      name: partner.name.slice(0, 200),
      url: first.canonicalUrl,
      externalId: item.externalId.slice(0, 255),
      receivedAt: new Date().toISOString(),
    };
    const shared = {
      licence: licence ?? NO_LICENCE,
      topics: topics.documentIds,
      source,
      syndication: { allowed: allowsRedistribution(licence), embargoUntil: null },
      ...(partner.organisation && { publisher: partner.organisation.documentId }),
    };
    let id = documentId;
    const existing = id ? await draftRows(id) : [];
    for (const translation of translations) {
      const current = existing.find((row) => row.locale === translation.locale);
      const slug = current?.slug ?? (await freeSlug(translation.slug ?? slugify(translation.title), translation.locale, id, key));
      const data = {
        title: translation.title,
        lead: translation.lead,
        body: translation.body,
        canonicalUrl: translation.canonicalUrl,
        slug,
        ...shared,
      };
      if (id === null) id = (await stories().create({ locale: translation.locale, data })).documentId;
      else await stories().update({ documentId: id, locale: translation.locale, data });
    }
    if (id === null) throw new Error('no translation to write');
    // Known as received before it is published: the delivery planner reads this to send nothing back (no echo).
    await strapi.db.query(RECEIVED_ITEM).update({ where: { id: receivedItemId }, data: { storyDocumentId: id, licence } });
    // Never publish what the source gave no licence for: it waits for an editor.
    const publish = partner.inbound.policy === 'publish' && licence !== null;
    if (publish) for (const translation of translations) await stories().publish({ documentId: id, locale: translation.locale });
    return { documentId: id, published: publish };
  };

  const lockItem = async (trx: Parameters<Parameters<Core.Strapi['db']['transaction']>[0]>[0]['trx'], context: Context): Promise<ReceivedItemRow> => {
    const { table, column } = tableOf(strapi, RECEIVED_ITEM);
    const now = new Date();
    // One row per (partner, external id): concurrent first deliveries insert it once; the others wait here (PostgreSQL) or queue for the one writer (SQLite).
    await trx(table)
      .insert({
        [column('itemKey')]: context.key,
        [column('partnerId')]: context.partner.id,
        [column('externalId')]: context.item.externalId,
        [column('withdrawn')]: false,
        [column('publishedByImport')]: false,
        [column('createdAt')]: now,
        [column('updatedAt')]: now,
      })
      .onConflict(column('itemKey'))
      .ignore();
    const select = trx(table).where(column('itemKey'), context.key).select('id');
    if (strapi.db.dialect.client === 'postgres') select.forUpdate();
    const [locked] = (await select) as Array<{ id: number | string }>;
    const row = (await strapi.db.query(RECEIVED_ITEM).findOne({ where: { id: Number(locked.id) } })) as ReceivedItemRow | null;
    if (!row) throw new Error('received item vanished');
    return row;
  };

  const outcomeOf = (context: Context | null, kind: ReceivedOutcomeKind, documentId: string | null, reason: string | null): ReceivedOutcome => ({
    outcome: kind,
    documentId,
    reason,
    locales: context ? context.translations.map((translation) => translation.locale) : [],
    skippedLocales: context ? context.skippedLocales : [],
    unknownTopics: context ? context.topics.unknown : [],
  });

  /** The decision for one locked item; runs inside the transaction that holds the row. */
  const decide = async (
    context: Context,
    row: ReceivedItemRow,
    options: { accepting: boolean },
  ): Promise<{ outcome: ReceivedOutcome; changes: string[] | null; update: Record<string, unknown> }> => {
    const { item, partner } = context;
    const version = instant(item.version) ?? 0;
    const imported = instant(row.version);
    const documentId = row.storyDocumentId;

    if (item.withdrawn) {
      if (imported !== null && version < imported) {
        return { outcome: outcomeOf(context, 'rejected', documentId, `older than the version imported (${row.version})`), changes: null, update: {} };
      }
      const update = { withdrawn: true, withdrawnVersion: item.version, heldItem: null, heldLogId: null };
      if (!documentId) return { outcome: outcomeOf(context, 'unpublished', null, 'withdrawn before anything was imported: recorded'), changes: null, update };
      if (!row.publishedByImport) {
        return {
          outcome: outcomeOf(context, 'unpublished', documentId, 'not published by this import: recorded, the local copy left as it is'),
          changes: null,
          update,
        };
      }
      const published = await publishedLocales(documentId);
      const wanted = item.withdrawnLocales && item.withdrawnLocales.length > 0 ? item.withdrawnLocales : published;
      const taken = published.filter((locale) => wanted.includes(locale));
      for (const locale of taken) await stories().unpublish({ documentId, locale });
      const remaining = published.filter((locale) => !taken.includes(locale));
      return {
        outcome: { ...outcomeOf(context, 'unpublished', documentId, null), locales: taken },
        changes: null,
        update: remaining.length > 0 ? { heldItem: null, heldLogId: null } : update,
      };
    }

    if (context.translations.length === 0) {
      const skipped = context.skippedLocales.join(', ') || 'none';
      return { outcome: outcomeOf(context, 'rejected', documentId, `no language we take (left out: ${skipped})`), changes: null, update: {} };
    }
    if (row.withdrawn && version <= (instant(row.withdrawnVersion) ?? 0)) {
      return { outcome: outcomeOf(context, 'rejected', documentId, 'withdrawn at the source: not imported again'), changes: null, update: {} };
    }
    if (!options.accepting && imported !== null && version <= imported) {
      const same = version === imported;
      return {
        outcome: outcomeOf(
          context,
          'rejected',
          documentId,
          same ? `version ${item.version} was imported already` : `older than the version imported (${row.version})`,
        ),
        changes: null,
        update: {},
      };
    }
    const licenceReason = context.licence === null ? 'no licence given: kept as a draft for an editor' : null;

    if (!documentId) {
      const written = await write(context, null, row.id);
      const importedHash = hashOf(await draftRows(written.documentId));
      return {
        outcome: outcomeOf(context, 'created', written.documentId, licenceReason),
        changes: null,
        update: {
          storyDocumentId: written.documentId,
          version: item.version,
          importedHash,
          publishedByImport: written.published,
          withdrawn: false,
          licence: context.licence,
        },
      };
    }

    const current = await draftRows(documentId);
    if (current.length === 0) {
      return { outcome: outcomeOf(context, 'rejected', documentId, 'the local copy was deleted here: not recreated'), changes: null, update: {} };
    }
    if (!options.accepting && partner.inbound.updates === 'frozen') {
      return { outcome: outcomeOf(context, 'rejected', documentId, 'updates from this partner are frozen (inbound.updates)'), changes: null, update: {} };
    }
    if (!options.accepting && row.importedHash !== hashOf(current)) {
      const held = instant(row.heldItem ? (JSON.parse(row.heldItem) as InboundStory).version : null);
      if (held !== null && version <= held) {
        return { outcome: outcomeOf(context, 'rejected', documentId, 'this version is already held for an editor'), changes: null, update: {} };
      }
      return {
        outcome: outcomeOf(context, 'pending', documentId, 'the local copy was edited here since the last import: held until an editor accepts it'),
        changes: changesOf(current, context.translations),
        update: { heldItem: JSON.stringify(item) },
      };
    }
    const written = await write(context, documentId, row.id);
    return {
      outcome: outcomeOf(context, 'updated', documentId, options.accepting ? 'accepted by an editor' : licenceReason),
      changes: null,
      update: {
        version: item.version,
        importedHash: hashOf(await draftRows(documentId)),
        publishedByImport: written.published || row.publishedByImport === true,
        withdrawn: false,
        licence: context.licence,
        heldItem: null,
        heldLogId: null,
      },
    };
  };

  const contextOf = async (partner: Context['partner'], item: InboundStory): Promise<Context> => {
    const enabled = await localesOf(strapi).codes();
    const wanted = partner.inbound.locales;
    const seen = new Set<string>();
    const translations: PreparedTranslation[] = [];
    const skippedLocales: string[] = [];
    for (const translation of item.withdrawn ? [] : item.translations) {
      if (seen.has(translation.locale)) continue;
      seen.add(translation.locale);
      if (!enabled.has(translation.locale) || (wanted.length > 0 && !wanted.includes(translation.locale))) skippedLocales.push(translation.locale);
      else translations.push(prepare(translation));
    }
    return {
      partner,
      item,
      translations,
      skippedLocales,
      topics: item.withdrawn ? { documentIds: [], unknown: [] } : await mapTopics(item.topics, partner.inbound),
      licence: item.licence && item.licence !== NO_LICENCE ? item.licence.slice(0, 64) : null,
      key: itemKeyOf(partner.id, item.externalId),
    };
  };

  /** The item's title; a withdrawal carries none, so the log shows the title it last had. */
  const titleOf = async (partnerId: number, item: InboundStory): Promise<string | null> => {
    const own = (item.translations[0]?.title ?? '').slice(0, 300);
    if (own) return own;
    const last = (await strapi.db.query(RECEIVED_LOG).findOne({
      where: { partnerId, externalId: String(item.externalId ?? ''), title: { $notNull: true } },
      orderBy: { id: 'desc' },
      select: ['title'],
    })) as { title: string } | null;
    return last?.title ?? null;
  };

  /** Imports one item for a partner (locked per item), logs it, and answers what it did. */
  const run = async (partnerId: number, item: InboundStory, accepting: { logId: number } | null): Promise<ReceivedOutcome> => {
    const partner = await getService(strapi, 'partners').forImport(partnerId);
    if (!partner) throw new errors.NotFoundError('Partner not found');
    const base = {
      partnerId,
      externalId: String(item.externalId ?? '').slice(0, 2048) || '(none)',
      title: await titleOf(partnerId, item),
      via: item.via,
      version: item.version ?? null,
    };
    const problem = itemProblem(item);
    const refusal = problem ?? (!partner.inbound.enabled && !accepting ? 'inbound is not enabled for this partner' : null);
    if (refusal) {
      await log({
        ...base,
        receivedItemId: null,
        outcome: 'rejected',
        reason: refusal,
        storyDocumentId: null,
        locales: [],
        skippedLocales: [],
        unknownTopics: [],
        changes: null,
      });
      return outcomeOf(null, 'rejected', null, refusal);
    }
    const context = await contextOf(partner, item);
    return strapi.db.transaction(async ({ trx }) => {
      const row = await lockItem(trx, context);
      if (accepting && row.heldLogId !== accepting.logId) {
        throw new errors.ValidationError('This update is no longer held: a newer one replaced it, or it was applied');
      }
      const decision = await decide(context, row, { accepting: accepting !== null });
      const logId = await log({
        ...base,
        receivedItemId: row.id,
        outcome: decision.outcome.outcome,
        reason: decision.outcome.reason,
        storyDocumentId: decision.outcome.documentId,
        locales: decision.outcome.locales,
        skippedLocales: decision.outcome.skippedLocales,
        unknownTopics: decision.outcome.unknownTopics,
        changes: decision.changes,
      });
      const update: Record<string, unknown> = { ...decision.update };
      if (decision.outcome.outcome === 'pending') {
        // The newest held update replaces an older one still waiting.
        if (row.heldLogId) await strapi.db.query(RECEIVED_LOG).update({ where: { id: row.heldLogId }, data: { resolved: 'superseded' } });
        update.heldLogId = logId;
      }
      if (accepting) await strapi.db.query(RECEIVED_LOG).update({ where: { id: accepting.logId }, data: { resolved: 'accepted' } });
      if (Object.keys(update).length > 0) await strapi.db.query(RECEIVED_ITEM).update({ where: { id: row.id }, data: update });
      return decision.outcome;
    });
  };

  return {
    /** Imports one received story for a partner and logs it (see utils/inbound-types). */
    receive(partnerId: number, item: InboundStory): Promise<ReceivedOutcome> {
      return run(partnerId, item, null);
    },

    /** Applies a held update (`POST /syndication/received/:id/acceptance`), the editor's changes overwritten by the source's. */
    async accept(logId: number): Promise<ReceivedOutcome> {
      const entry = (await strapi.db.query(RECEIVED_LOG).findOne({ where: { id: logId } })) as ReceivedLogRow | null;
      if (!entry) throw new errors.NotFoundError('Received item not found');
      if (entry.outcome !== 'pending') throw new errors.ValidationError('Only a held update (outcome pending) can be accepted');
      if (entry.resolved)
        throw new errors.ValidationError(
          entry.resolved === 'accepted' ? 'This update was accepted already' : 'A newer update replaced this one: accept that one',
        );
      const item = entry.receivedItemId
        ? ((await strapi.db.query(RECEIVED_ITEM).findOne({ where: { id: entry.receivedItemId }, select: ['heldItem', 'heldLogId'] })) as Pick<
            ReceivedItemRow,
            'heldItem' | 'heldLogId'
          > | null)
        : null;
      if (!item?.heldItem || item.heldLogId !== logId) throw new errors.ValidationError('This update is no longer held');
      return run(entry.partnerId, JSON.parse(item.heldItem) as InboundStory, { logId });
    },

    /** The received log of a partner, newest first. */
    async listForPartner(partnerId: number, limit: number, outcome: Outcome | null) {
      const partner = await getService(strapi, 'partners').forImport(partnerId);
      if (!partner) throw new errors.NotFoundError('Partner not found');
      const rows = (await strapi.db.query(RECEIVED_LOG).findMany({
        where: { partnerId, ...(outcome && { outcome }) },
        orderBy: { id: 'desc' },
        limit,
      })) as ReceivedLogRow[];
      return rows.map((row) => ({
        id: row.id,
        externalId: row.externalId,
        title: row.title ?? null,
        via: row.via,
        version: row.version ?? null,
        locales: Array.isArray(row.locales) ? row.locales : [],
        skippedLocales: Array.isArray(row.skippedLocales) ? row.skippedLocales : [],
        unknownTopics: Array.isArray(row.unknownTopics) ? row.unknownTopics : [],
        outcome: row.outcome,
        reason: row.reason ?? null,
        changes: Array.isArray(row.changes) ? row.changes : [],
        // A held update still waiting for an editor.
        acceptable: row.outcome === 'pending' && !row.resolved,
        resolved: row.resolved ?? null,
        storyDocumentId: row.storyDocumentId ?? null,
        receivedAt: toIso(row.createdAt),
      }));
    },
  };
};
