/** The settings uContact's commands use (settings.ts `connection.ucontact`, and two shared). */
import type { DialFormat } from '../../../phone/format';

export interface CommandConfig {
  campaign: string;
  context: string;
  callerId: string;
  dialFormat: DialFormat;
  defaultCountry: string | undefined;
  /** The dialer `data` key a scheduled call's note goes under; empty: the note is not sent. */
  callbackNoteParam: string;
  /** TagRecord's `phone`: the customer's number or the agent's extension (actions.ts). */
  tagRecordPhone: 'customer' | 'agent';
}
