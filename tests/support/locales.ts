/**
 * The interface's messages as the build makes them: each locales/<lang>.yml through
 * @wxt-dev/i18n's own generator, into the messages.json the browser reads. Unit tests read text
 * from them without a browser.
 */
import { join } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import type { Language } from '../../utils/i18n/languages';
import {
  prepareMessages,
  type MessagesJson,
  type PreparedMessages,
} from '../../utils/i18n/messages';

export const LOCALES_DIR = join(__dirname, '..', '..', 'locales');

/** `_locales/<language>/messages.json` as the build writes it. */
export async function messagesJson(language: Language): Promise<MessagesJson> {
  const parsed = await parseMessagesFile(join(LOCALES_DIR, `${language}.yml`));
  return generateChromeMessages(parsed) as MessagesJson;
}

export async function preparedMessages(language: Language): Promise<PreparedMessages> {
  return prepareMessages(await messagesJson(language));
}
