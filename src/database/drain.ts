import type { Core } from '@strapi/strapi';

type Pool = { numUsed(): number; numPendingAcquires(): number; numPendingCreates(): number };

/** How long the pool must stay idle to count as drained, and how often it is looked at (ms). */
const QUIET_MS = 60;
const STEP_MS = 15;

/** The pool of Knex's client (which Knex types as any): what is used of it here. */
const poolOf = (strapi: Core.Strapi): Pool | undefined => {
  const client: { pool?: Pool } | undefined = strapi.db?.connection?.client;
  return client?.pool;
};

const idle = (pool: Pool): boolean => pool.numUsed() === 0 && pool.numPendingAcquires() === 0 && pool.numPendingCreates() === 0;

/**
 * Waits until no query is running or waiting for a connection, and none has for QUIET_MS, at
 * most `timeoutMs`. Work that a write starts without awaiting it still needs the pool after the
 * write returned: Strapi's document service emits `entry.*` events after commit without awaiting
 * them (@strapi/core, services/document-service/events.js: a deep-populated read per entry),
 * and caches refresh ahead. Closing the pool under them made `npm run seed` on a fresh PostgreSQL
 * database print a KnexTimeoutError and exit 1. Called from the app's `destroy`, which Strapi runs
 * after the plugins' (the delivery worker has stopped) and before it closes the pool.
 */
export const drainDatabase = async (strapi: Core.Strapi, timeoutMs = 10_000): Promise<boolean> => {
  const pool = poolOf(strapi);
  if (!pool) return true;
  const deadline = Date.now() + timeoutMs;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, STEP_MS));
    if (!idle(pool)) quietSince = Date.now();
    else if (Date.now() - quietSince >= QUIET_MS) return true;
  }
  strapi.log.warn(`Database work still running ${timeoutMs} ms after shutdown began; closing the pool anyway.`);
  return false;
};
