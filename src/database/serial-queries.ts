/**
 * One query at a time on each PostgreSQL connection, queued here rather than in `pg`.
 *
 * Strapi issues queries concurrently on the client of one transaction: the document service's
 * `publish` reads the versions to publish with `Promise.all` (@strapi/core,
 * services/document-service/repository.js, `publish`), and the query engine populates several
 * relations at once (@strapi/database, query/helpers/populate/apply.js, `applyPopulate`). A
 * connection runs one query at a time anyway; `pg` queues the rest itself, warns that doing so is
 * deprecated ("Calling client.query() when the client is already executing a query"), and pg 9
 * will refuse it. This does what the warning asks for, "an external async flow control
 * mechanism": each connection's queries wait for the one before, in the order they were issued,
 * so the order of statements inside a transaction is exactly what `pg` would have run.
 *
 * Installed on every new connection through the pool's `afterCreate` (config/database.ts).
 */

type Callback = (error: Error | null, result?: unknown) => void;
type QueryFunction = (...args: unknown[]) => unknown;
type PgConnection = { query: QueryFunction };

const isSubmittable = (value: unknown): boolean => typeof (value as { submit?: unknown } | null)?.submit === 'function';

export const serialiseQueries = (connection: PgConnection): void => {
  const query = connection.query.bind(connection) as QueryFunction;
  let previous: Promise<void> = Promise.resolve();

  connection.query = (...args: unknown[]) => {
    const callbackIndex = args.findIndex((arg) => typeof arg === 'function');
    // Streams and cursors (submittables) and promise-style calls keep pg's own handling: knex
    // issues every ordinary query with a callback, which is what is queued here.
    if (callbackIndex === -1 || isSubmittable(args[0])) return query(...args);
    const callback = args[callbackIndex] as Callback;
    const run = () =>
      new Promise<void>((settled) => {
        const rest = [...args];
        rest[callbackIndex] = (error: Error | null, result?: unknown) => {
          settled();
          callback(error, result);
        };
        query(...rest);
      });
    previous = previous.then(run, run);
    return undefined;
  };
};
