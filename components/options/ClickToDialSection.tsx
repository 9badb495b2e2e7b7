/** Where and how numbers on web pages become clickable. */
import { CheckboxField, ListField, SelectField, TextField } from './fields';
import type { SettingsForm } from './form';

export function ClickToDialSection({ form }: { form: SettingsForm }) {
  const mode = form.draft.clickToDial.sites.mode;
  return (
    <section class="sb-section" aria-labelledby="opt-ctd-title">
      <h2 id="opt-ctd-title">Click-to-dial</h2>
      <CheckboxField
        form={form}
        path="clickToDial.enabled"
        label="Make phone numbers on web pages clickable"
      />
      <TextField
        form={form}
        path="clickToDial.defaultCountry"
        label="Default country"
        hint="Two-letter ISO code (US, FR, GB…) for numbers written without a country code."
      />
      <SelectField
        form={form}
        path="clickToDial.sites.mode"
        label="Sites"
        options={['all', 'allow', 'block']}
      />
      <ListField
        form={form}
        path="clickToDial.sites.patterns"
        label={mode === 'block' ? 'Sites to skip' : 'Site patterns'}
        hint="One per line: a host name (crm.example.com) or a match pattern (https://*.example.com/*)."
        placeholder="https://*.example.com/*"
      />
      <CheckboxField
        form={form}
        path="clickToDial.confirmInternational"
        label="Ask before calling a number in another country"
      />
      <ListField
        form={form}
        path="clickToDial.blockedPrefixes"
        label="Blocked prefixes"
        hint="One E.164 prefix per line (+1900): numbers starting with it are never dialled."
        placeholder="+1900"
      />
    </section>
  );
}
