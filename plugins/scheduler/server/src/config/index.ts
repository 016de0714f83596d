/** The runner (services/runner): every process runs one; claims make each job run once. */
export interface RunnerConfig {
  /** Run the poll loop in this process. */
  enabled: boolean;
  /** How often due jobs are looked for. */
  pollIntervalMs: number;
  /** Most jobs one poll claims. */
  batchSize: number;
  /** How long a claim holds a job; a process that dies mid-run lets it go after this. */
  leaseMs: number;
  /** Runs of a job whose publish fails before it is marked failed. */
  maxAttempts: number;
  /** Wait before a failed run is tried again. */
  retryDelayMs: number;
}

/**
 * Plugin settings (config/plugins.ts, `scheduler.config`). `contentTypes` has no default: the
 * host names the types editors may schedule, and bootstrap checks they exist with draft and
 * publish.
 */
export interface SchedulerConfig {
  contentTypes: string[];
  runner: RunnerConfig;
}

type Env = {
  (key: string, fallback?: string): string | undefined;
  int(key: string, fallback?: number): number | undefined;
  bool(key: string, fallback?: boolean): boolean | undefined;
};

const defaultConfig = ({ env }: { env: Env }): Omit<SchedulerConfig, 'contentTypes'> => ({
  runner: {
    enabled: env.bool('SCHEDULER_ENABLED', true) ?? true,
    // Minutes are what editors pick; a few seconds late is on time for them.
    pollIntervalMs: env.int('SCHEDULER_POLL_INTERVAL_MS', 5000) ?? 5000,
    batchSize: env.int('SCHEDULER_BATCH_SIZE', 20) ?? 20,
    // A publish takes milliseconds; a minute is far beyond any run, and short for a dead process.
    leaseMs: env.int('SCHEDULER_LEASE_MS', 60_000) ?? 60_000,
    maxAttempts: env.int('SCHEDULER_MAX_ATTEMPTS', 3) ?? 3,
    retryDelayMs: env.int('SCHEDULER_RETRY_DELAY_MS', 30_000) ?? 30_000,
  },
});

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const UID_PATTERN = /^[a-z][a-z0-9-]*::[a-z0-9-]+\.[a-z0-9-]+$/;

// Shape only here; that each type exists with draft and publish is checked at bootstrap,
// once every register lifecycle has added its types.
const validator = (config: unknown): void => {
  if (!isRecord(config)) throw new Error('scheduler: config must be an object');
  const { contentTypes, runner } = config;
  if (!Array.isArray(contentTypes) || contentTypes.length === 0 || !contentTypes.every((uid) => typeof uid === 'string' && UID_PATTERN.test(uid))) {
    throw new Error("scheduler: contentTypes must list the content-type uids editors may schedule, e.g. ['api::story.story']");
  }
  if (!isRecord(runner)) throw new Error('scheduler: runner must be an object');
  if (typeof runner.enabled !== 'boolean') throw new Error('scheduler: runner.enabled must be a boolean');
  for (const key of ['pollIntervalMs', 'batchSize', 'leaseMs', 'maxAttempts', 'retryDelayMs'] as const) {
    const value = runner[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new Error(`scheduler: runner.${key} must be an integer >= 1`);
  }
};

export default { default: defaultConfig, validator };
