/**
 * Human names for settings. The settings schema documents its keys in comments, which do not
 * exist at run time, so the options page's wording lives here (its words in locales/*.yml); each
 * vendor's connection settings are worded in its own folder (`VendorDescriptor.connection.fields`,
 * English for now).
 */
import type { ConnectionFieldText, VendorDescriptor } from '../cti/vendor';
import { VENDORS } from '../cti/vendors';
import { isLanguage, LANGUAGE_NAMES } from '../i18n/languages';
import { t } from '../i18n/runtime';

export interface SettingText {
  label: string;
  hint?: string;
}

/** The vendors an admin or agent can choose, in registry order. */
export function vendorChoices(
  vendors: readonly VendorDescriptor[] = VENDORS,
): { id: string; label: string }[] {
  return vendors.map(({ id, label }) => ({ id, label }));
}

/** The vendor's own wording for `connection.<vendor>.<key>`; unknown keys fall back to `humanize`. */
export function connectionText(
  vendor: string,
  key: string,
  vendors: readonly VendorDescriptor[] = VENDORS,
): ConnectionFieldText {
  const descriptor = vendors.find((v) => v.id === vendor);
  const fields: Readonly<Record<string, ConnectionFieldText>> = descriptor?.connection.fields ?? {};
  return fields[key] ?? { label: humanize(key), policy: '' };
}

/** Labels for `clickToDial.<key>`, by key (the options page reads them as it renders). */
export const CLICK_TO_DIAL_TEXT = {
  enabled: () => ({ label: t('clickToDialSection.enabled') }),
  defaultCountry: () => ({
    label: t('clickToDialSection.defaultCountry'),
    hint: t('clickToDialSection.defaultCountryHint'),
  }),
  sitesMode: () => ({ label: t('clickToDialSection.sitesMode') }),
  sitesPatterns: () => ({
    label: t('clickToDialSection.sitesPatterns'),
    hint: t('clickToDialSection.sitesPatternsHint'),
  }),
  sitesToSkip: () => ({ label: t('clickToDialSection.sitesToSkip') }),
  confirmInternational: () => ({ label: t('clickToDialSection.confirmInternational') }),
  blockedPrefixes: () => ({
    label: t('clickToDialSection.blockedPrefixes'),
    hint: t('clickToDialSection.blockedPrefixesHint'),
  }),
  telLinks: () => ({
    label: t('clickToDialSection.telLinks'),
    hint: t('clickToDialSection.telLinksHint'),
  }),
} satisfies Record<string, () => SettingText>;

/** Labels for the ring tone, `ui.ringSound` and `ui.ringVolume` (background/ring.ts). */
export const RING_SOUND_TEXT = {
  ringSound: () => ({ label: t('options.ringSound'), hint: t('options.ringSoundHint') }),
  ringVolume: () => ({ label: t('options.ringVolume') }),
} satisfies Record<string, () => SettingText>;

/** Labels for `history.<key>`, by key. */
export const HISTORY_TEXT = {
  retentionDays: () => ({
    label: t('historySection.retentionDays'),
    hint: t('historySection.retentionDaysHint'),
  }),
  maxEntries: () => ({
    label: t('historySection.maxEntries'),
    hint: t('historySection.maxEntriesHint'),
  }),
} satisfies Record<string, () => SettingText>;

/** Labels for enum values anywhere in the settings. */
const OPTION_TEXT = {
  browser: 'optionValues.browser',
  e164: 'optionValues.e164',
  national: 'optionValues.national',
  digits: 'optionValues.digits',
  all: 'optionValues.all',
  allow: 'optionValues.allow',
  block: 'optionValues.block',
  ringing: 'optionValues.ringing',
  answered: 'optionValues.answered',
  manual: 'optionValues.manual',
  inbound: 'optionValues.inbound',
  outbound: 'optionValues.outbound',
  any: 'optionValues.any',
  newTab: 'optionValues.newTab',
  reuseTab: 'optionValues.reuseTab',
  window: 'optionValues.window',
} as const;

/** A setting's value in words; each language is named in its own (`LANGUAGE_NAMES`). */
export function optionText(value: string): string {
  if (isLanguage(value)) return LANGUAGE_NAMES[value];
  return Object.prototype.hasOwnProperty.call(OPTION_TEXT, value)
    ? t(OPTION_TEXT[value as keyof typeof OPTION_TEXT])
    : value;
}

/** "dialPrefix" → "Dial prefix". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
