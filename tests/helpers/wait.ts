/** The one polling helper of the tests: ask again until an answer shows, within a deadline. */

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PollOptions {
  /** Give up after this long (the caller then asserts on, or fails with, the last answer). */
  timeoutMs?: number;
  /** Time between two questions. */
  intervalMs?: number;
}

/** Asks `ask` until `done` holds of its answer, for at most `timeoutMs`; returns the last answer (the test then asserts on it). */
export const askUntil = async <T>(
  ask: () => Promise<T> | T,
  done: (answer: T) => boolean,
  { timeoutMs = 10_000, intervalMs = 100 }: PollOptions = {},
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let answer = await ask();
  while (!done(answer) && Date.now() < deadline) {
    await pause(intervalMs);
    answer = await ask();
  }
  return answer;
};

/** Polls `check` until it returns a value (not undefined/false), at most `timeoutMs`; then fails with `what`. */
export const waitFor = async <T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15000): Promise<T> => {
  const value = await askUntil(check, (answer) => answer !== undefined && answer !== false, { timeoutMs, intervalMs: 50 });
  if (value === undefined || value === false) throw new Error(`timed out waiting for: ${what}`);
  return value;
};
