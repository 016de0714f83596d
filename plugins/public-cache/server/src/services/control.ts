import type { Core } from '@strapi/strapi';
import { pluginConfig } from '../config';
import { createResponseStore, type ResponseStore, type ResponseStoreStats } from '../utils/response-store';

/** `frontDoor`: the hits among `hits` answered before Koa's middleware (utils/front-door.ts). */
export type ResponseCacheStats = ResponseStoreStats & { hits: number; frontDoor: number; stale: number; misses: number; stored: number };

/**
 * The response cache's state: its store and counters, shared by the middleware (which answers
 * from it) and whoever operates it (the benchmark turns it off and on, tests clear it).
 */
const control = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = pluginConfig(strapi).responses;
  let enabled = config.enabled;
  const store: ResponseStore = createResponseStore({ maxBytes: config.maxBytes, maxEntryBytes: config.maxEntryBytes });
  const counters = { hits: 0, frontDoor: 0, stale: 0, misses: 0, stored: 0 };

  return {
    /** Whether the response cache answers requests now. */
    enabled: (): boolean => enabled,
    /** Turns the cache on or off at run time (off: forgets everything). */
    setEnabled(value: boolean): void {
      enabled = value;
      if (!value) store.clear();
    },
    clear: (): void => store.clear(),
    stats: (): ResponseCacheStats => ({ ...store.stats(), ...counters }),
    /** The store and counters, for the middleware. */
    store,
    counters,
  };
};

export type ControlService = ReturnType<typeof control>;

export default control;
