import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/** A table whose writes move the revision; `publishedOnly`: only writes of published rows do. */
export type RevisionSource = { table: string; publishedAt?: string };

/** The one-row table holding the content revision (`id` 1). */
export const REVISION_TABLE = 'public_cache_revision';
/** Part of every trigger's name: a later definition gets new names, and the old ones are dropped. */
const VERSION = 'v1';
const PREFIX = `public_cache_${VERSION}_`;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** What each event of a source must satisfy to count: of a draft-and-publish table, a published row before or after. */
const conditions = ({ publishedAt }: RevisionSource) => {
  if (!publishedAt) return { insert: '', update: '', delete: '' };
  const column = quote(publishedAt);
  return {
    insert: `NEW.${column} IS NOT NULL`,
    update: `OLD.${column} IS NOT NULL OR NEW.${column} IS NOT NULL`,
    delete: `OLD.${column} IS NOT NULL`,
  };
};

const EVENTS = ['insert', 'update', 'delete'] as const;

/**
 * PostgreSQL: deferred constraint triggers, so that the counter row is locked only while the
 * writing transaction commits (never while it works: writers do not wait for each other) and
 * the revision moves in commit order. A transaction bumps it once, however many rows it writes.
 * A reader that sees revision n therefore sees every transaction that committed before n, and a
 * transaction that commits later always makes it n + 1.
 */
const postgres = async (trx: Knex.Transaction, schema: string | undefined, sources: readonly RevisionSource[]) => {
  const name = (object: string) => (schema ? `${quote(schema)}.${quote(object)}` : quote(object));
  const revision = name(REVISION_TABLE);
  const bump = name(`${PREFIX}bump`);
  // One instance installs; others starting at the same moment wait here, then find it done.
  await trx.raw("SELECT pg_advisory_xact_lock(hashtext('union-comms public-cache revision'))");
  await trx.raw(`CREATE TABLE IF NOT EXISTS ${revision} (id smallint PRIMARY KEY CHECK (id = 1), value bigint NOT NULL)`);
  await trx.raw(`INSERT INTO ${revision} (id, value) VALUES (1, 0) ON CONFLICT (id) DO NOTHING`);
  await trx.raw(`
    CREATE OR REPLACE FUNCTION ${bump}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('public_cache.bumped', true) IS DISTINCT FROM 'yes' THEN
        PERFORM set_config('public_cache.bumped', 'yes', true);
        UPDATE ${revision} SET value = value + 1 WHERE id = 1;
      END IF;
      RETURN NULL;
    END $$`);
  const existing = (await trx.raw(
    `SELECT c.relname AS "table", t.tgname AS "trigger" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = coalesce(?, current_schema()) AND t.tgname LIKE 'public_cache_%'`,
    [schema ?? null],
  )) as { rows: Array<{ table: string; trigger: string }> };
  const have = new Set(existing.rows.map((row) => `${row.table}.${row.trigger}`));
  const wanted = new Set<string>();
  for (const source of sources) {
    const when = conditions(source);
    for (const event of EVENTS) {
      const trigger = `${PREFIX}${event}`;
      wanted.add(`${source.table}.${trigger}`);
      if (have.has(`${source.table}.${trigger}`)) continue;
      await trx.raw(
        `CREATE CONSTRAINT TRIGGER ${quote(trigger)} AFTER ${event.toUpperCase()} ON ${name(source.table)}
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW ${when[event] ? `WHEN (${when[event]})` : ''} EXECUTE FUNCTION ${bump}()`,
      );
    }
  }
  // Triggers of an earlier definition, or of a table that is no longer a source.
  for (const row of existing.rows) {
    if (!wanted.has(`${row.table}.${row.trigger}`)) await trx.raw(`DROP TRIGGER IF EXISTS ${quote(row.trigger)} ON ${name(row.table)}`);
  }
};

/**
 * SQLite: one writer at a time, so plain row triggers give the same order; the counter row is
 * bumped per row written (a few microseconds each, inside the writer's transaction).
 */
const sqlite = async (trx: Knex.Transaction, sources: readonly RevisionSource[]) => {
  await trx.raw(`CREATE TABLE IF NOT EXISTS ${quote(REVISION_TABLE)} (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL)`);
  await trx.raw(`INSERT OR IGNORE INTO ${quote(REVISION_TABLE)} (id, value) VALUES (1, 0)`);
  const existing = (await trx.raw("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'public_cache_%'")) as Array<{ name: string }>;
  const have = new Set(existing.map((row) => row.name));
  const wanted = new Set<string>();
  for (const source of sources) {
    const when = conditions(source);
    for (const event of EVENTS) {
      const trigger = `${PREFIX}${source.table}_${event}`;
      wanted.add(trigger);
      if (have.has(trigger)) continue;
      await trx.raw(
        `CREATE TRIGGER ${quote(trigger)} AFTER ${event.toUpperCase()} ON ${quote(source.table)}
         ${when[event] ? `WHEN ${when[event]}` : ''}
         BEGIN UPDATE ${quote(REVISION_TABLE)} SET value = value + 1 WHERE id = 1; END`,
      );
    }
  }
  for (const name of have) if (!wanted.has(name)) await trx.raw(`DROP TRIGGER IF EXISTS ${quote(name)}`);
};

const unsupported = (client: string) => new Error(`public-cache: the content revision needs PostgreSQL or SQLite, not ${client}`);

/**
 * Installs the content revision: a counter in the database that every committed write of a
 * source table moves, by triggers, whoever writes (this process, another instance, raw SQL).
 * Idempotent, run at every boot (Strapi's schema sync may rebuild a SQLite table, and its
 * triggers with it), and bumps the revision once: whatever was written before the triggers
 * existed counts as a change.
 */
export const installRevision = async (strapi: Core.Strapi, sources: readonly RevisionSource[]): Promise<void> => {
  const client = strapi.db.dialect.client;
  const knex = strapi.db.connection;
  await knex.transaction(async (trx) => {
    if (client === 'postgres') await postgres(trx, strapi.db.getSchemaName(), sources);
    else if (client === 'sqlite') await sqlite(trx, sources);
    else throw unsupported(client);
    await trx(revisionTable(strapi)).where({ id: 1 }).increment('value', 1);
  });
};

const revisionTable = (strapi: Core.Strapi) => {
  const schema = strapi.db.dialect.client === 'postgres' ? strapi.db.getSchemaName() : undefined;
  return schema ? `${schema}.${REVISION_TABLE}` : REVISION_TABLE;
};

/** The current revision: one primary-key read, whatever the size of the content. */
export const readRevision = async (strapi: Core.Strapi): Promise<string> => {
  const row = (await strapi.db.connection(revisionTable(strapi)).where({ id: 1 }).first('value')) as { value: number | string } | undefined;
  if (!row) throw new Error(`public-cache: ${REVISION_TABLE} has no row (installRevision has not run)`);
  return String(row.value);
};
