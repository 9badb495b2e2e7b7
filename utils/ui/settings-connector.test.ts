import { describe, expect, it, vi } from 'vitest';
import { resolveSettings, type ResolvedSettings } from '../settings/policy';
import { askedEarly, type SettingsConnector } from './settings-connector';

function fakeConnector(answers: Array<ResolvedSettings | Error>): SettingsConnector {
  return {
    load: vi.fn(async () => {
      const next = answers.shift();
      if (next === undefined) throw new Error('asked once too often');
      if (next instanceof Error) throw next;
      return next;
    }),
    save: vi.fn(),
    watch: vi.fn(),
  };
}

describe('askedEarly', () => {
  it('asks at once, gives that answer to the first load and asks again for later ones', async () => {
    const first = resolveSettings({}, {});
    const second = resolveSettings({ vendor: 'ccs' }, {});
    const connector = fakeConnector([first, second]);
    const early = askedEarly(connector);
    expect(connector.load).toHaveBeenCalledTimes(1);
    await expect(early.load()).resolves.toBe(first);
    await expect(early.load()).resolves.toBe(second);
    expect(connector.load).toHaveBeenCalledTimes(2);
    expect(early.save).toBe(connector.save);
    expect(early.watch).toBe(connector.watch);
  });

  it('gives a failed early answer to the first load, and asks again after it', async () => {
    const connector = fakeConnector([
      new Error('Switchboard did not answer.'),
      resolveSettings({}, {}),
    ]);
    const early = askedEarly(connector);
    // Not yet taken: no unhandled rejection meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await expect(early.load()).rejects.toThrow('Switchboard did not answer.');
    await expect(early.load()).resolves.toMatchObject({ locked: [] });
  });
});
