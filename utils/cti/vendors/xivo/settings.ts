/**
 * XiVO's connection settings (`connection.xivo`, vendors/README.md §1), with their labels and
 * their policy descriptions.
 */
import { z } from 'zod';
import { defineConnection } from '../../vendor';
import {
  dialFormat,
  dialFormatText,
  dialPrefix,
  dialPrefixText,
  httpUrl,
  serverUrlText,
} from '../shared/settings';

export const XivoConnection = z.object({
  /** Base URL of the xuc server, e.g. https://xuc.example.com:8090 */
  server: httpUrl.default(''),
  /** How numbers are written in the dial frame: PBX dial plans differ. */
  dialFormat: dialFormat('e164'),
  /** Prepended to every dialled external number (an outside-line digit such as 0 or 9). */
  dialPrefix,
});
export type XivoConnection = z.output<typeof XivoConnection>;

export const xivoConnection = defineConnection({
  schema: XivoConnection,
  policy: 'XiVO CC (xuc CTI server) connection.',
  fields: {
    server: serverUrlText(
      'https://xuc.example.com:8090',
      'Base URL of the server, e.g. https://xuc.example.com:8090',
      'Base URL of the xuc server, e.g. https://xuc.example.com:8090',
    ),
    dialFormat: dialFormatText(
      'How numbers are written in dial requests, to suit the PBX dial plan: e164 (+33123456789), national (0123456789) or digits (33123456789).',
    ),
    dialPrefix: dialPrefixText('0 or 9'),
  },
});
