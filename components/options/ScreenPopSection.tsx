/**
 * Screen-pop rules (first match wins, DESIGN.md "Screen-pop") and the extra origins a rendered
 * URL may point to.
 */
import type { ScreenPopRule } from '../../utils/settings/schema';
import { CellInput, CellSelect, RemoveCell } from './cells';
import { FieldNotes, ListField } from './fields';
import { fieldMeta, type SettingsForm } from './form';

const PATH = 'screenPop.rules';

/** A fresh rule with an id not yet taken, so that adding twice gives two valid ids. */
function newRule(rules: readonly ScreenPopRule[]): ScreenPopRule {
  const taken = new Set(rules.map((r) => r.id));
  let n = rules.length + 1;
  while (taken.has(`rule-${n}`)) n++;
  return { id: `rule-${n}`, trigger: 'ringing', direction: 'inbound', url: '', target: 'newTab' };
}

export function ScreenPopSection({ form }: { form: SettingsForm }) {
  const rules = form.draft.screenPop.rules;
  const meta = fieldMeta(form, PATH, { exact: true });
  const disabled = meta.locked || form.busy;
  return (
    <section class="sb-section" aria-labelledby="opt-pop-title">
      <h2 id="opt-pop-title">Screen-pop</h2>
      <div class="sb-field">
        <h3 class="sb-label" id="opt-rules-title">
          Rules
        </h3>
        <p class="sb-muted">
          The first matching rule opens its URL once per call. Variables: {'{e164}'}, {'{national}'}
          , {'{digits}'}, {'{extension}'}, {'{name}'}, {'{queue}'}, {'{callId}'}, {'{direction}'},{' '}
          {'{data.KEY}'}.
        </p>
        {rules.length > 0 && (
          <div class="sb-table-scroll">
            <table
              class="sb-table"
              aria-labelledby="opt-rules-title"
              aria-describedby={meta.describedBy}
            >
              <thead>
                <tr>
                  <th scope="col">ID</th>
                  <th scope="col">When</th>
                  <th scope="col">Direction</th>
                  <th scope="col">Queue</th>
                  <th scope="col">URL template</th>
                  <th scope="col">Opens in</th>
                  <th scope="col">
                    <span class="sb-visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rules.map((_, i) => {
                  const at = (key: string) => `${PATH}.${i}.${key}`;
                  const n = i + 1;
                  const common = { form, disabled };
                  return (
                    <tr key={i}>
                      <CellInput {...common} path={at('id')} label={`Rule ID ${n}`} />
                      <CellSelect
                        {...common}
                        path={at('trigger')}
                        label={`When ${n}`}
                        options={['ringing', 'answered', 'manual']}
                      />
                      <CellSelect
                        {...common}
                        path={at('direction')}
                        label={`Direction ${n}`}
                        options={['inbound', 'outbound', 'any']}
                      />
                      <CellInput
                        {...common}
                        path={at('queue')}
                        label={`Queue ${n}`}
                        placeholder="any"
                        optional
                      />
                      <CellInput
                        {...common}
                        path={at('url')}
                        label={`URL template ${n}`}
                        placeholder="https://crm.example.com/search?q={e164}"
                      />
                      <CellSelect
                        {...common}
                        path={at('target')}
                        label={`Opens in ${n}`}
                        options={['newTab', 'reuseTab', 'window']}
                      />
                      <RemoveCell
                        label={`Remove rule ${n}`}
                        disabled={disabled}
                        onRemove={() =>
                          form.set(
                            PATH,
                            rules.filter((__, j) => j !== i),
                          )
                        }
                      />
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <FieldNotes meta={meta} />
        <div>
          <button
            type="button"
            disabled={disabled}
            onClick={() => form.set(PATH, [...rules, newRule(rules)])}
          >
            Add rule
          </button>
        </div>
      </div>
      <ListField
        form={form}
        path="screenPop.allowedOrigins"
        label="Allowed origins"
        hint="One per line (https://crm.example.com): extra origins a rule's URL may open, beyond the template's own."
      />
    </section>
  );
}
