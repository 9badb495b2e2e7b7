/** The vendor and its connection settings (server URL, dial plan…), as the schema declares them. */
import { connectionText, vendorChoices } from '../../utils/ui/labels';
import { connectionFields } from '../../utils/ui/schema-fields';
import { CheckboxField, FieldNotes, ListField, SelectField, TextField } from './fields';
import { fieldMeta, type SettingsForm } from './form';
import { SettingsSection } from './SettingsSection';
import { t } from '../../utils/i18n/runtime';

export function ConnectionSection({ form }: { form: SettingsForm }) {
  const vendor = form.draft.vendor;
  const fields = connectionFields(vendor);
  const vendorMeta = fieldMeta(form, 'vendor');
  return (
    <SettingsSection titleId="opt-connection-title" title={t('connectionSection.title')}>
      <div class="sb-field">
        <label for={vendorMeta.id}>{t('connectionSection.vendor')}</label>
        <select
          id={vendorMeta.id}
          value={vendor}
          disabled={vendorMeta.locked || form.busy}
          aria-describedby={vendorMeta.describedBy}
          onChange={(e) => form.set('vendor', e.currentTarget.value)}
        >
          {vendorChoices().map(({ id, label }) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
        <FieldNotes meta={vendorMeta} />
      </div>
      {fields.map(({ key, field }) => {
        const path = `connection.${vendor}.${key}`;
        const text = connectionText(vendor, key);
        const props = { form, path, label: text.label, hint: text.hint };
        switch (field.kind) {
          case 'enum':
            return (
              <SelectField
                key={path}
                {...props}
                options={field.options}
                optionLabels={text.options}
              />
            );
          case 'boolean':
            return <CheckboxField key={path} {...props} />;
          case 'list':
            return <ListField key={path} {...props} />;
          default:
            return <TextField key={path} {...props} inputMode={text.inputMode ?? 'text'} />;
        }
      })}
    </SettingsSection>
  );
}
