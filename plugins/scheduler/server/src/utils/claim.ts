import type { Core } from '@strapi/strapi';

/** Table and column names of a content type, for the one statement the query engine cannot say (the claim). */
export const tableOf = (strapi: Core.Strapi, uid: string) => {
  const model = strapi.db.metadata.get(uid);
  const column = (attribute: string): string => {
    const definition = model.attributes[attribute] as { columnName?: string } | undefined;
    return definition?.columnName ?? attribute;
  };
  return { table: model.tableName, column };
};

export interface ClaimRequest {
  uid: string;
  owner: string;
  limit: number;
  leaseMs: number;
  now: number;
}

/**
 * Claims up to `limit` due jobs for `owner` in one statement: `UPDATE … SET status = running,
 * lease WHERE id IN (SELECT … WHERE due LIMIT n [FOR UPDATE SKIP LOCKED]) RETURNING id`. Due:
 * pending with `runAt` reached and no retry wait (`leaseUntil`) left, or running with a lease
 * that ran out (its process died). On PostgreSQL processes claim side by side without waiting
 * for or taking the same row; SQLite has one writer, so the statement is atomic there.
 */
export const claimDueJobs = async (strapi: Core.Strapi, request: ClaimRequest): Promise<number[]> => {
  const knex = strapi.db.connection;
  const { table, column } = tableOf(strapi, request.uid);
  const { now } = request;
  const selection = knex(table)
    .select('id')
    .where((due) => {
      due
        .where((pending) => {
          pending
            .where(column('status'), 'pending')
            .andWhere(column('runAt'), '<=', now)
            .andWhere((lease) => {
              lease.whereNull(column('leaseUntil')).orWhere(column('leaseUntil'), '<', now);
            });
        })
        .orWhere((abandoned) => {
          abandoned.where(column('status'), 'running').andWhere(column('leaseUntil'), '<', now);
        });
    })
    .orderBy([{ column: column('runAt') }, { column: 'id' }])
    .limit(request.limit);
  if (strapi.db.dialect.client === 'postgres') selection.forUpdate().skipLocked();
  const rows = (await knex(table)
    .whereIn('id', selection)
    .update(
      {
        [column('status')]: 'running',
        [column('leaseOwner')]: request.owner,
        [column('leaseUntil')]: now + request.leaseMs,
        [column('attempts')]: knex.raw('coalesce(??, 0) + 1', [column('attempts')]),
      },
      ['id'],
    )) as Array<{ id: number | string }>;
  return rows.map((row) => Number(row.id));
};
