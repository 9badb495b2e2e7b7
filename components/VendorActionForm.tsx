/**
 * One of the vendor's own actions (features.ts `VendorAction`) as a small form: its fields (text,
 * number, a choice, a date and time) and its submit button, sending `vendorAction` with the values
 * as strings (a date and time as epoch milliseconds). The adapter checks them again.
 */
import { useState } from 'preact/hooks';
import type { VendorAction } from '../utils/cti/features';
import { safeId } from '../utils/ui/agent-tools';
import type { PanelConnector } from '../utils/ui/connector';
import { fromLocalInput } from '../utils/ui/datetime';
import { ErrorAlert } from './ErrorAlert';
import { FormButtons } from './FormButtons';
import { useAction } from './hooks';
import { t } from '../utils/i18n/runtime';

type Field = VendorAction['fields'][number];

interface Props {
  id: string;
  action: VendorAction;
  /** The call it acts on, for a call's action. */
  callId?: string;
  connector: PanelConnector;
  onDone(): void;
}

/** The values to send, or what the agent must correct first. */
export function actionValues(
  fields: readonly Field[],
  typed: Readonly<Record<string, string>>,
): Record<string, string> | string {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const value = (typed[field.key] ?? '').trim();
    if (!value) {
      if (field.required) return t('vendorAction.fillIn', { label: field.label });
      continue;
    }
    if (field.kind === 'number' && !Number.isFinite(Number(value)))
      return t('vendorAction.notNumber', { label: field.label });
    if (field.kind === 'datetime') {
      const at = fromLocalInput(value);
      if (at === undefined) return t('vendorAction.notDateTime', { label: field.label });
      values[field.key] = String(at);
      continue;
    }
    values[field.key] = value;
  }
  return values;
}

function FieldInput({
  id,
  field,
  value,
  onValue,
}: {
  id: string;
  field: Field;
  value: string;
  onValue(value: string): void;
}) {
  const common = { id, required: field.required, value };
  switch (field.kind) {
    case 'choice':
      return (
        <select {...common} onChange={(e) => onValue(e.currentTarget.value)}>
          <option value="">{t('common.choose')}</option>
          {(field.options ?? []).map((o) => (
            <option key={o.code} value={o.code}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case 'datetime':
      return (
        <input {...common} type="datetime-local" onInput={(e) => onValue(e.currentTarget.value)} />
      );
    case 'number':
      return (
        <input
          {...common}
          type="text"
          inputMode="decimal"
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      );
    case 'text':
      return (
        <input
          {...common}
          type="text"
          maxLength={field.max ?? 4000}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      );
  }
}

export function VendorActionForm({ id, action: vendorAction, callId, connector, onDone }: Props) {
  const [typed, setTyped] = useState<Record<string, string>>({});
  const action = useAction(connector);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const values = actionValues(vendorAction.fields, typed);
    if (typeof values === 'string') {
      action.setError(values);
      return;
    }
    const reply = await action.run({
      type: 'panel/command',
      command: {
        type: 'vendorAction',
        action: vendorAction.id,
        ...(callId ? { callId } : {}),
        values,
      },
    });
    if (reply.ok) onDone();
  };
  return (
    <form id={id} class="sb-subform" onSubmit={onSubmit} aria-label={vendorAction.label} noValidate>
      {vendorAction.hint && <p class="sb-muted">{vendorAction.hint}</p>}
      {vendorAction.fields.map((field) => (
        <div class="sb-field" key={field.key}>
          <label for={`${id}-${safeId(field.key)}`}>
            {field.required ? field.label : t('common.optionalField', { label: field.label })}
          </label>
          <FieldInput
            id={`${id}-${safeId(field.key)}`}
            field={field}
            value={typed[field.key] ?? ''}
            onValue={(value) => setTyped({ ...typed, [field.key]: value })}
          />
        </div>
      ))}
      <ErrorAlert message={action.error} />
      <FormButtons
        submitText={vendorAction.submit ?? vendorAction.label}
        pending={action.pending}
        onClose={onDone}
      />
    </form>
  );
}
