import type { Core } from '@strapi/strapi';
import { FEED_STATE, WEBSUB_LEASE } from '../content-types';
import { tableOf } from './claim';

/**
 * Unique indexes added after their tables existed (`indexes` in the schemas): rows that a race
 * created twice before the index would stop the schema sync from creating it, so the surplus
 * rows are removed first, keeping the oldest (lowest id) of each value. What a removed row
 * remembered is state the owner rebuilds: a feed is polled again (its items are imported once,
 * by the received-item key), a WebSub subscription is requested again.
 */
const LATE_UNIQUE: Array<{ uid: string; attribute: string }> = [
  { uid: FEED_STATE, attribute: 'partnerId' },
  { uid: WEBSUB_LEASE, attribute: 'partnerId' },
  { uid: WEBSUB_LEASE, attribute: 'callbackId' },
];

export const removeDuplicateRows = async (strapi: Core.Strapi): Promise<void> => {
  // A schema builder collects its statements: a fresh one for each question.
  const schema = () => strapi.db.getSchemaConnection();
  const knex = strapi.db.connection;
  for (const { uid, attribute } of LATE_UNIQUE) {
    const { table, column } = tableOf(strapi, uid);
    if (!(await schema().hasTable(table)) || !(await schema().hasColumn(table, column(attribute)))) continue;
    const surplus = knex(`${table} as later`)
      .join(`${table} as earlier`, (on) => {
        on.on(`later.${column(attribute)}`, '=', `earlier.${column(attribute)}`).andOn('earlier.id', '<', 'later.id');
      })
      .select('later.id');
    const removed = Number(await knex(table).whereIn('id', surplus).del());
    if (removed > 0) strapi.log.warn(`syndication: removed ${removed} duplicate row(s) of ${table} (same ${column(attribute)}) before its unique index`);
  }
};

/** Runs `removeDuplicateRows` just before Strapi syncs the schema (and creates the indexes). */
export const registerDuplicateCleanup = (strapi: Core.Strapi): void => {
  strapi.hook('strapi::content-types.beforeSync').register(() => removeDuplicateRows(strapi));
};
