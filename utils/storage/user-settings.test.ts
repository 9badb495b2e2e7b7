/**
 * The agent's settings record: today's versioned shape, and every older one migrated on read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { STORAGE } from './registry';
import {
  loadSettings,
  readUserSettings,
  saveUserSettings,
  userSettingsRecord,
  USER_SETTINGS_VERSION,
} from './user-settings';

const KEY = STORAGE.local.userSettings.key;
/** Where Switchboard 0.1 kept the agent's settings. */
const VERSION_1_KEY = 'settings';

/** What Switchboard 0.1 saved: the bare object of the agent's values. */
const VERSION_1 = {
  vendor: 'ccs',
  connection: { ccs: { domain: 'https://ccs.example.com', tenantId: 't-1' } },
  clickToDial: { defaultCountry: 'FR', blockedPrefixes: ['+33899'] },
};

const jsonObject = fc
  .dictionary(
    fc.string({ minLength: 1 }).filter((k) => k !== 'version' && k !== '__proto__'),
    fc.jsonValue(),
  )
  .map((value) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>);

function check(property: fc.IProperty<[Record<string, unknown>]>): void {
  const seed = Date.now();
  try {
    fc.assert(property, { seed, numRuns: 300 });
  } catch (error) {
    throw new Error(`user settings property failed (seed ${seed}): ${String(error)}`);
  }
}

describe('user settings record', () => {
  it('migrates a record of version 1, where version 1 kept it, when it is read', async () => {
    await fakeBrowser.storage.local.set({ [VERSION_1_KEY]: VERSION_1 });
    const { settings, problems } = await loadSettings();
    expect(problems).toEqual([]);
    expect(settings.vendor).toBe('ccs');
    expect(settings.connection.ccs).toMatchObject({ domain: 'https://ccs.example.com' });
    expect(settings.clickToDial.defaultCountry).toBe('FR');
  });

  it('writes the current version at the next save, keeping the migrated values', async () => {
    await fakeBrowser.storage.local.set({ [VERSION_1_KEY]: VERSION_1 });
    await saveUserSettings({ clickToDial: { confirmInternational: true } });
    const stored = await fakeBrowser.storage.local.get(null);
    expect(Object.keys(stored)).toEqual([KEY]);
    const saved = stored[KEY];
    expect(saved).toEqual({
      version: USER_SETTINGS_VERSION,
      values: {
        ...VERSION_1,
        clickToDial: { ...VERSION_1.clickToDial, confirmInternational: true },
      },
    });
  });

  it('falls back to the defaults, and says why, for a record it cannot read', async () => {
    await fakeBrowser.storage.local.set({ [KEY]: { version: 99, values: { vendor: 'ccs' } } });
    const { settings, problems } = await loadSettings();
    expect(settings.vendor).toBe('xivo');
    expect(problems).toEqual([
      { source: 'user', path: '', message: 'Saved settings of unknown version 99' },
    ]);
    expect(readUserSettings('nope')).toEqual({
      values: {},
      problem: 'Saved settings are not an object',
    });
    expect(readUserSettings(undefined)).toEqual({ values: {} });
  });

  it('reads back any values it wrote, and any version-1 object as it was (property)', () => {
    check(
      fc.property(jsonObject, (values) => {
        expect(readUserSettings(userSettingsRecord(values))).toEqual({ values });
        expect(readUserSettings(values)).toEqual({ values });
      }),
    );
  });
});

describe('readUserSettings with a corrupt version (found by tests/property/settings.property.test.ts)', () => {
  it('reports a version that cannot be turned into text instead of throwing', () => {
    expect(readUserSettings({ version: { toString: false }, values: {} })).toEqual({
      values: {},
      problem: 'Saved settings of unknown version object',
    });
  });
});
