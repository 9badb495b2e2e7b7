/**
 * The agent's settings record: today's versioned shape, and every older one migrated on read;
 * kept in the extension's IndexedDB, moved there from storage.local once, and never read from
 * storage.local again.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { STORAGE } from './registry';
import { indexedDbSettingsRecords, type SettingsRecords } from './settings-db';
import {
  createSettingsStorage,
  patchProblem,
  readUserSettings,
  userSettingsRecord,
  USER_SETTINGS_VERSION,
} from './user-settings';

/** The IndexedDB record, in memory (settings-db.ts is tested on fake-indexeddb below). */
function memoryRecords(initial?: unknown): SettingsRecords & { record: unknown } {
  const records = {
    record: initial,
    get: async () => structuredClone(records.record),
    put: async (record: unknown) => {
      records.record = structuredClone(record);
    },
  };
  return records;
}

/** The background's settings storage over `records`, fakeBrowser's storage.local and policy. */
function settingsStorage(records: SettingsRecords = memoryRecords()) {
  return createSettingsStorage({
    records,
    legacy: {
      get: (keys) => fakeBrowser.storage.local.get(keys),
      remove: (keys) => fakeBrowser.storage.local.remove(keys),
    },
    readManaged: () => fakeBrowser.storage.managed.get(null),
    onManagedChanged: (listener) =>
      fakeBrowser.storage.onChanged.addListener((_changes, area) => {
        if (area === 'managed') listener();
      }),
  });
}

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
    const { settings, problems } = await settingsStorage().load();
    expect(problems).toEqual([]);
    expect(settings.vendor).toBe('ccs');
    expect(settings.connection.ccs).toMatchObject({ domain: 'https://ccs.example.com' });
    expect(settings.clickToDial.defaultCountry).toBe('FR');
  });

  it('writes the current version at the next save, keeping the migrated values', async () => {
    await fakeBrowser.storage.local.set({ [VERSION_1_KEY]: VERSION_1 });
    const records = memoryRecords();
    await settingsStorage(records).save({ clickToDial: { confirmInternational: true } });
    // Moved to IndexedDB: storage.local, which content scripts can write, keeps nothing.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    const saved = records.record;
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
    const { settings, problems } = await settingsStorage().load();
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

describe('settings storage', () => {
  it('moves the version-2 record into IndexedDB at the first start, then removes the old key', async () => {
    const values = { clickToDial: { defaultCountry: 'DE', blockedPrefixes: ['+49900'] } };
    await fakeBrowser.storage.local.set({ [KEY]: userSettingsRecord(values) });
    const records = memoryRecords();
    const { settings } = await settingsStorage(records).load();
    expect(settings.clickToDial.defaultCountry).toBe('DE');
    expect(records.record).toEqual(userSettingsRecord(values));
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('never takes what a content script writes to storage.local for settings', async () => {
    const records = memoryRecords(userSettingsRecord({ clickToDial: { defaultCountry: 'FR' } }));
    const foreign = { screenPop: { rules: [{ urlTemplate: 'https://evil.example/?n={number}' }] } };
    // Before any start, and after the migration: neither is read, and both are removed.
    await fakeBrowser.storage.local.set({ [KEY]: userSettingsRecord(foreign) });
    const storage = settingsStorage(records);
    expect((await storage.load()).settings.screenPop.rules).toEqual([]);
    await fakeBrowser.storage.local.set({ [VERSION_1_KEY]: foreign, [KEY]: foreign });
    const restarted = settingsStorage(records);
    const { settings } = await restarted.load();
    expect(settings.screenPop.rules).toEqual([]);
    expect(settings.clickToDial.defaultCountry).toBe('FR');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    // A fresh profile writes an empty record, so that nothing written later is migrated.
    const fresh = memoryRecords();
    await settingsStorage(fresh).load();
    expect(fresh.record).toEqual(userSettingsRecord({}));
  });

  it('keeps policy-locked values, merges saves in order, and tells its watchers', async () => {
    await fakeBrowser.storage.managed.set({ clickToDial: { defaultCountry: 'BE' } });
    const records = memoryRecords();
    const storage = settingsStorage(records);
    const seen: (string | undefined)[] = [];
    storage.watch((resolved) => seen.push(resolved.settings.clickToDial.defaultCountry));
    await Promise.all([
      storage.save({ clickToDial: { defaultCountry: 'FR', telLinks: true } }),
      storage.save({ clickToDial: { confirmInternational: true } }),
    ]);
    expect(records.record).toEqual(
      userSettingsRecord({ clickToDial: { telLinks: true, confirmInternational: true } }),
    );
    expect(seen).toEqual(['BE', 'BE']);
    await fakeBrowser.storage.managed.set({ clickToDial: { defaultCountry: 'NL' } });
    await vi.waitFor(() => expect(seen).toEqual(['BE', 'BE', 'NL']));
  });

  it('says so, and leaves storage.local alone, when IndexedDB fails', async () => {
    await fakeBrowser.storage.local.set({ [VERSION_1_KEY]: VERSION_1 });
    const broken: SettingsRecords = {
      get: async () => Promise.reject(new Error('QuotaExceededError')),
      put: async () => Promise.reject(new Error('QuotaExceededError')),
    };
    const storage = settingsStorage(broken);
    const { settings, problems } = await storage.load();
    expect(settings.vendor).toBe('xivo');
    expect(problems[0]?.message).toBe('Saved settings could not be read: QuotaExceededError');
    await expect(storage.save({ clickToDial: { telLinks: true } })).rejects.toThrow(
      'QuotaExceededError',
    );
    expect(await fakeBrowser.storage.local.get(VERSION_1_KEY)).toEqual({
      [VERSION_1_KEY]: VERSION_1,
    });
  });

  it('keeps the record in the extension origin’s IndexedDB', async () => {
    const first = indexedDbSettingsRecords();
    await first.put(userSettingsRecord({ vendor: 'ccs' }));
    expect(await indexedDbSettingsRecords().get()).toEqual(userSettingsRecord({ vendor: 'ccs' }));
  });

  it('names the first invalid value of a patch from an extension page', () => {
    expect(patchProblem({ clickToDial: { defaultCountry: 'FR' } })).toBeUndefined();
    expect(patchProblem({ clickToDial: { blockedPrefixes: 'nope' } })).toMatch(
      /^clickToDial\.blockedPrefixes: /,
    );
    expect(patchProblem({ nope: 1 })).toBe('nope: Unknown setting');
  });
});
