import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { formatLocalTime, invalid, isKnownTimeZone, locales, parseLocalTime, resolveLocalTime, toIso } from '@union-comms/kit';
import { SCHEDULED_ACTION } from '../content-types';
import { pluginConfig } from '../utils/plugin-config';
import { mainFieldOf, targetOf } from '../utils/targets';
import type { JobRow, JobView } from '../utils/types';
import type { CreateInput, ListQuery } from '../validation/scheduled-action';

/** Who asks: the signed-in admin, with the abilities the admin API worked out for them. */
export interface Actor {
  id: number;
  /** Strapi's CASL ability of the admin (ctx.state.userAbility). */
  userAbility: unknown;
}

interface PermissionChecker {
  cannot: { publish: (entity?: object) => boolean; read: (entity?: object) => boolean };
}

type DraftRow = { id: number; documentId: string; locale?: string | null };

/**
 * Scheduled publishes and unpublishes: created, listed and cancelled through the admin API
 * (controllers/scheduled-actions); run by services/runner.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const configuredUids = () => pluginConfig(strapi).contentTypes;

  const checkerFor = (actor: Actor, uid: string): PermissionChecker =>
    strapi.plugin('content-manager').service('permission-checker').create({ userAbility: actor.userAbility, model: uid }) as PermissionChecker;

  /** The Content Manager's own check: may this admin publish (and unpublish) this entry? */
  const assertMayPublish = (actor: Actor, uid: string, entry: DraftRow | null): void => {
    if (checkerFor(actor, uid).cannot.publish(entry ?? undefined)) {
      throw new errors.ForbiddenError(`You may not publish ${targetOf(strapi, uid).displayName} documents${entry?.locale ? ` in "${entry.locale}"` : ''}`);
    }
  };

  const localeWhere = (localized: boolean, locale: string | null) => (localized ? { locale } : {});

  const draftOf = async (uid: string, documentId: string, locale: string | null): Promise<DraftRow | null> =>
    (await strapi.db.query(uid).findOne({
      where: { documentId, publishedAt: { $null: true }, ...localeWhere(targetOf(strapi, uid).localized, locale) },
      select: ['id', 'documentId', ...(targetOf(strapi, uid).localized ? ['locale'] : [])],
    })) as DraftRow | null;

  const isPublished = async (uid: string, documentId: string, locale: string | null): Promise<boolean> =>
    (await strapi.db.query(uid).count({ where: { documentId, publishedAt: { $notNull: true }, ...localeWhere(targetOf(strapi, uid).localized, locale) } })) > 0;

  /** The instant the input names, in ms; refuses a time that does not exist or is past. */
  const instantOf = (input: CreateInput, timeZone: string, now: number): number => {
    let instant: number;
    let path: string[];
    if (input.runAt !== undefined) {
      instant = Date.parse(input.runAt);
      path = ['runAt'];
    } else {
      path = ['localTime'];
      const local = parseLocalTime(input.localTime ?? '');
      if (!local) return invalid(`localTime "${input.localTime}" is not a calendar date and time`, path);
      const resolved = resolveLocalTime(local, timeZone);
      // Clocks jump over it (daylight saving time begins): there is no such moment to publish at.
      if (resolved.kind === 'missing') {
        return invalid(
          `localTime "${input.localTime}" does not exist in ${timeZone} (the clocks skip it when daylight saving time begins); pick another time`,
          path,
        );
      }
      // Clocks are set back and it happens twice: the first occurrence, as Temporal's "compatible" choice.
      instant = resolved.instant;
    }
    if (instant <= now) return invalid(`The time ${new Date(instant).toISOString()} is in the past; a scheduled action must be in the future`, path);
    return instant;
  };

  const toViews = async (rows: JobRow[]): Promise<JobView[]> => {
    // Titles: one query per type and locale, of the drafts (every document has one).
    const titles = new Map<string, string>();
    const groups = new Map<string, { uid: string; locale: string | null; ids: Set<string> }>();
    for (const row of rows) {
      const key = `${row.targetUid}\u0000${row.targetLocale ?? ''}`;
      const group = groups.get(key) ?? { uid: row.targetUid, locale: row.targetLocale, ids: new Set<string>() };
      group.ids.add(row.targetDocumentId);
      groups.set(key, group);
    }
    for (const { uid, locale, ids } of groups.values()) {
      if (!strapi.contentType(uid as never)) continue;
      const field = await mainFieldOf(strapi, uid);
      if (!field) continue;
      const drafts = (await strapi.db.query(uid).findMany({
        where: { documentId: { $in: [...ids] }, publishedAt: { $null: true }, ...localeWhere(targetOf(strapi, uid).localized, locale) },
        select: ['documentId', field],
      })) as Array<Record<string, unknown>>;
      for (const draft of drafts) {
        const title = draft[field];
        if (typeof title === 'string' || typeof title === 'number') titles.set(`${uid}\u0000${locale ?? ''}\u0000${String(draft.documentId)}`, String(title));
      }
    }
    const userIds = [...new Set(rows.map((row) => row.scheduledBy).filter((id): id is number => typeof id === 'number'))];
    const users = userIds.length
      ? ((await strapi.db.query('admin::user').findMany({ where: { id: { $in: userIds } }, select: ['id', 'firstname', 'lastname', 'username'] })) as Array<{
          id: number;
          firstname: string | null;
          lastname: string | null;
          username: string | null;
        }>)
      : [];
    // A name only: an admin's e-mail stays out of answers.
    const names = new Map(users.map((user) => [user.id, user.username || [user.firstname, user.lastname].filter(Boolean).join(' ') || `#${user.id}`]));
    return rows.map((row) => {
      const runAt = Number(row.runAt);
      return {
        id: row.id,
        uid: row.targetUid,
        contentType: targetOf(strapi, row.targetUid).displayName,
        documentId: row.targetDocumentId,
        locale: row.targetLocale,
        title: titles.get(`${row.targetUid}\u0000${row.targetLocale ?? ''}\u0000${row.targetDocumentId}`) ?? null,
        action: row.action,
        runAt: new Date(runAt).toISOString(),
        timeZone: row.timeZone,
        localTime: formatLocalTime(runAt, row.timeZone),
        status: row.status,
        attempts: Number(row.attempts ?? 0),
        lastError: row.lastError,
        scheduledBy: row.scheduledBy === null ? null : { id: row.scheduledBy, name: names.get(row.scheduledBy) ?? `#${row.scheduledBy}` },
        createdAt: toIso(row.createdAt),
        doneAt: toIso(row.doneAt),
      };
    });
  };

  return {
    /** The types editors may schedule, for the admin panel. */
    targets: () => configuredUids().map((uid) => targetOf(strapi, uid)),

    /**
     * Schedules one action after checking everything (the type is configured, the zone and time
     * are real and ahead, the document and locale exist, the admin may publish it, the action
     * makes sense); nothing is written unless all hold.
     */
    async create(input: CreateInput, actor: Actor, now = Date.now()): Promise<JobView> {
      if (!configuredUids().includes(input.uid)) {
        return invalid(`"${input.uid}" cannot be scheduled; schedulable types: ${configuredUids().join(', ')}`, ['uid']);
      }
      const target = targetOf(strapi, input.uid);
      const timeZone = input.timeZone ?? 'UTC';
      if (!isKnownTimeZone(timeZone)) return invalid(`Unknown time zone "${timeZone}"; use an IANA name such as Asia/Almaty`, ['timeZone']);
      const runAt = instantOf(input, timeZone, now);

      let locale: string | null = null;
      if (target.localized) locale = await locales(strapi).resolve(input.locale, ['locale']);
      else if (input.locale !== undefined) return invalid(`${target.displayName} is not localised: leave locale out`, ['locale']);

      const draft = await draftOf(input.uid, input.documentId, locale);
      if (!draft) return invalid(`No ${target.displayName} document "${input.documentId}"${locale ? ` in locale "${locale}"` : ''}`, ['documentId']);
      assertMayPublish(actor, input.uid, draft);

      // Unpublishing makes sense of a published document, or of one a pending job publishes first
      // ("publish Monday, unpublish after the congress" are scheduled together).
      if (input.action === 'unpublish' && !(await isPublished(input.uid, input.documentId, locale))) {
        const publishFirst = await strapi.db.query(SCHEDULED_ACTION).count({
          where: {
            targetUid: input.uid,
            targetDocumentId: input.documentId,
            targetLocale: locale,
            action: 'publish',
            status: { $in: ['pending', 'running'] },
            runAt: { $lt: runAt },
          },
        });
        if (publishFirst === 0) {
          return invalid('The document is not published in this locale and no publish is scheduled before that time: there is nothing to unpublish', [
            'action',
          ]);
        }
      }

      const row = (await strapi.db.query(SCHEDULED_ACTION).create({
        data: {
          targetUid: input.uid,
          targetDocumentId: input.documentId,
          targetLocale: locale,
          action: input.action,
          runAt,
          timeZone,
          status: 'pending',
          attempts: 0,
          scheduledBy: actor.id,
        },
      })) as JobRow;
      const [view] = await toViews([row]);
      return view;
    },

    /** Jobs by type, document, locale and status; the earliest first. */
    async list(query: ListQuery, actor: Actor): Promise<{ data: JobView[]; pagination: { page: number; pageSize: number; pageCount: number; total: number } }> {
      // Only of the types the admin may read in the Content Manager: a job shows its document's title.
      const readable = configuredUids().filter((uid) => !checkerFor(actor, uid).cannot.read());
      const where: Record<string, unknown> = { targetUid: { $in: readable } };
      if (query.uid !== undefined) where.targetUid = readable.includes(query.uid) ? query.uid : { $in: [] };
      if (query.documentId !== undefined) where.targetDocumentId = query.documentId;
      if (query.locale !== undefined) where.targetLocale = query.locale;
      if (query.status !== undefined) where.status = query.status;
      const total = await strapi.db.query(SCHEDULED_ACTION).count({ where });
      const rows = (await strapi.db.query(SCHEDULED_ACTION).findMany({
        where,
        orderBy: [{ runAt: 'asc' }, { id: 'asc' }],
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      })) as JobRow[];
      return {
        data: await toViews(rows),
        pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total },
      };
    },

    /** Cancels a pending job (one statement: a job the runner claimed meanwhile is not cancelled). */
    async cancel(id: number, actor: Actor, now = Date.now()): Promise<JobView> {
      const row = (await strapi.db.query(SCHEDULED_ACTION).findOne({ where: { id } })) as JobRow | null;
      if (!row) throw new errors.NotFoundError(`No scheduled action ${id}`);
      const known = Boolean(strapi.contentType(row.targetUid as never));
      if (known) assertMayPublish(actor, row.targetUid, await draftOf(row.targetUid, row.targetDocumentId, row.targetLocale));
      const { count } = (await strapi.db.query(SCHEDULED_ACTION).updateMany({
        where: { id, status: 'pending' },
        data: { status: 'cancelled', doneAt: new Date(now), leaseOwner: null, leaseUntil: null },
      })) as { count: number };
      const current = (await strapi.db.query(SCHEDULED_ACTION).findOne({ where: { id } })) as JobRow;
      if (count !== 1) return invalid(`Only a pending action can be cancelled; this one is ${current.status}`, ['status']);
      const [view] = await toViews([current]);
      return view;
    },
  };
};
