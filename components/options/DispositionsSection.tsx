/** Wrap-up rules and the disposition codes for vendors without their own list. */
import { CellInput, RemoveCell } from './cells';
import { CheckboxField, FieldNotes } from './fields';
import { fieldMeta, type SettingsForm } from './form';

const PATH = 'dispositions.codes';

export function DispositionsSection({ form }: { form: SettingsForm }) {
  const codes = form.draft.dispositions.codes;
  const meta = fieldMeta(form, PATH, { exact: true });
  const disabled = meta.locked || form.busy;
  return (
    <section class="sb-section" aria-labelledby="opt-dispo-title">
      <h2 id="opt-dispo-title">Dispositions</h2>
      <CheckboxField
        form={form}
        path="dispositions.required"
        label="Require a disposition before the agent goes ready again"
      />
      <div class="sb-field">
        <h3 class="sb-label" id="opt-codes-title">
          Disposition codes
        </h3>
        <p class="sb-muted">Used with vendors that have no result codes of their own.</p>
        {codes.length > 0 && (
          <table
            class="sb-table"
            aria-labelledby="opt-codes-title"
            aria-describedby={meta.describedBy}
          >
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Label</th>
                <th scope="col">
                  <span class="sb-visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {codes.map((_, i) => (
                <tr key={i}>
                  <CellInput
                    form={form}
                    path={`${PATH}.${i}.code`}
                    label={`Code ${i + 1}`}
                    disabled={disabled}
                  />
                  <CellInput
                    form={form}
                    path={`${PATH}.${i}.label`}
                    label={`Label ${i + 1}`}
                    disabled={disabled}
                  />
                  <RemoveCell
                    label={`Remove code ${i + 1}`}
                    disabled={disabled}
                    onRemove={() =>
                      form.set(
                        PATH,
                        codes.filter((__, j) => j !== i),
                      )
                    }
                  />
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <FieldNotes meta={meta} />
        <div>
          <button
            type="button"
            disabled={disabled}
            onClick={() => form.set(PATH, [...codes, { code: '', label: '' }])}
          >
            Add code
          </button>
        </div>
      </div>
    </section>
  );
}
