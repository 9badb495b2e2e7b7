/**
 * The disposition's code and notes, shared by the wrap-up form and the outbox's correction form:
 * a choice among the codes on offer (or a typed code where there is no list) and free notes.
 */
import type { CodeLabel } from '../utils/cti/model';
import { t } from '../utils/i18n/runtime';

interface Props {
  /** The fields' ids start with it. */
  base: string;
  codes: readonly CodeLabel[];
  code: string;
  onCode(code: string): void;
  notes: string;
  onNotes(notes: string): void;
  /** The notes box's height in lines. */
  rows?: number;
}

export function DispositionFields({ base, codes, code, onCode, notes, onNotes, rows = 3 }: Props) {
  return (
    <>
      <div class="sb-field">
        <label for={`${base}-code`}>{t('disposition.code')}</label>
        {codes.length > 0 ? (
          <select
            id={`${base}-code`}
            value={code}
            onChange={(e) => onCode(e.currentTarget.value)}
            required
          >
            <option value="">{t('common.choose')}</option>
            {codes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        ) : (
          // Vendors and admins without a code list: the agent types a short code.
          <input
            id={`${base}-code`}
            type="text"
            maxLength={200}
            value={code}
            onInput={(e) => onCode(e.currentTarget.value)}
            required
          />
        )}
      </div>
      <div class="sb-field">
        <label for={`${base}-notes`}>{t('disposition.notes')}</label>
        <textarea
          id={`${base}-notes`}
          rows={rows}
          maxLength={4000}
          value={notes}
          onInput={(e) => onNotes(e.currentTarget.value)}
        />
      </div>
    </>
  );
}
