import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOrderedWrites } from './ordered-writes';

/** A store whose writes finish only when the test says, in the order they were started. */
function manualStore() {
  const started: { value: number; finish(error?: Error): void }[] = [];
  let stored: number | undefined;
  return {
    started,
    get stored() {
      return stored;
    },
    store: (value: number) =>
      new Promise<void>((resolve, reject) => {
        started.push({
          value,
          finish: (error) => {
            if (error) return reject(error);
            stored = value;
            resolve();
          },
        });
      }),
  };
}

describe('ordered writes', () => {
  it('writes one value at a time and skips the ones superseded meanwhile', async () => {
    const s = manualStore();
    const writes = createOrderedWrites(s.store);
    const first = writes.write(1);
    const second = writes.write(2);
    const third = writes.write(3);
    expect(s.started.map((w) => w.value)).toEqual([1]);
    s.started[0]!.finish();
    await first;
    await Promise.resolve();
    expect(s.started.map((w) => w.value)).toEqual([1, 3]);
    s.started[1]!.finish();
    await Promise.all([second, third]);
    expect(s.stored).toBe(3);
    await writes.flushed();
  });

  it('rejects the waiters of a failed write, and carries on with the next', async () => {
    const s = manualStore();
    const writes = createOrderedWrites(s.store);
    const failed = writes.write(1);
    s.started[0]!.finish(new Error('quota'));
    await expect(failed).rejects.toThrow('quota');
    const next = writes.write(2);
    await Promise.resolve();
    s.started[1]!.finish();
    await next;
    expect(s.stored).toBe(2);
  });

  it('always ends with the last value asked for (property)', async () => {
    const seed = Date.now();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.integer(), fc.boolean()), { minLength: 1, maxLength: 30 }),
          async (steps) => {
            let stored: number | undefined;
            const order: number[] = [];
            const writes = createOrderedWrites(async (value: number) => {
              order.push(value);
              await Promise.resolve();
              stored = value;
            });
            const all: Promise<void>[] = [];
            for (const [value, pause] of steps) {
              all.push(writes.write(value));
              if (pause) await Promise.resolve();
            }
            await Promise.all(all);
            await writes.flushed();
            expect(stored).toBe(steps.at(-1)![0]);
            // Writes happen in the order asked for: the stored sequence is a subsequence.
            let at = 0;
            for (const value of order) {
              while (at < steps.length && steps[at]![0] !== value) at++;
              expect(at).toBeLessThan(steps.length);
              at++;
            }
          },
        ),
        { seed, numRuns: 200 },
      );
    } catch (error) {
      throw new Error(`ordered writes property failed (seed ${seed}): ${String(error)}`);
    }
  });
});
