/**
 * What the agent is told when the browser's storage fails (IndexedDB, `storage.session`): a quota
 * reached, a database that cannot open, a write the browser refused. Callers catch the failure,
 * carry on with what still works, and show this as a notice.
 */

import { t } from '../i18n/runtime';

/** The browser has no room left for the extension's data (every engine's name for it). */
export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  return (
    name === 'QuotaExceededError' ||
    name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    /quota/i.test(message) ||
    // A transaction aborted by a quota error carries it as its `error`.
    (error instanceof Object &&
      'error' in error &&
      isQuotaError((error as { error: unknown }).error))
  );
}

/** `what`: what could not be done, as a sentence start ("Could not save the call history"). */
export function storageFailureMessage(what: string, error: unknown): string {
  if (isQuotaError(error)) return t('storage.full', { what });
  const detail = error instanceof Error ? error.message : String(error);
  return t('storage.failed', { what, detail: detail || t('storage.noReason') });
}
