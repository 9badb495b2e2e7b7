import { t } from '../utils/i18n/runtime';

/** The end of a small form under the controls: its submit button and Close. */
export function FormButtons({
  submitText,
  pending,
  onClose,
}: {
  submitText: string;
  /** A command is in flight: the submit button waits. */
  pending: boolean;
  onClose(): void;
}) {
  return (
    <div class="sb-row">
      <button type="submit" class="sb-primary" disabled={pending}>
        {submitText}
      </button>
      <button type="button" onClick={onClose}>
        {t('common.close')}
      </button>
    </div>
  );
}
