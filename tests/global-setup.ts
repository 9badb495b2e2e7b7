/**
 * Vitest's global setup: reads every locales/<language>.yml once, in the main process, and hands
 * the messages.json the build makes from it to the test files (`inject('localeMessages')`).
 * Parsing them in each file's setup cost about a second per file, the largest part of the unit
 * suite's time.
 */
import type { TestProject } from 'vitest/node';
import { LANGUAGES, type Language } from '../utils/i18n/languages';
import type { MessagesJson } from '../utils/i18n/messages';
import { messagesJson } from './support/locales';

declare module 'vitest' {
  export interface ProvidedContext {
    localeMessages: Record<Language, MessagesJson>;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const entries = await Promise.all(
    LANGUAGES.map(async (language) => [language, await messagesJson(language)] as const),
  );
  project.provide('localeMessages', Object.fromEntries(entries) as Record<Language, MessagesJson>);
}
