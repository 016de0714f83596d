import type { Core } from '@strapi/strapi';

type State = Record<string, unknown>;

/** What an action or resolver may tell the public-cache plugin about the answer it builds. */
export type CacheHints = {
  /** The answer's content changes at `expiresAt` (ms since epoch) without any edit; null: it does not. */
  expireAt(state: State, expiresAt: number | null): void;
  /** The answer must not be cached. */
  refuse(state: State): void;
};

const NONE: CacheHints = { expireAt: () => undefined, refuse: () => undefined };

/**
 * The public-cache plugin's `hints` service, or hints that go nowhere when that plugin is not
 * installed (or disabled): every answer is then computed, and nothing else changes. Which routes
 * may be cached at all their route config says (`config: { publicCache: true }`).
 */
export const cacheHints = (strapi: Core.Strapi): CacheHints => {
  const plugin = strapi.plugin('public-cache');
  return plugin ? (plugin.service('hints') as CacheHints) : NONE;
};

/** What a plugin may keep in the public-cache plugin's store of rendered values. */
export type RenderedCache = {
  get<Value>(
    key: string,
    render: () => Promise<Value>,
    options?: { expiresAt?: (value: Value) => number | null; size?: (value: Value) => number },
  ): Promise<Value>;
};

const RENDER_EVERY_TIME: RenderedCache = { get: (_key, render) => render() };

/**
 * The public-cache plugin's `rendered` service (values kept under the content fingerprint, for
 * requests the response cache does not answer), or one that renders every time when that plugin
 * is not installed.
 */
export const renderedCache = (strapi: Core.Strapi): RenderedCache => {
  const plugin = strapi.plugin('public-cache');
  return plugin ? (plugin.service('rendered') as RenderedCache) : RENDER_EVERY_TIME;
};
