import { execFileSync, fork, type ChildProcess } from 'child_process';
import fs from 'fs';
import path from 'path';
import { throwawaySecrets } from '../../helpers/secrets';
import type { DatasetSummary, GenerationReport, ServerMessage, ServerRequest, ServerStats } from './protocol';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export interface AppServer {
  port: number;
  pid: number;
  generation: GenerationReport | null;
  dataset: DatasetSummary;
  call<T>(type: ServerRequest['type']): Promise<T>;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

/** The V8 heap (MB) of `npm start` (package.json), NODE_MAX_OLD_SPACE_MB or its default: the bench measures that app. */
const startHeapMb = (root: string): number => {
  const start = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start;
  const fallback = /--max-old-space-size=\$\{NODE_MAX_OLD_SPACE_MB:-(\d+)\}/.exec(start)?.[1];
  if (!fallback) throw new Error(`package.json's start script sets no --max-old-space-size: ${start}`);
  return Number(process.env.NODE_MAX_OLD_SPACE_MB ?? fallback);
};

/** Forks tests/bench/server.js with a production environment and waits until it listens. */
export const startAppServer = async (options: {
  script: string;
  root: string;
  env: Record<string, string>;
  logFile: string;
  timeoutMs: number;
}): Promise<AppServer> => {
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = fs.openSync(options.logFile, 'w');
  const child: ChildProcess = fork(options.script, [], {
    cwd: options.root,
    // The heap `npm start` gives the app; BENCH_CPU_PROF=<dir>: a V8 CPU profile of the server, written when it stops.
    execArgv: [
      `--max-old-space-size=${startHeapMb(options.root)}`,
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : []),
    ],
    stdio: ['ignore', log, log, 'ipc'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      ...throwawaySecrets(),
      PUBLIC_URL: 'http://cms.bench',
      SEED_DEMO_CONTENT: 'false',
      ...options.env,
    },
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let exited = false;

  const ready = new Promise<Extract<ServerMessage, { type: 'ready' }>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready after ${options.timeoutMs} ms (see ${options.logFile})`)), options.timeoutMs);
    child.on('message', (message: ServerMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`server failed:\n${message.error}`));
      } else if (message.type === 'reply') {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) waiter?.resolve(message.result);
        else waiter?.reject(new Error(message.error));
      }
    });
    child.on('exit', (code) => {
      exited = true;
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} (see ${options.logFile})`));
      for (const waiter of pending.values()) waiter.reject(new Error('server exited'));
    });
  });
  const message = await ready;

  const call = <T>(type: ServerRequest['type']): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(new Error('server exited'));
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, type } satisfies ServerRequest);
    });

  return {
    port: message.port,
    pid: child.pid ?? 0,
    generation: message.generation,
    dataset: message.dataset,
    call,
    stats: () => call<ServerStats>('stats'),
    stop: async () => {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await call('stop').catch(() => undefined);
      await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (!exited) child.kill('SIGKILL');
      fs.closeSync(log);
    },
  };
};

/** The bare Koa baseline in a process of its own, serving a JSON body of `bytes` bytes. */
export const startKoaServer = async (
  script: string,
  bytes: number,
  copiesDir: string,
): Promise<{ port: number; pid: number; peakRss: () => number; stop: () => Promise<void> }> => {
  const child = fork(script, [String(bytes), copiesDir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`koa server exited with ${code}`)));
  });
  return {
    port,
    pid: child.pid ?? 0,
    peakRss: () => readPeakRss(child.pid ?? 0),
    stop: async () => {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await gone;
    },
  };
};

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`; 100 on every Linux this runs on). */
const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system, ms) process `pid` has used so far, from /proc/<pid>/stat (10 ms
 * steps); null where there is no /proc. Unlike requests per second it leaves out the time the
 * process waited for a core, though a busy machine still slows its work (tests/bench/README.md).
 */
export const readCpuMs = (pid: number): number | null => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command's name in parentheses: field 3 (state) onwards; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return null;
  }
};

export const readPeakRss = (pid: number): number => {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
};
