import { createFingerprintMemo } from '../../plugins/public-cache/server/src/utils/fingerprint-memo';

/** A clock the test moves by hand: the memo's TTL is measured on it, never on the wall clock. */
const fakeClock = (start = 1_700_000_000_000) => {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
};

/** Lets settled reads run their callbacks (a turn of the event loop; no time passes on the clock). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A fingerprint source that counts its reads; each read can be held open until released. */
const source = (initial = 'v1') => {
  let value = initial;
  let reads = 0;
  let gate: Promise<void> | null = null;
  let open: () => void = () => undefined;
  return {
    read: async () => {
      reads += 1;
      const seen = value;
      if (gate) await gate;
      return seen;
    },
    set: (next: string) => {
      value = next;
    },
    hold: () => {
      gate = new Promise((resolve) => (open = resolve));
    },
    release: () => {
      gate = null;
      open();
    },
    reads: () => reads,
  };
};

describe('fingerprint memo', () => {
  it('reads once within the TTL, and again after it', async () => {
    const clock = fakeClock();
    const db = source();
    const memo = createFingerprintMemo(db.read, 60, clock);
    await memo.current();
    await memo.current();
    expect(db.reads()).toBe(1);
    clock.advance(70);
    db.set('v2');
    expect(await memo.current()).toBe('v2');
    expect(db.reads()).toBe(2);
  });

  it('gives the fingerprint without waiting only while it is younger than the TTL and no write has come since', async () => {
    const clock = fakeClock();
    const db = source();
    const memo = createFingerprintMemo(db.read, 60, clock);
    expect(memo.fresh()).toBeUndefined();
    expect(db.reads()).toBe(0);
    await memo.current();
    expect(memo.fresh()).toBe('v1');
    // Past half its life: still given, and a read starts in the background, as current() does.
    clock.advance(40);
    db.set('v2');
    expect(memo.fresh()).toBe('v1');
    expect(db.reads()).toBe(2);
    await settle();
    expect(memo.fresh()).toBe('v2');
    memo.invalidate();
    expect(memo.fresh()).toBeUndefined();
    await memo.current();
    clock.advance(60);
    expect(memo.fresh()).toBeUndefined();
  });

  it('concurrent callers share one read', async () => {
    const clock = fakeClock();
    const db = source();
    const memo = createFingerprintMemo(db.read, 10_000, clock);
    expect(await Promise.all([memo.current(), memo.current(), memo.current()])).toEqual(['v1', 'v1', 'v1']);
    expect(db.reads()).toBe(1);
  });

  it('invalidate() forgets the value at once', async () => {
    const clock = fakeClock();
    const db = source();
    const memo = createFingerprintMemo(db.read, 10_000, clock);
    await memo.current();
    db.set('v2');
    expect(await memo.current()).toBe('v1');
    memo.invalidate();
    expect(await memo.current()).toBe('v2');
    expect(db.reads()).toBe(2);
  });

  it('a read under way when the value is invalidated is not kept', async () => {
    const clock = fakeClock();
    const db = source('before-write');
    const memo = createFingerprintMemo(db.read, 10_000, clock);
    db.hold();
    const first = memo.current();
    db.set('after-write');
    memo.invalidate();
    db.release();
    expect(await first).toBe('before-write');
    expect(await memo.current()).toBe('after-write');
  });

  it('past half its life, answers at once and refreshes in the background', async () => {
    const clock = fakeClock();
    const db = source();
    const memo = createFingerprintMemo(db.read, 2000, clock);
    await memo.current();
    clock.advance(1100);
    db.set('v2');
    db.hold();
    // Not yet expired: the caller does not wait for the (held) read it starts.
    expect(await memo.current()).toBe('v1');
    expect(db.reads()).toBe(2);
    // Only one background read at a time.
    expect(await memo.current()).toBe('v1');
    expect(db.reads()).toBe(2);
    db.release();
    await settle();
    expect(await memo.current()).toBe('v2');
    expect(db.reads()).toBe(2);
  });

  it('a failed background read leaves the value to expire; the next caller sees the error', async () => {
    const clock = fakeClock();
    let fail = false;
    let reads = 0;
    const memo = createFingerprintMemo(
      async () => {
        reads += 1;
        if (fail) throw new Error('database down');
        return 'v1';
      },
      2000,
      clock,
    );
    await memo.current();
    clock.advance(1100);
    fail = true;
    expect(await memo.current()).toBe('v1');
    // The background read fails and is done with before the value expires.
    await settle();
    clock.advance(1000);
    await expect(memo.current()).rejects.toThrow('database down');
    expect(reads).toBe(3);
  });

  it('remembers the value a change replaced, and since when it may be stale', async () => {
    const clock = fakeClock();
    const db = source('v1');
    const memo = createFingerprintMemo(db.read, 10_000, clock);
    await memo.current();
    expect(memo.previous()).toBeUndefined();

    // A write that changes nothing public (the same fingerprint is read again): no change.
    memo.invalidate();
    await memo.current();
    expect(memo.previous()).toBeUndefined();

    // A write that does: stale since the write, not since the next read.
    const beforeWrite = clock.now();
    memo.invalidate();
    clock.advance(30);
    db.set('v2');
    expect(await memo.current()).toBe('v2');
    const replaced = memo.previous();
    expect(replaced?.fingerprint).toBe('v1');
    expect(replaced?.until).toBeGreaterThanOrEqual(beforeWrite);
    expect(replaced?.until).toBeLessThan(beforeWrite + 30);
  });

  it('dates a change seen on a later read (another process wrote) from the last read of the old value', async () => {
    const clock = fakeClock();
    const db = source('v1');
    const memo = createFingerprintMemo(db.read, 0, clock);
    await memo.current();
    const lastOldRead = clock.now();
    clock.advance(30);
    db.set('v2');
    await memo.current();
    expect(memo.previous()?.fingerprint).toBe('v1');
    expect(memo.previous()?.until).toBeLessThanOrEqual(lastOldRead);
  });

  it('tells what it read last, since when a write doubts it, and whether a read is under way', async () => {
    const clock = fakeClock();
    const db = source('v1');
    const memo = createFingerprintMemo(db.read, 10_000, clock);
    expect(memo.lastRead()).toBeUndefined();
    await memo.current();
    expect(memo.lastRead()).toEqual({ fingerprint: 'v1', writtenAt: undefined, reading: false });

    const beforeWrite = clock.now();
    memo.invalidate();
    memo.invalidate();
    db.hold();
    const reading = memo.current();
    const during = memo.lastRead();
    expect(during?.fingerprint).toBe('v1');
    expect(during?.reading).toBe(true);
    // The first write since the read counts.
    expect(during?.writtenAt).toBeGreaterThanOrEqual(beforeWrite);
    expect(during?.writtenAt).toBeLessThanOrEqual(clock.now());
    db.release();
    await reading;
    expect(memo.lastRead()).toEqual({ fingerprint: 'v1', writtenAt: undefined, reading: false });
  });

  it('with a TTL of 0 reads on every call', async () => {
    const clock = fakeClock();
    const db = source();
    const memo = createFingerprintMemo(db.read, 0, clock);
    await memo.current();
    await memo.current();
    expect(db.reads()).toBe(2);
  });
});
