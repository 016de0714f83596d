/**
 * What the code building a response tells the response cache about it: the one documented way
 * for an action or a resolver to say when its answer goes stale without an edit, or that it must
 * not be kept (`strapi.plugin('public-cache').service('hints')`).
 *
 * Which routes may be cached at all is declared on the route: `config: { publicCache: true }`
 * (core find/findOne of the app's types and GraphQL queries are cacheable without it). The
 * hints travel on Koa's `ctx.state` (GraphQL resolvers reach the same object as
 * `context.state`), under a key only this service reads and writes.
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

const KEY = Symbol.for('public-cache.hint');

const earliest = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));

const read = (state: State): ResponseCacheHint | undefined => (state as Record<symbol, ResponseCacheHint | undefined>)[KEY];

const update = (state: State, change: Partial<ResponseCacheHint>): void => {
  const current = read(state) ?? { allowed: false, refused: false, expiresAt: null };
  (state as Record<symbol, ResponseCacheHint>)[KEY] = {
    allowed: current.allowed || change.allowed === true,
    refused: current.refused || change.refused === true,
    expiresAt: earliest(current.expiresAt, change.expiresAt ?? null),
  };
};

const hints = () => ({
  /** What was said about the response being built in `state`. */
  read,
  /** The response may be cached for every public client (GraphQL queries; routes say it in their config). */
  allow: (state: State): void => update(state, { allowed: true }),
  /** The response's content changes at `expiresAt` (ms since epoch) without any edit; null: it does not. */
  expireAt: (state: State, expiresAt: number | null): void => update(state, { expiresAt }),
  /** The response must not be cached. */
  refuse: (state: State): void => update(state, { refused: true }),
});

export type HintsService = ReturnType<typeof hints>;

export default hints;
