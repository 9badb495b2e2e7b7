// idb needs IndexedDB before any module opens a database.
import 'fake-indexeddb/auto';
import { beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// @wxt-dev/i18n reads the global `browser` (or `chrome`) once, when it is first imported: it must
// be the fake browser by then, whichever of WXT's setup and this one runs first.
vi.stubGlobal('chrome', fakeBrowser);
vi.stubGlobal('browser', fakeBrowser);
const { getMessage } = await import('../utils/i18n/messages');
const { resetUiLanguage } = await import('../utils/i18n/runtime');
const { localeMessages } = await import('./support/messages');

// The fake browser has no i18n: give it the English messages the build makes from locales/en.yml,
// read with the browser's rules (parsed once for the whole run by tests/global-setup.ts), and a
// British English browser's language (24-hour times, as in most of our agents' countries; tests
// that need another locale set their own).
const english = localeMessages('en');

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.i18n.getMessage = ((name: string, substitutions?: string | string[]) =>
    getMessage(
      english,
      name,
      substitutions === undefined ? [] : [substitutions].flat(),
    )) as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => 'en-GB';
  resetUiLanguage();
});
