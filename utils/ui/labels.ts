/**
 * Human names for settings. The settings schema documents its keys in comments, which do not
 * exist at run time, so the options page's wording lives here; each vendor's connection settings
 * are worded in its own folder (`VendorDescriptor.connection.fields`).
 */
import type { ConnectionFieldText, VendorDescriptor } from '../cti/vendor';
import { VENDORS } from '../cti/vendors';

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

/** Labels for `clickToDial.<key>`, by key. */
export const CLICK_TO_DIAL_TEXT = {
  enabled: { label: 'Make phone numbers on web pages clickable' },
  defaultCountry: {
    label: 'Default country',
    hint: 'Two-letter ISO code (FR, US, GB…) for numbers written without a country code. Unless you or your administrator set one, it comes from your browser’s language (fr-FR: FR), or the panel asks for it.',
  },
  sitesMode: { label: 'Sites' },
  sitesPatterns: {
    label: 'Site patterns',
    hint: 'One per line: a host name (crm.example.com) or a match pattern (https://*.example.com/*).',
  },
  sitesToSkip: { label: 'Sites to skip' },
  confirmInternational: { label: 'Ask before calling a number in another country' },
  blockedPrefixes: {
    label: 'Blocked prefixes',
    hint: 'One E.164 prefix per line (+1900): numbers starting with it are never dialled.',
  },
  telLinks: {
    label: 'Call phone links (tel:, callto:, sip:) with Switchboard',
    hint: 'Otherwise such links open the computer’s default calling app.',
  },
} satisfies Record<string, SettingText>;

/** Labels for the ring tone, `ui.ringSound` and `ui.ringVolume` (background/ring.ts). */
export const RING_SOUND_TEXT = {
  ringSound: {
    label: 'Ring tone for incoming calls',
    hint: 'Plays while a call rings and stops as soon as it is answered, declined or taken elsewhere.',
  },
  ringVolume: { label: 'Ring tone volume' },
};

/** Labels for `history.<key>`, by key. */
export const HISTORY_TEXT = {
  retentionDays: {
    label: 'Keep calls for (days)',
    hint: 'Calls older than this are deleted from the history in this browser (1 to 3650).',
  },
  maxEntries: {
    label: 'Keep at most (calls)',
    hint: 'Past this many calls, the oldest are deleted first (10 to 20000).',
  },
} satisfies Record<string, SettingText>;

/** Labels for enum values anywhere in the settings. */
export const OPTION_TEXT: Record<string, string> = {
  e164: 'International (+33123456789)',
  national: 'National (0123456789)',
  digits: 'Digits only (33123456789)',
  all: 'On every site',
  allow: 'Only on the sites listed',
  block: 'On every site except those listed',
  ringing: 'When it rings',
  answered: 'When answered',
  manual: 'Only on request',
  inbound: 'Incoming',
  outbound: 'Outgoing',
  any: 'Any',
  newTab: 'New tab',
  reuseTab: 'Same tab',
  window: 'New window',
  en: 'English',
  fr: 'Français',
  es: 'Español',
  de: 'Deutsch',
  nl: 'Nederlands',
  pt: 'Português',
};

export const optionText = (value: string): string => OPTION_TEXT[value] ?? value;

/** "dialPrefix" → "Dial prefix". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
