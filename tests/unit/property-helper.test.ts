/**
 * The property helper: a failing property names its target and the seed that replays it.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkAsyncProperty, checkProperty, propertySeed } from '../support/property';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('checkProperty', () => {
  it('reports the target and the number of cases when the property holds', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    checkProperty(
      'sums',
      fc.property(fc.nat(), (n) => n + 0 === n),
      { numRuns: 50 },
    );
    expect(info).toHaveBeenCalledWith(
      expect.stringMatching(/^\[property\] sums: 50 cases passed, seed \d+$/),
    );
  });

  it('names the seed to replay a failure with, and replays it from FC_SEED', async () => {
    vi.stubEnv('FC_SEED', '1234');
    expect(propertySeed()).toBe(1234);
    const failing = () =>
      checkProperty(
        'odd numbers',
        fc.property(fc.nat(), (n) => n % 2 === 1),
        { numRuns: 100 },
      );
    expect(failing).toThrow(/odd numbers: property failed; replay with FC_SEED=1234/);
    await expect(
      checkAsyncProperty(
        'async',
        fc.asyncProperty(fc.nat(), async (n) => n < 0),
        { numRuns: 10 },
      ),
    ).rejects.toThrow(/async: property failed; replay with FC_SEED=1234/);
  });
});
