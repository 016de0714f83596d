import { fork, type ChildProcess } from 'child_process';
import path from 'path';

export interface Worker {
  child: ChildProcess;
  workerId: string;
  /** Resolves when the process has exited (however it ended). */
  exited: Promise<void>;
}

/**
 * Starts a second server process (tests/helpers/syndication-child.js) on this test's database,
 * with the parent's environment plus `env`, and waits until it has booted.
 */
export const startWorker = (env: Record<string, string>, timeoutMs = 60000): Promise<Worker> =>
  new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'syndication-child.js'), [], {
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

/** Stops a worker cleanly (SIGTERM: it finishes its attempts and closes the database). */
export const stopWorker = async (worker: Worker): Promise<void> => {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGTERM');
  await worker.exited;
};
