/**
 * XiVO's connection settings (`connection.xivo`, vendors/README.md §1), with their labels and
 * their policy descriptions.
 */
import { z } from 'zod';
import { defineConnection } from '../../vendor';
import * as shared from '../shared/settings';

const XivoConnection = z.object({
  /** Base URL of the xuc server, e.g. https://xuc.example.com:8090 */
  server: shared.httpUrl.default(''),
  /** How numbers are written in the dial frame: PBX dial plans differ. */
  dialFormat: shared.dialFormat('e164'),
  /** Prepended to every dialled external number (an outside-line digit such as 0 or 9). */
  dialPrefix: shared.dialPrefix,
  /**
   * The time zone of the call history's times (read after an outage): the page does not say
   * which zone xuc writes them in; assumed the server's. '' = this browser's.
   */
  historyTimeZone: z
    .string()
    .trim()
    .max(64)
    .refine(isTimeZone, 'Enter a time zone such as Europe/Paris, or leave it empty')
    .default(''),
});

function isTimeZone(value: string): boolean {
  if (value === '') return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const xivoConnection = defineConnection({
  schema: XivoConnection,
  policy: 'XiVO CC (xuc CTI server) connection.',
  fields: {
    server: shared.serverUrlText(
      'https://xuc.example.com:8090',
      'Base URL of the server, e.g. https://xuc.example.com:8090',
      'Base URL of the xuc server, e.g. https://xuc.example.com:8090',
    ),
    dialFormat: shared.dialFormatText(
      'How numbers are written in dial requests, to suit the PBX dial plan: e164 (+33123456789), national (0123456789) or digits (33123456789).',
    ),
    dialPrefix: shared.dialPrefixText('0 or 9'),
    historyTimeZone: {
      label: 'Call history time zone',
      hint: 'The XiVO server’s time zone, e.g. Europe/Paris; empty: this computer’s.',
      policy:
        'The time zone (IANA name, e.g. Europe/Paris) of the times in XiVO’s call history, read after a lost connection to record the calls missed meanwhile. Empty: the browser’s own.',
    },
  },
});
