/**
 * The interface's messages in a unit test, as the build makes them: read once by the global setup
 * (tests/global-setup.ts, through ./locales.ts) and handed to every test file.
 */
import { inject } from 'vitest';
import type { Language } from '../../utils/i18n/languages';
import { prepareMessages, type PreparedMessages } from '../../utils/i18n/messages';

export function localeMessages(language: Language): PreparedMessages {
  return prepareMessages(inject('localeMessages')[language]);
}
