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
