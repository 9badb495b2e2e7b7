/** How long this browser keeps the agent's call history, and how many calls at most. */
import { t } from '../../utils/i18n/runtime';
import { HISTORY_TEXT as TEXT, type SettingText } from '../../utils/ui/labels';
import { FieldNotes } from './fields';
import { fieldMeta, type SettingsForm } from './form';
import { SettingsSection } from './SettingsSection';

/** A whole number; what is not one stays as typed, for the schema to say why. */
function NumberField({
  form,
  path,
  text,
}: {
  form: SettingsForm;
  path: string;
  text: SettingText;
}) {
  const meta = fieldMeta(form, path, { hint: Boolean(text.hint) });
  return (
    <div class="sb-field">
      <label for={meta.id}>{text.label}</label>
      <input
        id={meta.id}
        type="number"
        inputMode="numeric"
        step={1}
        value={typeof meta.value === 'number' || typeof meta.value === 'string' ? meta.value : ''}
        disabled={meta.locked || form.busy}
        aria-invalid={meta.errors.length > 0 || undefined}
        aria-describedby={meta.describedBy}
        onInput={(e) => {
          const typed = e.currentTarget.value;
          form.set(
            path,
            typed.trim() !== '' && Number.isFinite(Number(typed)) ? Number(typed) : typed,
          );
        }}
      />
      <FieldNotes meta={meta} hint={text.hint} />
    </div>
  );
}

export function HistorySection({ form }: { form: SettingsForm }) {
  return (
    <SettingsSection titleId="opt-history-title" title={t('historySection.title')}>
      <NumberField form={form} path="history.retentionDays" text={TEXT.retentionDays()} />
      <NumberField form={form} path="history.maxEntries" text={TEXT.maxEntries()} />
    </SettingsSection>
  );
}
