/**
 * The agent's country for numbers written without a country code (settings
 * `clickToDial.defaultCountry`), resolved here once for the whole extension. Everything that
 * reads the setting gets the resolved value: the adapters (`VendorSettings.clickToDial`), the dial
 * gate and the browser's dial command, screen-pop templates, the content scripts' `ContentConfig`,
 * the panel (`PanelState.defaultCountry`) and the options page. In order:
 *
 * 1. **policy**: the admin's value, locked;
 * 2. **the agent's own choice**: the country the panel asked for, or one typed on the options
 *    page. It comes before the browser's language so that a choice the agent made is never
 *    silently overridden (a Belgian agent whose browser speaks fr-FR);
 * 3. **the browser's language region**: the first of the agent's preferred languages that names
 *    a country (utils/phone/country.ts: "fr-FR" → FR; a bare "fr" names none);
 * 4. **none**: the panel asks the agent once (components/CountryPrompt.tsx) and saves the answer
 *    as the agent's choice. Until then only numbers written with their country code are read.
 *
 * The default was "US" until Switchboard 0.4, which made a French agent's "01 23 45 67 89" a
 * US number.
 */
import { countryOfLocales } from '../phone/country';
import type { ResolvedSettings } from '../settings/policy';
import type { SettingsStorage } from '../storage/user-settings';

export const COUNTRY_PATH = 'clickToDial.defaultCountry';

export type CountrySource = 'policy' | 'agent' | 'locale';

export interface ResolvedCountry {
  country: string;
  source: CountrySource;
}

export interface CountryInputs {
  /** The admin's value, if policy sets a valid one. */
  policy?: string | undefined;
  /** The agent's own saved value, if any. */
  agent?: string | undefined;
  /** The browser's preferred languages, most preferred first (`browserLocales`). */
  locales: readonly string[];
}

/** The country in force and where it came from; undefined when the agent must be asked. */
export function resolveDefaultCountry(inputs: CountryInputs): ResolvedCountry | undefined {
  if (inputs.policy) return { country: inputs.policy, source: 'policy' };
  if (inputs.agent) return { country: inputs.agent, source: 'agent' };
  const fromLocale = countryOfLocales(inputs.locales);
  return fromLocale ? { country: fromLocale, source: 'locale' } : undefined;
}

/**
 * The settings with the resolved country in `clickToDial.defaultCountry` (absent when it must be
 * asked). Policy and the agent's value are told apart by `locked`: the schema has no default.
 */
export function withResolvedCountry(
  resolved: ResolvedSettings,
  locales: readonly string[],
): ResolvedSettings {
  const click = resolved.settings.clickToDial;
  const set = click.defaultCountry;
  const fromPolicy = resolved.locked.includes(COUNTRY_PATH);
  const country = resolveDefaultCountry({
    policy: fromPolicy ? set : undefined,
    agent: fromPolicy ? undefined : set,
    locales,
  })?.country;
  const clickToDial = { ...click };
  delete clickToDial.defaultCountry;
  if (country !== undefined) clickToDial.defaultCountry = country;
  return { ...resolved, settings: { ...resolved.settings, clickToDial } };
}

/** What the background reads the agent's languages from. */
export interface LocaleSources {
  /** `navigator` in the worker or background page. */
  navigator?: { languages?: readonly string[]; language?: string } | undefined;
  /** `browser.i18n.getUILanguage()`: the browser's own UI language. */
  uiLanguage?: () => string;
}

/**
 * The agent's preferred languages, most preferred first: the browser's language list (Chrome's
 * "Preferred languages", Firefox's "Choose your preferred language for displaying pages"), else
 * the browser's UI language. The UI language comes last because it says little about a region:
 * Chromium shows English as en-US whatever the agent's country.
 */
export function browserLocales(sources: LocaleSources): string[] {
  const languages = sources.navigator?.languages?.filter(Boolean) ?? [];
  if (languages.length > 0) return [...languages];
  if (sources.navigator?.language) return [sources.navigator.language];
  const ui = sources.uiLanguage?.();
  return ui ? [ui] : [];
}

export interface CountryResolvingStorage extends SettingsStorage {
  /** The browser's languages changed (`languagechange`): watchers get the settings again. */
  localesChanged(): void;
}

/**
 * `storage` whose every answer (load, save, watch) carries the resolved country, with the
 * languages read afresh each time.
 */
export function withDefaultCountry(
  storage: SettingsStorage,
  locales: () => readonly string[],
): CountryResolvingStorage {
  const resolve = (resolved: ResolvedSettings) => withResolvedCountry(resolved, locales());
  const listeners = new Set<(settings: ResolvedSettings) => void>();
  const notify = (resolved: ResolvedSettings) => {
    for (const listener of listeners) listener(resolve(resolved));
  };
  storage.watch(notify);
  return {
    load: async () => resolve(await storage.load()),
    loadOwn: async () => resolve(await storage.loadOwn()),
    save: async (patch) => resolve(await storage.save(patch)),
    watch(listener, signal) {
      listeners.add(listener);
      signal?.addEventListener('abort', () => listeners.delete(listener));
    },
    localesChanged: () => void storage.load().then(notify, () => undefined),
  };
}
