/**
 * Inputs inside the options tables (screen-pop rules, disposition codes). Each cell is named for
 * its column and row ("URL template 2") since a table cell has no visible label of its own.
 */
import { FieldNotes } from './fields';
import { fieldMeta, type SettingsForm } from './form';
import { optionText } from '../../utils/ui/labels';
import { t } from '../../utils/i18n/runtime';

export interface CellProps {
  form: SettingsForm;
  path: string;
  /** Accessible name. */
  label: string;
  disabled: boolean;
}

const noteMeta = (form: SettingsForm, path: string) => {
  // The table says once that it is managed; cells only carry their own errors.
  const meta = fieldMeta(form, path);
  return {
    ...meta,
    locked: false,
    describedBy: meta.errors.length ? `${meta.id}-error` : undefined,
  };
};

export function CellInput({
  form,
  path,
  label,
  disabled,
  optional,
  placeholder,
}: CellProps & { optional?: boolean; placeholder?: string }) {
  const meta = noteMeta(form, path);
  return (
    <td>
      <input
        id={meta.id}
        type="text"
        spellcheck={false}
        aria-label={label}
        placeholder={placeholder}
        value={typeof meta.value === 'string' ? meta.value : ''}
        disabled={disabled}
        aria-invalid={meta.errors.length > 0 || undefined}
        aria-describedby={meta.describedBy}
        // An optional value left empty is absent, not "" (an empty queue pattern matches nothing).
        onInput={(e) =>
          form.set(path, optional && !e.currentTarget.value ? undefined : e.currentTarget.value)
        }
      />
      <FieldNotes meta={meta} />
    </td>
  );
}

export function CellSelect({
  form,
  path,
  label,
  disabled,
  options,
}: CellProps & { options: readonly string[] }) {
  const meta = noteMeta(form, path);
  return (
    <td>
      <select
        id={meta.id}
        aria-label={label}
        value={String(meta.value ?? '')}
        disabled={disabled}
        aria-invalid={meta.errors.length > 0 || undefined}
        aria-describedby={meta.describedBy}
        onChange={(e) => form.set(path, e.currentTarget.value)}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {optionText(o)}
          </option>
        ))}
      </select>
      <FieldNotes meta={meta} />
    </td>
  );
}

export function RemoveCell({
  label,
  disabled,
  onRemove,
}: {
  label: string;
  disabled: boolean;
  onRemove(): void;
}) {
  return (
    <td>
      <button
        type="button"
        class="sb-small"
        aria-label={label}
        disabled={disabled}
        onClick={onRemove}
      >
        {t('settingsTable.remove')}
      </button>
    </td>
  );
}
