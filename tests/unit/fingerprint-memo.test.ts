import type { Core } from '@strapi/strapi';
import { createFingerprintMemo } from '../../src/cache/fingerprint-memo';

type Middleware = (context: { action: string }, next: () => Promise<unknown>) => Promise<unknown>;

/** Just the one Strapi surface the memo uses: registering a document-service middleware. */
const documentService = () => {
  const middlewares: Middleware[] = [];
  const strapi = { documents: { use: (middleware: Middleware) => middlewares.push(middleware) } } as unknown as Core.Strapi;
  const write = (action: string) => Promise.all(middlewares.map((middleware) => middleware({ action }, async () => undefined)));
  return { strapi, write };
};

const counter = () => {
  let reads = 0;
  let value = 'v1';
  return {
    read: async () => {
      reads += 1;
      return value;
    },
    set: (next: string) => {
      value = next;
    },
    reads: () => reads,
  };
};

describe('fingerprint memo', () => {
  it('reads once within the TTL, and again after it', async () => {
    const { strapi } = documentService();
    const source = counter();
    const memo = createFingerprintMemo(strapi, source.read, 50);
    await memo.current();
    await memo.current();
    expect(source.reads()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    source.set('v2');
    expect(await memo.current()).toBe('v2');
    expect(source.reads()).toBe(2);
  });

  it('concurrent callers share one read', async () => {
    const { strapi } = documentService();
    const source = counter();
    const memo = createFingerprintMemo(strapi, source.read, 10_000);
    await Promise.all([memo.current(), memo.current(), memo.current()]);
    expect(source.reads()).toBe(1);
  });

  it('a write through the document service forgets the value at once; a read does not', async () => {
    const { strapi, write } = documentService();
    const source = counter();
    const memo = createFingerprintMemo(strapi, source.read, 10_000);
    await memo.current();
    await write('findMany');
    await memo.current();
    expect(source.reads()).toBe(1);
    source.set('v2');
    await write('publish');
    expect(await memo.current()).toBe('v2');
    expect(source.reads()).toBe(2);
  });

  it('a read under way when a write happens is not kept', async () => {
    const { strapi, write } = documentService();
    let release: (value: string) => void = () => undefined;
    let reads = 0;
    const memo = createFingerprintMemo(
      strapi,
      () => {
        reads += 1;
        return reads === 1 ? new Promise<string>((resolve) => (release = resolve)) : Promise.resolve('after-write');
      },
      10_000
    );
    const first = memo.current();
    await write('update');
    release('before-write');
    expect(await first).toBe('before-write');
    expect(await memo.current()).toBe('after-write');
  });
});
