/**
 * Why a dial string cannot be dialled (dial-input.ts), in the agent's words: one whole sentence
 * per reason, the country and platform names passed in.
 */
import type { DialInputProblem } from './dial-input';

export interface DialInputTextContext {
  /** The agent's country by name, in the panel's language ("France"). */
  countryName?: string | undefined;
  /** The platform's name ("XiVO"). */
  platform: string;
  /** The number was written with its country code. */
  international: boolean;
}

export const DIAL_INPUT_TEXT = {
  empty: 'Enter a number to call',
  characters: 'This is not a phone number: use digits, with spaces or + ( ) - . if you like',
  serviceCodes: (platform: string) => `${platform} cannot dial codes with * or #`,
  noCountry:
    'Choose your country to call a number without its country code, or type the number with + and its country code',
  tooShortIn: (country: string) => `This number is too short for ${country}`,
  tooLongIn: (country: string) => `This number is too long for ${country}`,
  wrongLengthIn: (country: string) =>
    `This number does not have the right number of digits for ${country}`,
  tooShort: 'This international number is too short',
  tooLong: 'This international number is too long',
  wrongLength: 'This international number does not have the right number of digits',
  unknownCountryCode: 'No country has the code this number starts with',
} as const;

/** The sentence for `problem`. */
export function dialInputText(problem: DialInputProblem, context: DialInputTextContext): string {
  const country = context.international ? undefined : context.countryName;
  switch (problem) {
    case 'serviceCodes':
      return DIAL_INPUT_TEXT.serviceCodes(context.platform);
    case 'tooShort':
      return country ? DIAL_INPUT_TEXT.tooShortIn(country) : DIAL_INPUT_TEXT.tooShort;
    case 'tooLong':
      return country ? DIAL_INPUT_TEXT.tooLongIn(country) : DIAL_INPUT_TEXT.tooLong;
    case 'wrongLength':
      return country ? DIAL_INPUT_TEXT.wrongLengthIn(country) : DIAL_INPUT_TEXT.wrongLength;
    default:
      return DIAL_INPUT_TEXT[problem];
  }
}
