/**
 * Why a dial string cannot be dialled (dial-input.ts), in the agent's words and language: one
 * whole sentence per reason (locales/*.yml `dialInput`), the country named by Intl in the
 * interface's locale and the platform by its own name.
 */
import { formatCountry } from '../i18n/format';
import { t } from '../i18n/runtime';
import type { DialInputProblem } from './dial-input';

export interface DialInputTextContext {
  /** The agent's country (ISO 3166 code, "FR"), named in the sentence; none when not known. */
  country?: string | undefined;
  /** The platform's name ("XiVO"). */
  platform: string;
  /** The number was written with its country code. */
  international: boolean;
}

/** The reasons that need nothing but their key. */
const PLAIN = {
  empty: 'dialInput.empty',
  characters: 'dialInput.characters',
  noCountry: 'dialInput.noCountry',
  unknownCountryCode: 'dialInput.unknownCountryCode',
} as const;

/** A number of the wrong length: said of the agent's country, or of an international number. */
const LENGTH = {
  tooShort: { inCountry: 'dialInput.tooShortIn', international: 'dialInput.tooShort' },
  tooLong: { inCountry: 'dialInput.tooLongIn', international: 'dialInput.tooLong' },
  wrongLength: { inCountry: 'dialInput.wrongLengthIn', international: 'dialInput.wrongLength' },
} as const;

/** The sentence for `problem`. */
export function dialInputText(problem: DialInputProblem, context: DialInputTextContext): string {
  switch (problem) {
    case 'serviceCodes':
      return t('dialInput.serviceCodes', { platform: context.platform });
    case 'tooShort':
    case 'tooLong':
    case 'wrongLength': {
      const keys = LENGTH[problem];
      return context.international || !context.country
        ? t(keys.international)
        : t(keys.inCountry, { country: formatCountry(context.country) });
    }
    default:
      return t(PLAIN[problem]);
  }
}
