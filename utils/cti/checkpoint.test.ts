import { describe, expect, it } from 'vitest';
import { createCheckpoints } from './checkpoint';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function area() {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (k: string) => data.get(k),
    set: async (k: string, v: unknown) => void data.set(k, v),
  };
}

describe('AdapterContext.checkpoint store', () => {
  it('keeps the value for the current link only, and clear() forgets it', async () => {
    const a = area();
    const cps = createCheckpoints(a, 'k', quiet);
    let current = 1;
    const first = cps.forLink(() => current === 1);
    await first.set({ seq: 3 });
    expect(await first.get()).toEqual({ seq: 3 });
    current = 2;
    const second = cps.forLink(() => current === 2);
    await first.set({ seq: 99 }); // a torn-down link writes nothing
    expect(await second.get()).toEqual({ seq: 3 });
    cps.clear();
    expect(await second.get()).toBeNull();
  });
});
