import type { Core } from '@strapi/strapi';
import rendered from '../../plugins/public-cache/server/src/services/rendered';

/** The parts of Strapi the store uses: its config and a fingerprint the test moves by hand. */
const setUp = (maxBytes = 1024) => {
  const state = { fingerprint: 'f1' };
  const strapi = {
    config: { get: () => ({ rendered: { maxBytes } }) },
    plugin: () => ({ service: () => ({ current: async () => state.fingerprint }) }),
  } as unknown as Core.Strapi;
  return { store: rendered({ strapi }), state };
};

/** A render that counts its calls. */
const counting = (value: (call: number) => string) => {
  let calls = 0;
  const render = async () => value(++calls);
  return { render, calls: () => calls };
};

describe('the store of rendered values', () => {
  it('renders once while the fingerprint stays, and again when it moves', async () => {
    const { store, state } = setUp();
    const { render, calls } = counting((call) => `v${call}`);
    expect(await store.get('k', render)).toBe('v1');
    expect(await store.get('k', render)).toBe('v1');
    expect(calls()).toBe(1);
    state.fingerprint = 'f2';
    expect(await store.get('k', render)).toBe('v2');
    expect(calls()).toBe(2);
  });

  it('renders again once the value expires, and not before', async () => {
    const { store } = setUp();
    const { render, calls } = counting((call) => `v${call}`);
    const now = Date.now();
    await store.get('k', render, { expiresAt: () => now + 60_000 });
    await store.get('k', render, { expiresAt: () => now + 60_000 });
    expect(calls()).toBe(1);
    await store.get('gone', render, { expiresAt: () => now - 1 });
    await store.get('gone', render, { expiresAt: () => now - 1 });
    expect(calls()).toBe(3);
  });

  it('shares one rendering between concurrent calls, and keeps nothing of one that throws', async () => {
    const { store } = setUp();
    let calls = 0;
    let release: (value: string) => void = () => undefined;
    const slow = () => {
      calls += 1;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const both = Promise.all([store.get('k', slow), store.get('k', slow)]);
    await new Promise((resolve) => setImmediate(resolve));
    release('shared');
    expect(await both).toEqual(['shared', 'shared']);
    expect(calls).toBe(1);

    await expect(store.get('bad', async () => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    expect(await store.get('bad', async () => 'fine')).toBe('fine');
  });

  it('keeps at most its bytes, the least recently used going first, and nothing larger than a quarter of them', async () => {
    const { store } = setUp(1000);
    const sized = (text: string) => counting(() => text);
    const a = sized('a'.repeat(200));
    const b = sized('b'.repeat(200));
    const big = sized('c'.repeat(300));
    await store.get('a', a.render);
    await store.get('b', b.render);
    await store.get('a', a.render);
    // 300 bytes > 1000 / 4: served, never kept.
    await store.get('big', big.render);
    await store.get('big', big.render);
    expect(big.calls()).toBe(2);
    for (let i = 0; i < 4; i += 1) await store.get(`x${i}`, async () => 'x'.repeat(200));
    // a (used last) and b, then four more of 200 bytes: b was the least recently used.
    await store.get('b', b.render);
    expect(b.calls()).toBe(2);
  });

  it('keeps nothing when its size is 0', async () => {
    const { store } = setUp(0);
    const { render, calls } = counting((call) => `v${call}`);
    await store.get('k', render);
    await store.get('k', render);
    expect(calls()).toBe(2);
  });
});
