/**
 * What the sign-in form says: its own words, and one whole sentence for each kind of sign-in
 * failure (ConnectFailure, utils/cti/model.ts; how they are told apart: docs/architecture.md,
 * "Sign-in failures"). `{vendor}` is the phone system's name as agents know it, `{detail}` the
 * technical reason the vendor or the browser gave.
 */
import type { ConnectFailure } from '../utils/cti/model';

export const SIGN_IN_TEXT = {
  title: 'Sign in to {vendor}',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  connecting: 'Connecting…',
  cancel: 'Cancel',
  details: 'Details',
} as const;

export const SIGN_IN_FAILURE_TEXT: Record<ConnectFailure, string> = {
  unreachable:
    'Nothing answers at this server address. Check the address and its port number, or ask your administrator whether {vendor} is running.',
  dns: 'This server name does not exist. Check the server address for a typing mistake.',
  tls: 'The server’s security certificate is not valid or not trusted. Check the server address (https or http), or ask your administrator.',
  notFound:
    'A server answers at this address, but it is not {vendor}. Check the whole server address, including any path after the server name.',
  origin:
    'Switchboard is not allowed to reach this server. Allow the extension on this site in the browser’s extension settings, or ask your administrator.',
  credentials:
    '{vendor} did not accept these sign-in details. Check them, then enter your password again.',
  timeout:
    '{vendor} did not answer in time. Check the server address and your network connection, then try again.',
  config: 'The connection settings cannot work: {detail}.',
  refused: '{vendor} refused the sign-in: {detail}.',
  network:
    'Could not reach {vendor}. Check the server address and your network connection, then try again.',
};

/** `text` with its `{name}` placeholders filled in. */
export function fillIn(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The sentence for a sign-in that failed this way. */
export function signInFailureText(
  failure: ConnectFailure,
  values: { vendor: string; detail: string },
): string {
  return fillIn(SIGN_IN_FAILURE_TEXT[failure], {
    ...values,
    detail: values.detail.replace(/\.$/, ''),
  });
}
