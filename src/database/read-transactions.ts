import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { optimisedReadsEnabled, optimisedReadsOn } from '../privacy/compiled-output';

/**
 * Reads of the document service without a transaction of their own.
 *
 * Strapi wraps every document-service method in `strapi.db.transaction`, reads included
 * (@strapi/core, services/document-service/repository.js, `wrapInTransaction`): a REST list is
 * BEGIN, the rows, one query per populated relation, COMMIT, then BEGIN, the count, COMMIT.
 * The transaction buys a read nothing: on PostgreSQL (READ COMMITTED) every statement sees its
 * own snapshot either way, and the list and its count are already two transactions. It costs
 * two round trips per call, holds one pooled connection for the whole read, and runs the
 * relations' queries one after the other on it instead of side by side on the pool.
 *
 * So a top-level `findMany`, `findFirst`, `findOne` or `count` runs its queries on the pool
 * directly. Anything else keeps Strapi's transaction: writes, a read inside a transaction (a
 * publish reading the versions it publishes, a write's own lifecycle), and every transaction a
 * read itself opens (only the read's own wrapper is skipped). `OPTIMISED_READS=false` at boot
 * keeps Strapi's behaviour, and so does the optimised-reads switch turned off at run time
 * (tests/api/optimised-reads compares the answers).
 */

const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

type Callback = (params: {
  trx: unknown;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  onCommit(callback: () => unknown): void;
  onRollback(callback: () => unknown): void;
}) => unknown;
type Database = { transaction(cb?: Callback): Promise<unknown>; inTransaction(): boolean };

export const registerReadsWithoutTransaction = (strapi: Core.Strapi): void => {
  if (!optimisedReadsEnabled()) return;
  // true: the next transaction this read asks for is its own wrapper (skipped); false: any other.
  const reading = new AsyncLocalStorage<boolean>();
  const db = strapi.db as unknown as Database;
  const transaction = db.transaction.bind(db);

  db.transaction = (cb?: Callback) => {
    if (!cb || reading.getStore() !== true || db.inTransaction() || !optimisedReadsOn(strapi)) return transaction(cb);
    return reading.run(false, async () => {
      const committed: Array<() => unknown> = [];
      const rolledBack: Array<() => unknown> = [];
      const none = async () => undefined;
      try {
        const result = await cb({
          trx: undefined,
          commit: none,
          rollback: none,
          onCommit: (callback) => committed.push(callback),
          onRollback: (callback) => rolledBack.push(callback),
        });
        for (const callback of committed) await callback();
        return result;
      } catch (error) {
        for (const callback of rolledBack) await callback();
        throw error;
      }
    });
  };

  strapi.documents.use((context, next) => (READS.has(context.action) && !db.inTransaction() ? reading.run(true, next) : reading.run(false, next)));
};
