import type { Core } from '@strapi/strapi';

/** Document-service actions that change stored content. */
const DOCUMENT_WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/** Query-engine events after a write (Strapi's own code, admin panel, plugins: every `strapi.db.query()` write). */
const QUERY_WRITE_EVENTS = ['afterCreate', 'afterCreateMany', 'afterUpdate', 'afterUpdateMany', 'afterDelete', 'afterDeleteMany'] as const;

/**
 * Calls `onWrite` whenever this process writes rows of one of `uids` through Strapi: the
 * document service (admin panel, REST, GraphQL, seed) or the query engine underneath it
 * (users-permissions roles, upload, plugins). A write inside a transaction calls it when the
 * transaction commits: until then other connections still read the old rows.
 *
 * Writes that bypass Strapi (raw SQL, another process) are not seen here; caches keyed by a
 * database fingerprint see them when they next read it (see fingerprint-memo.ts).
 */
export const onContentWrite = (strapi: Core.Strapi, uids: readonly string[], onWrite: () => void): void => {
  const watched = new Set(uids);
  const fire = () => {
    if (strapi.db.inTransaction()) {
      // Other connections see the write only once the transaction commits: calling back now
      // would only make readers re-read what they already have, once per write of the
      // transaction. Nested: registers the callback on the enclosing transaction.
      void strapi.db.transaction(async ({ onCommit }) => onCommit(onWrite));
    } else {
      onWrite();
    }
  };

  strapi.documents.use(async (context, next) => {
    const result = await next();
    if (DOCUMENT_WRITES.has(context.action) && watched.has(context.uid)) fire();
    return result;
  });

  strapi.db.lifecycles.subscribe({
    models: [...watched],
    ...Object.fromEntries(QUERY_WRITE_EVENTS.map((event) => [event, fire])),
  });
};
