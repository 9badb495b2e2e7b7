/** The contract between the options page and its sections: the draft and how to change it. */
import type { Settings } from '../../utils/settings/schema';
import { isLocked } from '../../utils/settings/policy';
import { errorsAt, getAt, type FieldErrors } from '../../utils/ui/settings-form';

export interface SettingsForm {
  /** What the form shows; may hold invalid values until the agent saves. */
  draft: Settings;
  locked: readonly string[];
  errors: FieldErrors;
  /** True while saving: every control is disabled. */
  busy: boolean;
  set(path: string, value: unknown): void;
}

export interface FieldMeta {
  id: string;
  value: unknown;
  locked: boolean;
  errors: string[];
  /** Ids for aria-describedby: the "managed" note, the hint and the errors. */
  describedBy: string | undefined;
}

/**
 * `exact`: only messages about the value itself, for tables whose cells show their own.
 */
export function fieldMeta(
  form: SettingsForm,
  path: string,
  options: { hint?: boolean; exact?: boolean } = {},
): FieldMeta {
  const id = `opt-${path.replace(/\./g, '-')}`;
  const locked = isLocked(form.locked, path);
  const own = form.errors[path];
  const errors = options.exact ? (own ? [own] : []) : errorsAt(form.errors, path);
  const ids = [
    locked ? `${id}-managed` : undefined,
    options.hint ? `${id}-hint` : undefined,
    errors.length ? `${id}-error` : undefined,
  ].filter(Boolean);
  return {
    id,
    value: getAt(form.draft, path),
    locked,
    errors,
    describedBy: ids.join(' ') || undefined,
  };
}
