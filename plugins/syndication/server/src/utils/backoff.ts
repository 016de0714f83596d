/**
 * Retry timing of pushes: durations written like `5s,5m,30m,2h`, jitter, and `Retry-After`.
 * Pure functions, unit-tested in tests/unit/syndication-push.test.ts.
 */

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `500ms`, `5s`, `5m`, `2h`, `1d`, or a bare number of milliseconds. */
export const parseDuration = (text: string): number => {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(text);
  if (!match) throw new Error(`"${text}" is not a duration (e.g. 500ms, 5s, 5m, 2h, 1d)`);
  return Math.round(Number(match[1]) * UNITS[match[2] ?? 'ms']);
};

/** A comma-separated list of durations: the delays before the 2nd, 3rd, ... attempt. */
export const parseSchedule = (text: string): number[] =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(parseDuration);

/** About three days in all, in the spirit of the Standard Webhooks recommendation. */
export const DEFAULT_RETRY_SCHEDULE = '5s,5m,30m,2h,5h,10h,14h,20h,20h';

/** `delay` moved by up to ±`jitter` (a fraction), so that retries of many deliveries spread out. */
export const withJitter = (delayMs: number, jitter: number, random: () => number = Math.random): number =>
  Math.max(0, Math.round(delayMs * (1 + (random() * 2 - 1) * jitter)));

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date; null when absent or unreadable. */
export const parseRetryAfter = (value: string | undefined, now: number): number | null => {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
};

export interface RetryPlan {
  schedule: number[];
  jitter: number;
  /** A partner's Retry-After is honoured up to this long. */
  maxRetryAfterMs: number;
}

/**
 * How long to wait before the next attempt, after `attemptsSoFar` failed attempts of this
 * run (1 after the first); null when the schedule is used up and the delivery has failed.
 */
export const nextRetryDelay = (plan: RetryPlan, attemptsSoFar: number, retryAfterMs: number | null, random: () => number = Math.random): number | null => {
  if (attemptsSoFar < 1 || attemptsSoFar > plan.schedule.length) return null;
  const scheduled = withJitter(plan.schedule[attemptsSoFar - 1], plan.jitter, random);
  if (retryAfterMs === null) return scheduled;
  // The partner asked us to wait at least this long; never sooner than the schedule either.
  return Math.max(scheduled, Math.min(retryAfterMs, plan.maxRetryAfterMs));
};
