import type { Core } from '@strapi/strapi';
import { postgresDialect } from './postgres';
import { sqliteDialect } from './sqlite';
import { createStore } from './store';
import type { IndexStore } from './types';

const create = (strapi: Core.Strapi): IndexStore => {
  const client = strapi.db.dialect.client;
  if (client === 'postgres') return createStore(postgresDialect(strapi));
  if (client === 'sqlite') return createStore(sqliteDialect(strapi));
  throw new Error(`search: no index for database client "${client}" (PostgreSQL and SQLite are supported)`);
};

/**
 * The index in the app's database: PostgreSQL's full-text search, or SQLite's FTS5. Chosen at
 * first use (the database is not connected yet when services are created).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let store: IndexStore | undefined;
  return (): IndexStore => {
    store ??= create(strapi);
    return store;
  };
};
