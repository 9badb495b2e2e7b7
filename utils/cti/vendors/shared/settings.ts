/**
 * Building blocks of the vendors' connection settings (each vendor's `settings.ts`): the same
 * rule and the same message wherever two vendors ask for the same kind of value.
 */
import { z } from 'zod';
import { DIAL_FORMATS, type DialFormat } from '../../../phone/format';
import type { ConnectionFieldText } from '../../vendor';

/** An http(s) base URL, or '' while unset. */
export const httpUrl = z
  .string()
  .trim()
  .refine((s) => s === '' || /^https?:\/\/[^\s/]+/i.test(s), 'Enter a URL starting with https://');

/** The Switchboard relay's base URL: http(s) or ws(s), or '' while unset. */
export const relayUrl = z
  .string()
  .trim()
  .refine(
    (s) => s === '' || /^(https?|wss?):\/\/[^\s/]+/i.test(s),
    'Enter a URL starting with https://',
  )
  .default('');

/** How numbers are written in the vendor's dial requests; PBX dial plans differ. */
export const dialFormat = (fallback: DialFormat) => z.enum(DIAL_FORMATS).default(fallback);

/** Prepended to every dialled external number (an outside-line digit such as 0 or 9). */
export const dialPrefix = z
  .string()
  .regex(/^[0-9*#]*$/, 'Digits, * and # only')
  .max(8)
  .default('');

/** A short free-text identifier (ids, names, keys) with a length bound. */
export const text = (max: number, fallback = '') => z.string().trim().max(max).default(fallback);

/** The dial-format setting's text; `policy` names the vendor's default and examples. */
export const dialFormatText = (policy: string): ConnectionFieldText => ({
  label: 'Dial format',
  hint: 'How numbers are written when dialling: PBX dial plans differ.',
  policy,
});

/** The outside-line prefix setting's text; `examples` such as "0 or 9". */
export const dialPrefixText = (examples: string): ConnectionFieldText => ({
  label: 'Outside-line prefix',
  hint: 'Prepended to every external number, such as 0 or 9.',
  policy: `Prepended to every dialled external number, such as an outside-line ${examples} (digits, * and #, at most 8).`,
});

/** The relay URL setting's text; `policy` adds what the relay carries for this vendor. */
export const relayUrlText = (policy: string): ConnectionFieldText => ({
  label: 'Relay',
  hint: 'Base URL of the Switchboard relay, e.g. https://relay.example.com',
  policy,
  signIn: { placeholder: 'https://relay.example.com' },
  inputMode: 'url',
});

/** The vendor server's base URL setting, shown at sign-in with `example` as its placeholder. */
export const serverUrlText = (
  example: string,
  hint: string,
  policy: string,
): ConnectionFieldText => ({
  label: 'Server',
  hint,
  policy,
  signIn: { placeholder: example },
  inputMode: 'url',
});
