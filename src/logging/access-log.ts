import { winston } from '@strapi/logger';
import SonicBoom from 'sonic-boom';
import TransportStream from 'winston-transport';

/**
 * Strapi's logger with the access log written asynchronously.
 *
 * Strapi writes every log line to the console transport, which writes to `process.stdout`:
 * synchronously when stdout is a file or a pipe (Node's rule on Linux, and what a container's
 * log collector is). At `LOG_LEVEL=http` that is one blocking `write(2)` per request: 12 % of
 * what the response cache's front door spent on a hit (`BENCH_CPU_PROF` on a cached 304; with
 * winston's formatting, 17-19 %). So the access log lines (level `http`, Strapi's
 * `strapi::logger` and the front door's) go to stdout through `sonic-boom` (pino's
 * destination): appended to a buffer and
 * written off the request, 4 KB at a time or every 200 ms, whichever comes first. Everything
 * else (info, warnings, errors) stays on Strapi's console transport, synchronous as before:
 * what a crash leaves to read is written before the process goes.
 *
 * - Nothing is lost at exit: what the buffer holds is written synchronously on `exit`. A
 *   process killed outright (SIGKILL, the kernel's OOM killer) loses the access lines not yet
 *   written: normally those of its last 200 ms.
 * - The buffer is bounded (`ACCESS_LOG_BUFFER_MB`): were stdout to stop being read, the server
 *   would otherwise keep every line; past the bound new lines are dropped and counted, and a
 *   warning on stderr says how many, at most once a minute.
 * - An access line may reach stdout a moment after an `info` line logged after it.
 */

const LEVEL = Symbol.for('level');
const MESSAGE = Symbol.for('message');
const ACCESS_LEVEL = 'http';
const WARN_EVERY_MS = 60_000;
const GATHER_BYTES = 4096;
const GATHER_MS = 200;

type Info = { [LEVEL]?: string; [MESSAGE]?: string };

/** Only access lines (`access`), or everything but them: winston drops an entry a format returns false for. */
const onlyLines = (access: boolean) => winston.format((info) => (((info as Info)[LEVEL] === ACCESS_LEVEL) === access ? info : false))();

/**
 * One destination per process (a test process boots several apps; each adds its transports);
 * its bound is the first boot's.
 */
let destination: SonicBoom | undefined;
let dropped = 0;
let warnedAt = 0;

const stdoutDestination = (bufferBytes: number): SonicBoom => {
  if (destination) return destination;
  // Lines are gathered up to 4 KB (or for at most 200 ms) and written together: one write(2)
  // and one round trip through libuv's thread pool per line would cost more than the line.
  const minLength = Math.floor(Math.min(GATHER_BYTES, bufferBytes / 2));
  const out = new SonicBoom({ fd: process.stdout.fd, sync: false, minLength, maxLength: bufferBytes, periodicFlush: GATHER_MS });
  out.on('drop', () => {
    dropped += 1;
    const now = Date.now();
    if (now - warnedAt < WARN_EVERY_MS) return;
    warnedAt = now;
    process.stderr.write(`[warn]: access log: ${dropped} line(s) dropped so far, stdout is not being read fast enough\n`);
  });
  out.on('error', () => {
    // stdout closed (the reader went away): nothing left to write to; the server goes on.
  });
  process.on('exit', () => {
    try {
      out.flushSync();
    } catch {
      // nothing more can be done while exiting
    }
  });
  destination = out;
  return out;
};

class AccessLog extends TransportStream {
  constructor(
    private readonly out: SonicBoom,
    options: TransportStream.TransportStreamOptions,
  ) {
    super(options);
  }

  override log(info: Info, next: () => void): void {
    this.out.write(`${info[MESSAGE] ?? ''}\n`);
    next();
  }
}

/** The transports of config/logger.ts: the console for everything but access lines, sonic-boom for them. */
export const loggerTransports = (bufferMb: number): TransportStream[] => {
  return [new winston.transports.Console({ format: onlyLines(false) }), new AccessLog(stdoutDestination(bufferMb * 1024 * 1024), { format: onlyLines(true) })];
};
