/**
 * One whole sentence for each kind of sign-in failure (ConnectFailure, utils/cti/model.ts; how
 * they are told apart: docs/architecture.md, "Sign-in failures"), in the interface's language
 * (locales/en.yml `signIn.failure`). `vendor` is the phone system's name as agents know it,
 * `detail` the technical reason the vendor or the browser gave.
 */
import type { ConnectFailure } from '../utils/cti/model';
import { t } from '../utils/i18n/runtime';

/** The sentence for a sign-in that failed this way. */
export function signInFailureText(
  failure: ConnectFailure,
  values: { vendor: string; detail: string },
): string {
  const { vendor } = values;
  // The sentence ends with its own full stop.
  const detail = values.detail.replace(/\.$/, '');
  switch (failure) {
    case 'unreachable':
      return t('signIn.failure.unreachable', { vendor });
    case 'dns':
      return t('signIn.failure.dns');
    case 'tls':
      return t('signIn.failure.tls');
    case 'notFound':
      return t('signIn.failure.notFound', { vendor });
    case 'origin':
      return t('signIn.failure.origin');
    case 'credentials':
      return t('signIn.failure.credentials', { vendor });
    case 'timeout':
      return t('signIn.failure.timeout', { vendor });
    case 'config':
      return t('signIn.failure.config', { detail });
    case 'refused':
      return t('signIn.failure.refused', { vendor, detail });
    case 'network':
      return t('signIn.failure.network', { vendor });
  }
}
