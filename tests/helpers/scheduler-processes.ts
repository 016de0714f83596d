import { fork, type ChildProcess } from 'child_process';
import path from 'path';

export interface SchedulerWorker {
  child: ChildProcess;
  workerId: string;
  /** Resolves when the process has exited (however it ended). */
  exited: Promise<void>;
}

/**
 * Starts another server process (tests/helpers/scheduler-child.js) on this test's database,
 * with the parent's environment plus `env`, and waits until it has booted (its runner polls
 * from then on).
 */
export const startSchedulerWorker = (env: Record<string, string>, timeoutMs = 90000): Promise<SchedulerWorker> =>
  new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'scheduler-child.js'), [], {
      env: { ...process.env, SEED_DEMO_CONTENT: 'false', ...env },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker did not start in ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.once('message', (message: { ready?: boolean; worker?: string }) => {
      clearTimeout(timer);
      if (message.ready && message.worker) resolve({ child, workerId: message.worker, exited });
      else reject(new Error(`unexpected message from worker: ${JSON.stringify(message)}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`worker exited (${code ?? signal}) before it was ready: ${stderr}`));
    });
  });

/** The publishes and unpublishes that committed in a worker, by `action:documentId`. */
export const publishCounts = (worker: SchedulerWorker): Promise<Record<string, number>> =>
  new Promise((resolve) => {
    const listener = (message: { type?: string; counts?: Record<string, number> }) => {
      if (message.type !== 'counts') return;
      worker.child.off('message', listener);
      resolve(message.counts ?? {});
    };
    worker.child.on('message', listener);
    worker.child.send({ type: 'counts' });
  });

/** Stops a worker cleanly (SIGTERM: it finishes the run under way and closes the database). */
export const stopSchedulerWorker = async (worker: SchedulerWorker): Promise<void> => {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGTERM');
  await worker.exited;
};
