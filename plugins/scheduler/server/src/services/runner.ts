import { AsyncResource } from 'async_hooks';
import { randomBytes } from 'crypto';
import { hostname } from 'os';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { SCHEDULED_ACTION } from '../content-types';
import { claimDueJobs } from '../utils/claim';
import { pluginConfig } from '../utils/plugin-config';
import { publisherOf, targetOf } from '../utils/targets';
import type { JobRow } from '../utils/types';

/** The job was claimed again by another process (this one's lease ran out): that one runs it. */
class LostClaim extends Error {}

/** What a failed run keeps as `lastError`: Strapi's own errors say what an editor can act on; anything else may hold SQL. */
const describe = (error: unknown): string =>
  error instanceof errors.ApplicationError ? error.message.slice(0, 2000) : 'The action failed on the server (see the server log)';

export type RunOutcome = 'done' | 'failed' | 'retry' | 'skipped';

/**
 * The runner: every process polls for due jobs, claims them atomically (utils/claim) and runs
 * each through the document service, so feeds, pushes, calendars and caches follow as for a
 * manual publish. The job is marked done in the same transaction as the publish: a crash
 * between them undoes both, and the job is claimed again when its lease runs out. Jobs whose
 * time passed while no process ran are due at the first poll after boot.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let now: () => number = () => Date.now();
  let timer: NodeJS.Timeout | null = null;
  let polling: Promise<number> | null = null;
  let running = false;
  let stopping = false;

  const settings = () => pluginConfig(strapi).runner;

  /** Publishes or unpublishes the job's document and marks it done, both or neither. */
  const perform = async (job: JobRow): Promise<void> => {
    await strapi.db.transaction(async () => {
      // First: the row lock makes any other process's late write to this job wait for, then miss, this one.
      const { count } = (await strapi.db.query(SCHEDULED_ACTION).updateMany({
        where: { id: job.id, leaseOwner: owner, status: 'running' },
        data: { status: 'done', doneAt: new Date(now()), lastError: null },
      })) as { count: number };
      if (count !== 1) throw new LostClaim();
      const { localized } = targetOf(strapi, job.targetUid);
      const locale = localized ? (job.targetLocale ?? undefined) : undefined;
      const where = { documentId: job.targetDocumentId, publishedAt: { $null: true }, ...(localized ? { locale } : {}) };
      if ((await strapi.db.query(job.targetUid).count({ where })) === 0) {
        throw new errors.NotFoundError(`The document ${job.targetDocumentId}${locale ? ` (${locale})` : ''} no longer exists`);
      }
      const publisher = publisherOf(strapi, job.targetUid);
      const params = { documentId: job.targetDocumentId, ...(locale ? { locale } : {}) };
      if (job.action === 'publish') await publisher.publish(params);
      else await publisher.unpublish(params);
    });
  };

  /** A failed run: tried again after a wait, or failed for good after `maxAttempts` runs. */
  const recordFailure = async (job: JobRow, error: unknown): Promise<RunOutcome> => {
    const attempts = Number(job.attempts ?? 0);
    const final = attempts >= settings().maxAttempts || error instanceof errors.NotFoundError;
    strapi.log.error(`scheduler: ${job.action} of ${job.targetUid} ${job.targetDocumentId} (job ${job.id}, run ${attempts}): ${(error as Error).message}`);
    await strapi.db.query(SCHEDULED_ACTION).updateMany({
      where: { id: job.id, leaseOwner: owner, status: 'running' },
      data: final
        ? { status: 'failed', lastError: describe(error), doneAt: new Date(now()) }
        : { status: 'pending', lastError: describe(error), leaseOwner: null, leaseUntil: now() + settings().retryDelayMs },
    });
    return final ? 'failed' : 'retry';
  };

  /** Gives claimed jobs that were not started back (the process is stopping): the next poll anywhere takes them. */
  const release = async (ids: number[]): Promise<void> => {
    await strapi.db.query(SCHEDULED_ACTION).updateMany({
      where: { id: { $in: ids }, leaseOwner: owner, status: 'running' },
      data: { status: 'pending', leaseOwner: null, leaseUntil: null },
    });
  };

  const runJob = async (id: number): Promise<RunOutcome> => {
    const job = (await strapi.db.query(SCHEDULED_ACTION).findOne({ where: { id } })) as JobRow | null;
    if (!job || job.status !== 'running' || job.leaseOwner !== owner) return 'skipped';
    try {
      await perform(job);
      return 'done';
    } catch (error) {
      if (error instanceof LostClaim) return 'skipped';
      return recordFailure(job, error);
    }
  };

  /** One poll: claims a batch and runs it, one job after another (in runAt order); the number of jobs run. */
  const pollOnce = async (): Promise<number> => {
    let ran = 0;
    // A full batch: there may be more due right away.
    for (;;) {
      const { batchSize, leaseMs } = settings();
      const ids = await claimDueJobs(strapi, { uid: SCHEDULED_ACTION, owner, limit: batchSize, leaseMs, now: now() });
      for (const [index, id] of ids.entries()) {
        if (stopping) {
          await release(ids.slice(index));
          break;
        }
        if ((await runJob(id)) !== 'skipped') ran += 1;
      }
      if (ids.length < batchSize || stopping) return ran;
    }
  };

  const tick = (): void => {
    if (polling || stopping) return;
    polling = pollOnce()
      .catch((error: unknown) => {
        if (!stopping) strapi.log.error(`scheduler: poll failed: ${(error as Error).message}`);
        return 0;
      })
      .finally(() => {
        polling = null;
      });
  };

  return {
    /** This process's lease owner id, as written on the jobs it runs. */
    workerId: owner,

    /**
     * Starts polling (bootstrap), in the context the app started in: the timer's callbacks must
     * not carry a request's context (and its rules for reading) into the runs.
     */
    start(): void {
      if (running || !settings().enabled) return;
      running = true;
      stopping = false;
      const detachedTick = AsyncResource.bind(tick);
      timer = setInterval(detachedTick, settings().pollIntervalMs);
      // Jobs missed while no process ran are due now.
      detachedTick();
    },

    /** Stops polling and waits for the run under way; claimed jobs not started stay claimed until their lease runs out. */
    async stop(): Promise<void> {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = null;
      await polling;
      running = false;
    },

    /**
     * One poll now, whether or not the loop runs (tests, a command); waits for a poll under way
     * first. Returns the jobs it ran.
     */
    async poll(): Promise<number> {
      if (polling) await polling;
      return pollOnce();
    },

    /** Replaces the clock the runner reads (tests move time forward); null: the real clock. */
    useClock(clock: (() => number) | null): void {
      now = clock ?? (() => Date.now());
    },
  };
};
