import type { Core } from '@strapi/strapi';
import { STORY } from '../../src/domain/uids';
import { adminToken } from '../helpers/admin';
import { publishCounts, startSchedulerWorker, stopSchedulerWorker, type SchedulerWorker } from '../helpers/scheduler-processes';
import { bootStrapi, http } from '../helpers/strapi';
import { createStory } from '../helpers/syndication-fixtures';
import { waitFor } from '../helpers/wait';

/**
 * The runner across processes: this test process schedules (its own runner is off, as if the
 * server were down) and child processes on the same database run the jobs.
 */
let strapi: Core.Strapi;
let teardown: () => Promise<void>;
let token: string;
const workers: SchedulerWorker[] = [];

const JOBS = 'plugin::scheduler.scheduled-action';

beforeAll(async () => {
  ({ strapi, teardown } = await bootStrapi({ SCHEDULER_ENABLED: 'false' }));
  token = await adminToken(strapi);
});
afterAll(async () => {
  await Promise.all(workers.map(stopSchedulerWorker));
  await teardown();
});

const worker = async (env: Record<string, string> = {}) => {
  const started = await startSchedulerWorker({ SCHEDULER_ENABLED: 'true', SCHEDULER_POLL_INTERVAL_MS: '100', ...env });
  workers.push(started);
  return started;
};
const schedule = (body: Record<string, unknown>) => http(strapi).post('/scheduler/actions').set('Authorization', `Bearer ${token}`).send(body);
const isPublished = async (documentId: string) =>
  (await strapi.db.query(STORY).count({ where: { documentId, locale: 'en', publishedAt: { $notNull: true } } })) > 0;

describe('a job missed while no server ran', () => {
  it('runs at the first poll after a server boots', async () => {
    const documentId = await createStory(strapi, { title: 'Missed while down', slug: 'missed-while-down', publish: false });
    const runAt = Date.now() + 1500;
    const created = await schedule({ uid: STORY, documentId, locale: 'en', action: 'publish', runAt: new Date(runAt).toISOString() });
    expect(created.status).toBe(201);
    await waitFor('the job to be due', () => Date.now() > runAt + 500);
    // Due, and no runner anywhere: nothing happened.
    expect(((await strapi.db.query(JOBS).findOne({ where: { id: created.body.data.id } })) as { status: string }).status).toBe('pending');
    expect(await isPublished(documentId)).toBe(false);

    const started = await worker();
    await waitFor(
      'the missed job to be done',
      async () => ((await strapi.db.query(JOBS).findOne({ where: { id: created.body.data.id } })) as { status: string }).status === 'done',
      60000,
    );
    expect(await isPublished(documentId)).toBe(true);
    expect(await publishCounts(started)).toEqual({ [`publish:${documentId}`]: 1 });
    const res = await http(strapi).get('/api/stories').query({ 'filters[slug][$eq]': 'missed-while-down', locale: 'en' });
    expect(res.body.data).toHaveLength(1);
    await stopSchedulerWorker(started);
  });
});

// Several server processes share a PostgreSQL database in production. A SQLite file belongs to
// one server process in our deployment model, so the race is only declared on PostgreSQL.
const declareOnPostgres = (declare: () => void) => {
  if (process.env.DATABASE_CLIENT === 'postgres') declare();
};

declareOnPostgres(() =>
  describe('two server processes on one PostgreSQL database', () => {
    it('run 200 due jobs, each exactly once', async () => {
      const JOB_COUNT = 200;
      const documentIds: string[] = [];
      for (let n = 1; n <= JOB_COUNT; n += 1) {
        documentIds.push(await createStory(strapi, { title: `Race story ${n}`, slug: `race-story-${n}`, publish: false }));
      }
      const ids: number[] = [];
      for (const documentId of documentIds) {
        const res = await schedule({ uid: STORY, documentId, locale: 'en', action: 'publish', runAt: new Date(Date.now() + 3_600_000).toISOString() });
        expect(res.status).toBe(201);
        ids.push(res.body.data.id);
      }
      // Small batches, so that both processes keep coming back for more while the other runs.
      const first = await worker({ SCHEDULER_BATCH_SIZE: '5' });
      const second = await worker({ SCHEDULER_BATCH_SIZE: '5' });
      // The hour has come for all 200 at once, with both runners polling.
      await strapi.db.query(JOBS).updateMany({ where: { id: { $in: ids } }, data: { runAt: Date.now() - 1000 } });

      await waitFor(
        'every job to be done',
        async () => (await strapi.db.query(JOBS).count({ where: { id: { $in: ids }, status: 'done' } })) === JOB_COUNT,
        240000,
      );

      const [firstCounts, secondCounts] = await Promise.all([publishCounts(first), publishCounts(second)]);
      const firstShare = Object.keys(firstCounts).length;
      const secondShare = Object.keys(secondCounts).length;
      // Both took part, and no document was published twice, in one process or across both.
      expect(firstShare).toBeGreaterThan(0);
      expect(secondShare).toBeGreaterThan(0);
      const total: Record<string, number> = {};
      for (const counts of [firstCounts, secondCounts]) for (const [key, count] of Object.entries(counts)) total[key] = (total[key] ?? 0) + count;
      expect(total).toEqual(Object.fromEntries(documentIds.map((documentId) => [`publish:${documentId}`, 1])));

      const jobs = (await strapi.db.query(JOBS).findMany({ where: { id: { $in: ids } }, select: ['attempts', 'leaseOwner'] })) as Array<{
        attempts: number;
        leaseOwner: string;
      }>;
      expect(jobs.every((job) => job.attempts === 1)).toBe(true);
      expect(new Set(jobs.map((job) => job.leaseOwner))).toEqual(new Set([first.workerId, second.workerId]));
      expect(await strapi.db.query(STORY).count({ where: { documentId: { $in: documentIds }, locale: 'en', publishedAt: { $notNull: true } } })).toBe(
        JOB_COUNT,
      );
    }, 600000);
  }),
);
