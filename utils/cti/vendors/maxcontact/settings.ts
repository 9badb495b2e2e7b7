/**
 * MaxContact's connection settings (`connection.maxcontact`, vendors/README.md §3), with their
 * labels and their policy descriptions.
 */
import { z } from 'zod';
import { defineConnection } from '../../vendor';
import * as shared from '../shared/settings';

const MaxContactConnection = z.object({
  /** Base URL of the MaxContact instance, e.g. https://acme.maxcontact.com */
  baseUrl: shared.httpUrl.default(''),
  /** The agent's MaxContact user id, when it differs from the sign-in login. */
  userId: shared.text(100),
  /** How numbers are written in `dial/…/phone/{num}`: the form the dial plan wants is [UNKNOWN] (§3.4). */
  dialFormat: shared.dialFormat('e164'),
  /** `getcalls` interval while a call is live or the panel is open (§3.6: 1–2 s). */
  pollIntervalMs: z.number().int().min(500).max(10_000).default(1000),
  /** `getcalls` interval otherwise; below the 30 s after which Chrome stops an idle worker. */
  idlePollIntervalMs: z.number().int().min(1000).max(20_000).default(5000),
  /** Result code `connectcalls` files both legs of a warm transfer under; empty: the platform's transfer code. */
  transferResultCode: shared.text(100),
});

export const maxcontactConnection = defineConnection({
  schema: MaxContactConnection,
  policy: 'MaxContact Telephony Data Services connection.',
  fields: {
    baseUrl: shared.serverUrlText(
      'https://acme.maxcontact.com',
      'Base URL of your MaxContact instance, e.g. https://acme.maxcontact.com',
      'Base URL of the MaxContact instance, e.g. https://acme.maxcontact.com',
    ),
    // Every method names the agent by a numeric UserID (§3.4); empty means the username is it.
    userId: {
      label: 'MaxContact user ID',
      hint: 'Numeric; needed when it differs from the sign-in login.',
      policy: 'The agent’s MaxContact user id, when it differs from the sign-in login (optional).',
      signIn: { placeholder: 'Same as username' },
      inputMode: 'numeric',
    },
    dialFormat: shared.dialFormatText(
      'How numbers are written in MaxContact dial requests, to match how your leads store them: e164 (+441632960123), national (01632960123) or digits (441632960123).',
    ),
    pollIntervalMs: {
      label: 'Poll interval during calls (ms)',
      hint: 'How often calls are checked while one is live or the panel is open.',
      policy:
        'How often, in milliseconds, Switchboard asks MaxContact for the agent’s calls while a call is live or the panel is open (500 to 10000, default 1000).',
    },
    idlePollIntervalMs: {
      label: 'Poll interval when idle (ms)',
      policy:
        'How often, in milliseconds, Switchboard asks MaxContact for the agent’s calls otherwise (1000 to 20000, default 5000).',
    },
    transferResultCode: {
      label: 'Transfer result code',
      hint: 'Filed on both calls of a warm transfer; empty uses the platform’s first transfer code.',
      policy:
        'Result code filed on both calls of a warm transfer (MaxContact requires one). Leave empty to use the platform’s first transfer result code.',
    },
  },
});
