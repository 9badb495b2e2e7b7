/**
 * MaxContact's connection settings (`connection.maxcontact`, vendors/README.md §3), with their
 * labels and their policy descriptions.
 */
import { z } from 'zod';
import { defineConnection } from '../../vendor';
import * as shared from '../shared/settings';
import { ASSUMED_PATHS, pathTemplate } from './paths';

/** Where a path template setting's policy text points admins. */
const PATH_POLICY =
  'A path under /webservices/services/telephony/ with {user} (the agent’s UserID), {call} (the call) and {target} (the user the call goes to) filled in. MaxContact does not publish this URL: check it with MaxContact.';

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
  // Assumed (vendors/README.md §3.4): the URLs of the requests MaxContact v1.8 lists without
  // giving them (paths.ts).
  notReadyPath: pathTemplate(ASSUMED_PATHS.notReadyPath, ['user']),
  breakPath: pathTemplate(ASSUMED_PATHS.breakPath, ['user']),
  logoutPath: pathTemplate(ASSUMED_PATHS.logoutPath, ['user']),
  transferToUserPath: pathTemplate(ASSUMED_PATHS.transferToUserPath, ['user', 'call', 'target']),
  completeTransferPath: pathTemplate(ASSUMED_PATHS.completeTransferPath, ['user', 'call'], true),
  // Assumed: the field of a `leadphones` entry that `changelead` takes (the documented Lead Phone
  // entity has no id, §3.4).
  leadPhoneIdField: z
    .string()
    .trim()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'Enter a field name (letters, digits and _)')
    .default('LeadPhoneID'),
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
    notReadyPath: {
      label: 'Not-ready request',
      hint: 'Path of MaxContact’s “Go Not Ready”, e.g. gonotready/user/{user}.',
      policy: `Path of MaxContact’s “Go Not Ready” request (default gonotready/user/{user}). ${PATH_POLICY}`,
    },
    breakPath: {
      label: 'Break request',
      hint: 'Path of MaxContact’s “Request Break”, e.g. requestbreak/user/{user}.',
      policy: `Path of MaxContact’s “Request Break” request, sent for the Break pause reason (default requestbreak/user/{user}). ${PATH_POLICY}`,
    },
    logoutPath: {
      label: 'Log-out request',
      hint: 'Path of MaxContact’s “Log Out”, e.g. logout/user/{user}.',
      policy: `Path of MaxContact’s “Log Out” request (default logout/user/{user}). ${PATH_POLICY}`,
    },
    transferToUserPath: {
      label: 'Transfer-to-user request',
      hint: 'Path of MaxContact’s “Transfer To User”, with {call} and {target}.',
      policy: `Path of MaxContact’s “Transfer To User” request, used to transfer a call to a colleague chosen in the directory (default transfertouser/user/{user}/call/{call}/touser/{target}). ${PATH_POLICY}`,
    },
    completeTransferPath: {
      label: 'Complete-transfer request',
      hint: 'Sent after Transfer To User when your MaxContact needs it; empty: not sent.',
      policy: `Path of MaxContact’s “Complete Transfer” request, sent right after “Transfer To User” when the platform needs it, e.g. completetransfer/user/{user}/call/{call} (default empty: not sent). ${PATH_POLICY}`,
    },
    leadPhoneIdField: {
      label: 'Lead phone id field',
      hint: 'The field of a lead phone that “Change Lead Phone” takes.',
      policy:
        'Name of the field holding a lead phone’s id in MaxContact’s leadphones answer, which the “Change Lead Phone” request takes (default LeadPhoneID). MaxContact does not document it: check it with MaxContact.',
    },
  },
});
