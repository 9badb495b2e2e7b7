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
});

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
  },
});
