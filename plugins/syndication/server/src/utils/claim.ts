import type { Core } from '@strapi/strapi';

/** The table and column names of a content type, for the few statements the query engine cannot say (claims). */
export const tableOf = (strapi: Core.Strapi, uid: string) => {
  const model = strapi.db.metadata.get(uid);
  const column = (attribute: string): string => {
    const definition = model.attributes[attribute] as { columnName?: string } | undefined;
    return definition?.columnName ?? attribute;
  };
  return { table: model.tableName, column };
};

/** A knex query builder on a table (what `strapi.db.connection(table)` gives). */
export type TableQuery = ReturnType<Core.Strapi['db']['connection']>;

export interface ClaimRequest {
  /** A content type with `leaseOwner` (string) and `leaseUntil` (biginteger, epoch ms) attributes. */
  uid: string;
  owner: string;
  limit: number;
  leaseMs: number;
  /** Adds the caller's own conditions (what is due) to the selection; `column` maps attribute names to columns. */
  due: (query: TableQuery, column: (attribute: string) => string, now: number) => void;
  /** Ordering of the selection, by attribute (default: id). */
  orderBy?: string[];
}

/**
 * Claims up to `limit` rows for `owner` in one statement, the delivery queue's way:
 * `UPDATE … SET lease WHERE id IN (SELECT … WHERE due AND (no lease OR lease ran out) LIMIT n
 * [FOR UPDATE SKIP LOCKED]) RETURNING id`. On PostgreSQL several processes claim side by side
 * without waiting or taking the same row; SQLite has one writer, so the statement is atomic there.
 */
export const claimDueRows = async (strapi: Core.Strapi, request: ClaimRequest): Promise<number[]> => {
  const knex = strapi.db.connection;
  const { table, column } = tableOf(strapi, request.uid);
  const now = Date.now();
  const selection = knex(table)
    .select('id')
    .where((lease) => {
      lease.whereNull(column('leaseUntil')).orWhere(column('leaseUntil'), '<', now);
    })
    .orderBy([...(request.orderBy ?? []).map((attribute) => ({ column: column(attribute) })), { column: 'id' }])
    .limit(request.limit);
  request.due(selection, column, now);
  if (strapi.db.dialect.client === 'postgres') selection.forUpdate().skipLocked();
  const rows = (await knex(table)
    .whereIn('id', selection)
    .update({ [column('leaseOwner')]: request.owner, [column('leaseUntil')]: now + request.leaseMs }, ['id'])) as Array<{ id: number | string }>;
  return rows.map((row) => Number(row.id));
};

/** Extends `owner`'s lease of a row; false when the row is no longer this owner's. */
export const renewLease = async (strapi: Core.Strapi, uid: string, id: number, owner: string, leaseMs: number): Promise<boolean> => {
  const { table, column } = tableOf(strapi, uid);
  const count = await strapi.db
    .connection(table)
    .where('id', id)
    .andWhere(column('leaseOwner'), owner)
    .update({ [column('leaseUntil')]: Date.now() + leaseMs });
  return Number(count) === 1;
};

/** Gives a claimed row back (only if `owner` still holds it). */
export const releaseLease = async (strapi: Core.Strapi, uid: string, id: number, owner: string): Promise<void> => {
  const { table, column } = tableOf(strapi, uid);
  await strapi.db
    .connection(table)
    .where('id', id)
    .andWhere(column('leaseOwner'), owner)
    .update({ [column('leaseOwner')]: null, [column('leaseUntil')]: null });
};
