/** Wrap-up rules and the disposition codes for vendors without their own list. */
import { CheckboxField } from './fields';
import type { SettingsForm } from './form';
import { SettingsSection } from './SettingsSection';
import { SettingsTable, type Column } from './SettingsTable';
import { t } from '../../utils/i18n/runtime';

const columns = (): readonly Column[] => [
  { key: 'code', header: t('dispositionsSection.code') },
  { key: 'label', header: t('dispositionsSection.label') },
];

export function DispositionsSection({ form }: { form: SettingsForm }) {
  return (
    <SettingsSection titleId="opt-dispo-title" title={t('dispositionsSection.title')}>
      <CheckboxField
        form={form}
        path="dispositions.required"
        label={t('dispositionsSection.required')}
      />
      <SettingsTable
        form={form}
        path="dispositions.codes"
        titleId="opt-codes-title"
        title={t('dispositionsSection.codes')}
        description={t('dispositionsSection.codesHint')}
        items={form.draft.dispositions.codes}
        columns={columns()}
        itemName="code"
        newItem={() => ({ code: '', label: '' })}
      />
    </SettingsSection>
  );
}
