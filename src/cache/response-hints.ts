/**
 * What the code building a response tells the response cache (src/middlewares/response-cache)
 * about it, on Koa's `ctx.state` (GraphQL resolvers reach the same object as `context.state`).
 *
 * Core REST reads (find and findOne of the app's types) and GraphQL queries are cacheable by
 * default; a plugin controller opts in with `allowResponseCache`. Code whose output changes
 * with time alone (an embargo ends, an event ends) says when with `expireResponseCacheAt`.
 */
export type ResponseCacheHint = {
  /** The response is public and the same for every public client. */
  allowed: boolean;
  /** Never store this response (an error inside a 200, for instance). */
  refused: boolean;
  /** The content goes stale at this time (ms since epoch) even if nothing is edited. */
  expiresAt: number | null;
};

type State = Record<string, unknown>;

const KEY = 'responseCache';

const earliest = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));

const update = (state: State, change: Partial<ResponseCacheHint>): void => {
  const current = readResponseCacheHint(state) ?? { allowed: false, refused: false, expiresAt: null };
  state[KEY] = {
    allowed: current.allowed || change.allowed === true,
    refused: current.refused || change.refused === true,
    expiresAt: earliest(current.expiresAt, change.expiresAt ?? null),
  };
};

export const readResponseCacheHint = (state: State): ResponseCacheHint | undefined => state[KEY] as ResponseCacheHint | undefined;

/** The response may be cached for every public client, until `expiresAt` at the latest. */
export const allowResponseCache = (state: State, expiresAt: number | null = null): void => update(state, { allowed: true, expiresAt });

/** The response's content changes at `expiresAt` without any edit; null: it does not. */
export const expireResponseCacheAt = (state: State, expiresAt: number | null): void => update(state, { expiresAt });

/** The response must not be cached. */
export const refuseResponseCache = (state: State): void => update(state, { refused: true });
