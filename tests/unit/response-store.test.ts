import { createResponseStore, type CachedResponse } from '../../plugins/public-cache/server/src/utils/response-store';

const response = (bytes: number, fingerprint = 'f1', expiresAt: number | null = null): CachedResponse => ({
  body: Buffer.alloc(bytes, 'x'),
  headers: { 'content-type': 'application/json' },
  fingerprint,
  expiresAt,
});

describe('response store', () => {
  it('serves an entry only under the fingerprint it was built with', () => {
    const store = createResponseStore({ maxBytes: 1_000_000, maxEntryBytes: 100_000 });
    store.set('GET /a', response(10, 'f1'));
    expect(store.get('GET /a', 'f1', Date.now())?.body.length).toBe(10);
    expect(store.get('GET /a', 'f2', Date.now())).toBeUndefined();
    // Still there for its own fingerprint until replaced.
    expect(store.get('GET /a', 'f1', Date.now())).toBeDefined();
    store.set('GET /a', response(20, 'f2'));
    expect(store.get('GET /a', 'f1', Date.now())).toBeUndefined();
    expect(store.get('GET /a', 'f2', Date.now())?.body.length).toBe(20);
  });

  it('drops an entry at its expiry', () => {
    const store = createResponseStore({ maxBytes: 1_000_000, maxEntryBytes: 100_000 });
    store.set('GET /a', response(10, 'f1', 5_000));
    expect(store.get('GET /a', 'f1', 4_999)).toBeDefined();
    expect(store.get('GET /a', 'f1', 5_000)).toBeUndefined();
  });

  it('keeps at most maxBytes (bodies, keys and 512 bytes each), evicting the least recently used first', () => {
    const store = createResponseStore({ maxBytes: 10_000, maxEntryBytes: 10_000 });
    store.set('a', response(2_500));
    store.set('b', response(2_500));
    store.set('c', response(2_500));
    expect(store.get('a', 'f1', 0)).toBeDefined();
    store.set('d', response(2_500));
    expect(store.get('b', 'f1', 0)).toBeUndefined();
    expect(store.get('a', 'f1', 0)).toBeDefined();
    expect(store.get('d', 'f1', 0)).toBeDefined();
    expect(store.stats().bytes).toBeLessThanOrEqual(10_000);
  });

  it('does not keep an entry larger than maxEntryBytes', () => {
    const store = createResponseStore({ maxBytes: 1_000_000, maxEntryBytes: 1_000 });
    store.set('big', response(2_000));
    expect(store.get('big', 'f1', 0)).toBeUndefined();
    expect(store.stats().entries).toBe(0);
  });

  it('lets later callers wait for a computation under way, per key and fingerprint', async () => {
    const store = createResponseStore({ maxBytes: 1_000_000, maxEntryBytes: 100_000 });
    expect(store.pending('k', 'f1')).toBeUndefined();
    const finish = store.begin('k', 'f1');
    const waiting = store.pending('k', 'f1');
    expect(waiting).toBeDefined();
    expect(store.pending('k', 'f2')).toBeUndefined();
    const result = response(5);
    finish(result);
    expect(await waiting).toBe(result);
    expect(store.pending('k', 'f1')).toBeUndefined();
  });

  it('tells waiting callers when a computation had nothing to share', async () => {
    const store = createResponseStore({ maxBytes: 1_000_000, maxEntryBytes: 100_000 });
    const finish = store.begin('k', 'f1');
    const waiting = store.pending('k', 'f1');
    finish(null);
    expect(await waiting).toBeNull();
  });
});
