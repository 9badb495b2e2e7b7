/**
 * An extension page in the interface's language: `<html lang dir>` (right to left for Arabic,
 * which mirrors the layout: the pages' CSS uses logical properties) and the title, now and after
 * every change of language.
 */
import type { GeneratedI18nStructure } from '#i18n';
import { direction, locale, onUiLanguageChange, t } from './runtime';

/** A message without substitutions: what a page title can be. */
type TitleKey = {
  [K in keyof GeneratedI18nStructure]: GeneratedI18nStructure[K] extends {
    substitutions: 0;
    plural: false;
    namedSubstitutions?: never;
  }
    ? K
    : never;
}[keyof GeneratedI18nStructure];

export function followUiLanguage(doc: Document, titleKey: TitleKey): () => void {
  const apply = () => {
    doc.documentElement.lang = locale();
    doc.documentElement.dir = direction();
    doc.title = (t as (key: string) => string)(titleKey);
  };
  apply();
  return onUiLanguageChange(apply);
}
