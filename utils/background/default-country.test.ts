/**
 * The agent's country: policy, then the agent's own choice, then the browser's language region,
 * else nobody knows and the panel asks. Resolved once for every reader of the settings.
 */
import fc from 'fast-check';
import { getCountries } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { checkProperty } from '../../tests/support/property';
import { resolveSettings, type ResolvedSettings } from '../settings/policy';
import type { SettingsStorage } from '../storage/user-settings';
import {
  browserLocales,
  resolveDefaultCountry,
  withDefaultCountry,
  withResolvedCountry,
} from './default-country';

const COUNTRIES = getCountries();
const country = fc.constantFrom(...COUNTRIES);
/** Preferred-language lists: tags with and without a region, some naming no country at all. */
const locales = fc.array(
  fc.oneof(
    fc.constantFrom('en', 'fr', 'es', 'pt', 'de', 'nl', 'es-419', 'en-001', 'it', 'ja', 'xx'),
    country.map((c) => `fr-${c}`),
    country.map((c) => `en-${c}`),
  ),
  { maxLength: 5 },
);
/** The country a list names by the rule of utils/phone/country.ts, computed independently. */
function localeCountry(tags: readonly string[]): string | undefined {
  for (const tag of tags) {
    const [, region] = tag.split('-');
    if (region && /^[A-Z]{2}$/.test(region)) return region;
    if (tag === 'it') return 'IT';
    if (tag === 'ja') return 'JP';
  }
  return undefined;
}

describe('resolveDefaultCountry', () => {
  it('takes policy first, then the agent’s choice, then the language region, else none', () => {
    checkProperty(
      'default country resolution',
      fc.property(
        fc.option(country, { nil: undefined }),
        fc.option(country, { nil: undefined }),
        locales,
        (policy, agent, tags) => {
          const resolved = resolveDefaultCountry({ policy, agent, locales: tags });
          const fromLocale = localeCountry(tags);
          if (policy) expect(resolved).toEqual({ country: policy, source: 'policy' });
          else if (agent) expect(resolved).toEqual({ country: agent, source: 'agent' });
          else if (fromLocale) expect(resolved).toEqual({ country: fromLocale, source: 'locale' });
          else expect(resolved).toBeUndefined();
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads the examples of the issue', () => {
    // A French browser and no policy: France, not the US.
    expect(resolveDefaultCountry({ locales: ['fr-FR', 'fr', 'en-US', 'en'] })?.country).toBe('FR');
    // English without a region says no country: the agent is asked.
    expect(resolveDefaultCountry({ locales: ['en'] })).toBeUndefined();
    expect(resolveDefaultCountry({ agent: 'BE', locales: ['fr-FR'] })?.country).toBe('BE');
    expect(resolveDefaultCountry({ policy: 'NL', agent: 'BE', locales: ['fr-FR'] })).toEqual({
      country: 'NL',
      source: 'policy',
    });
  });
});

describe('withResolvedCountry', () => {
  it('puts the resolved country in the settings, telling policy from the agent by the lock', () => {
    checkProperty(
      'resolved settings',
      fc.property(
        fc.option(country, { nil: undefined }),
        fc.option(country, { nil: undefined }),
        locales,
        (policy, agent, tags) => {
          const user = agent ? { clickToDial: { defaultCountry: agent } } : {};
          const managed = policy ? { clickToDial: { defaultCountry: policy } } : {};
          const resolved = withResolvedCountry(resolveSettings(user, managed), tags);
          const expected = policy ?? agent ?? localeCountry(tags);
          expect(resolved.settings.clickToDial.defaultCountry).toBe(expected);
          expect('defaultCountry' in resolved.settings.clickToDial).toBe(expected !== undefined);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('changes nothing else', () => {
    const before = resolveSettings(
      { clickToDial: { telLinks: true } },
      { clickToDial: { enabled: false } },
    );
    const after = withResolvedCountry(before, ['de-AT']);
    expect(after.settings.clickToDial).toEqual({
      ...before.settings.clickToDial,
      defaultCountry: 'AT',
    });
    expect(after.locked).toEqual(before.locked);
    expect(after.problems).toEqual(before.problems);
    expect(after.settings.connection).toBe(before.settings.connection);
    // The input is not modified.
    expect(before.settings.clickToDial.defaultCountry).toBeUndefined();
  });
});

describe('browserLocales', () => {
  it('prefers the language list, then the language, then the browser’s UI language', () => {
    const ui = () => 'en-US';
    const languages = ['fr-FR', 'fr'];
    expect(browserLocales({ navigator: { languages, language: 'fr-FR' }, uiLanguage: ui })).toEqual(
      languages,
    );
    expect(
      browserLocales({ navigator: { languages: [], language: 'it' }, uiLanguage: ui }),
    ).toEqual(['it']);
    expect(browserLocales({ navigator: { languages: [] }, uiLanguage: ui })).toEqual(['en-US']);
    expect(browserLocales({})).toEqual([]);
    // Chromium started with --accept-lang=en: the UI says en-US, but the agent gave no region.
    expect(browserLocales({ navigator: { languages: ['en'] }, uiLanguage: ui })).toEqual(['en']);
  });
});

/** A settings storage holding `user` and `managed` in memory, as createSettingsStorage would. */
function memoryStorage(user: Record<string, unknown>, managed: Record<string, unknown> = {}) {
  const listeners = new Set<(settings: ResolvedSettings) => void>();
  let values = user;
  const load = async () => resolveSettings(values, managed);
  const storage: SettingsStorage = {
    load,
    loadOwn: async () => resolveSettings(values, {}),
    async save(patch) {
      values = { ...values, ...patch };
      const resolved = await load();
      for (const listener of listeners) listener(resolved);
      return resolved;
    },
    watch: (listener) => void listeners.add(listener),
  };
  return storage;
}

describe('withDefaultCountry', () => {
  it('gives every reader the resolved country, with the languages read afresh', async () => {
    let tags = ['en'];
    const storage = withDefaultCountry(memoryStorage({}), () => tags);
    expect((await storage.load()).settings.clickToDial.defaultCountry).toBeUndefined();
    const seen: (string | undefined)[] = [];
    const stop = new AbortController();
    storage.watch(
      (resolved) => seen.push(resolved.settings.clickToDial.defaultCountry),
      stop.signal,
    );

    tags = ['nl-NL'];
    storage.localesChanged();
    await expect.poll(() => seen).toEqual(['NL']);
    // The panel's answer is the agent's choice, which the browser's language does not override.
    const saved = await storage.save({ clickToDial: { defaultCountry: 'BE' } });
    expect(saved.settings.clickToDial.defaultCountry).toBe('BE');
    expect(seen).toEqual(['NL', 'BE']);
    stop.abort();
    storage.localesChanged();
    await storage.load();
    expect(seen).toEqual(['NL', 'BE']);
  });

  it('keeps the admin’s country whatever the agent or the browser says', async () => {
    const storage = withDefaultCountry(
      memoryStorage(
        { clickToDial: { defaultCountry: 'BE' } },
        { clickToDial: { defaultCountry: 'ES' } },
      ),
      () => ['fr-FR'],
    );
    expect((await storage.load()).settings.clickToDial.defaultCountry).toBe('ES');
  });
});
