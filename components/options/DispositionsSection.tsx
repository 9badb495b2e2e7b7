/** Wrap-up rules and the disposition codes for vendors without their own list. */
import { CheckboxField } from './fields';
import type { SettingsForm } from './form';
import { SettingsSection } from './SettingsSection';
import { SettingsTable, type Column } from './SettingsTable';

const REQUIRED_LABEL = 'Require a disposition before the agent goes ready again';

const COLUMNS: readonly Column[] = [
  { key: 'code', header: 'Code' },
  { key: 'label', header: 'Label' },
];

export function DispositionsSection({ form }: { form: SettingsForm }) {
  return (
    <SettingsSection titleId="opt-dispo-title" title="Dispositions">
      <CheckboxField form={form} path="dispositions.required" label={REQUIRED_LABEL} />
      <SettingsTable
        form={form}
        path="dispositions.codes"
        titleId="opt-codes-title"
        title="Disposition codes"
        description="Used with vendors that have no result codes of their own."
        items={form.draft.dispositions.codes}
        columns={COLUMNS}
        itemName="code"
        newItem={() => ({ code: '', label: '' })}
      />
    </SettingsSection>
  );
}
