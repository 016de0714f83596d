import type { Core } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';
import { pluginConfig } from '../config';
import type { FingerprintService } from './fingerprint';

type Entry = { fingerprint: string; expiresAt: number | null; value: unknown; size: number };

/** How a rendered value is kept. */
export type RenderedOptions<Value> = {
  /** When the value goes stale without an edit (ms since epoch; null: never). */
  expiresAt?: (value: Value) => number | null;
  /** Its size in bytes (default: the length of a Buffer, the UTF-8 length of a string). */
  size?: (value: Value) => number;
};

const sizeOf = (value: unknown): number => {
  if (Buffer.isBuffer(value)) return value.length;
  if (typeof value === 'string') return Buffer.byteLength(value);
  return 1024;
};

/**
 * What another plugin has rendered (a feed's bytes, a calendar), kept under the content
 * fingerprint, for the requests the response cache does not answer (requests with credentials,
 * the response cache turned off): they cost no rendering while nothing public changed. One store
 * for every plugin, bounded in bytes (`rendered.maxBytes`), least recently used first; keys are
 * namespaced by the caller (`syndication:feed:…`).
 */
const rendered = ({ strapi }: { strapi: Core.Strapi }) => {
  const { maxBytes } = pluginConfig(strapi).rendered;
  const entries = new LRUCache<string, Entry>({
    maxSize: Math.max(1, maxBytes),
    maxEntrySize: Math.max(1, Math.floor(maxBytes / 4)),
    sizeCalculation: (entry) => Math.max(1, entry.size),
  });
  // Concurrent requests for what is being rendered wait for that rendering.
  const building = new Map<string, Promise<unknown>>();
  const fingerprint = () => strapi.plugin('public-cache').service('fingerprint') as FingerprintService;

  return {
    /**
     * The value kept for `key` if it was rendered from the content as it is now (and before it
     * expires), else `render()`'s, which is kept. A render that throws keeps nothing.
     */
    async get<Value>(key: string, render: () => Promise<Value>, options: RenderedOptions<Value> = {}): Promise<Value> {
      if (maxBytes <= 0) return render();
      const current = await fingerprint().current();
      const hit = entries.get(key);
      if (hit && hit.fingerprint === current && (hit.expiresAt === null || Date.now() < hit.expiresAt)) return hit.value as Value;
      const flight = `${key}\u0000${current}`;
      const running = building.get(flight) as Promise<Value> | undefined;
      if (running) return running;
      const started = render()
        .then((value) => {
          const size = (options.size ?? sizeOf)(value);
          entries.set(key, { fingerprint: current, expiresAt: options.expiresAt?.(value) ?? null, value, size });
          return value;
        })
        .finally(() => building.delete(flight));
      building.set(flight, started);
      return started;
    },
    clear: (): void => entries.clear(),
  };
};

export type RenderedService = ReturnType<typeof rendered>;

export default rendered;
