/**
 * Labelled controls for one setting each. A setting that policy sets is disabled and says
 * "Managed by your organization" (DESIGN.md "Settings and policy"); validation messages sit
 * under the control and are part of its accessible description.
 */
import { useEffect, useState } from 'preact/hooks';
import { linesToList, sameValue } from '../../utils/ui/settings-form';
import { optionText } from '../../utils/ui/labels';
import { fieldMeta, type FieldMeta, type SettingsForm } from './form';
import { t } from '../../utils/i18n/runtime';

interface BaseProps {
  form: SettingsForm;
  path: string;
  label: string;
  hint?: string;
}

export function FieldNotes({ meta, hint }: { meta: FieldMeta; hint?: string }) {
  return (
    <>
      {meta.locked && (
        <p id={`${meta.id}-managed`} class="sb-managed">
          {t('fields.managed')}
        </p>
      )}
      {hint && (
        <p id={`${meta.id}-hint`} class="sb-muted">
          {hint}
        </p>
      )}
      {meta.errors.length > 0 && (
        <p id={`${meta.id}-error`} class="sb-error">
          {meta.errors.join(' · ')}
        </p>
      )}
    </>
  );
}

export function TextField({
  form,
  path,
  label,
  hint,
  placeholder,
  inputMode,
}: BaseProps & { placeholder?: string; inputMode?: 'url' | 'tel' | 'text' | 'numeric' }) {
  const meta = fieldMeta(form, path, { hint: Boolean(hint) });
  return (
    <div class="sb-field">
      <label for={meta.id}>{label}</label>
      <input
        id={meta.id}
        type="text"
        inputMode={inputMode}
        spellcheck={false}
        placeholder={placeholder}
        value={
          typeof meta.value === 'string' || typeof meta.value === 'number' ? String(meta.value) : ''
        }
        disabled={meta.locked || form.busy}
        aria-invalid={meta.errors.length > 0 || undefined}
        aria-describedby={meta.describedBy}
        onInput={(e) => form.set(path, e.currentTarget.value)}
      />
      <FieldNotes meta={meta} hint={hint} />
    </div>
  );
}

export function SelectField({
  form,
  path,
  label,
  hint,
  options,
  optionLabels,
}: BaseProps & {
  options: readonly string[];
  /** The setting's own words for its values; others come from `optionText`. */
  optionLabels?: Readonly<Record<string, string>>;
}) {
  const meta = fieldMeta(form, path, { hint: Boolean(hint) });
  return (
    <div class="sb-field">
      <label for={meta.id}>{label}</label>
      <select
        id={meta.id}
        value={String(meta.value ?? '')}
        disabled={meta.locked || form.busy}
        aria-invalid={meta.errors.length > 0 || undefined}
        aria-describedby={meta.describedBy}
        onChange={(e) => form.set(path, e.currentTarget.value)}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabels?.[o] ?? optionText(o)}
          </option>
        ))}
      </select>
      <FieldNotes meta={meta} hint={hint} />
    </div>
  );
}

export function CheckboxField({ form, path, label, hint }: BaseProps) {
  const meta = fieldMeta(form, path, { hint: Boolean(hint) });
  return (
    <div class="sb-field sb-check">
      <div class="sb-row">
        <input
          id={meta.id}
          type="checkbox"
          checked={meta.value === true}
          disabled={meta.locked || form.busy}
          aria-describedby={meta.describedBy}
          onChange={(e) => form.set(path, e.currentTarget.checked)}
        />
        <label for={meta.id}>{label}</label>
      </div>
      <FieldNotes meta={meta} hint={hint} />
    </div>
  );
}

/**
 * A list of strings edited as lines of text. The text is kept as typed (blank lines included)
 * so that Enter does not get swallowed; the setting receives the non-empty lines.
 */
export function ListField({
  form,
  path,
  label,
  hint,
  placeholder,
}: BaseProps & { placeholder?: string }) {
  const meta = fieldMeta(form, path, { hint: Boolean(hint) });
  const list = Array.isArray(meta.value) ? meta.value.map(String) : [];
  const [text, setText] = useState(() => list.join('\n'));
  // Follow changes made elsewhere (policy, a reload after saving) that the text does not show.
  // Keyed on the serialized list: a new array with the same lines must not reset the text.
  useEffect(() => {
    if (!sameValue(linesToList(text), list)) setText(list.join('\n'));
  }, [JSON.stringify(list)]);
  return (
    <div class="sb-field">
      <label for={meta.id}>{label}</label>
      <textarea
        id={meta.id}
        rows={4}
        spellcheck={false}
        placeholder={placeholder}
        value={text}
        disabled={meta.locked || form.busy}
        aria-invalid={meta.errors.length > 0 || undefined}
        aria-describedby={meta.describedBy}
        onInput={(e) => {
          setText(e.currentTarget.value);
          form.set(path, linesToList(e.currentTarget.value));
        }}
      />
      <FieldNotes meta={meta} hint={hint} />
    </div>
  );
}
