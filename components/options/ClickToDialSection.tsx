/** Where and how numbers on web pages become clickable. */
import { CLICK_TO_DIAL_TEXT as TEXT } from '../../utils/ui/labels';
import { CheckboxField, ListField, SelectField, TextField } from './fields';
import type { SettingsForm } from './form';

export function ClickToDialSection({ form }: { form: SettingsForm }) {
  const mode = form.draft.clickToDial.sites.mode;
  return (
    <section class="sb-section" aria-labelledby="opt-ctd-title">
      <h2 id="opt-ctd-title">Click-to-dial</h2>
      <CheckboxField form={form} path="clickToDial.enabled" label={TEXT.enabled.label} />
      <TextField
        form={form}
        path="clickToDial.defaultCountry"
        label={TEXT.defaultCountry.label}
        hint={TEXT.defaultCountry.hint}
      />
      <SelectField
        form={form}
        path="clickToDial.sites.mode"
        label={TEXT.sitesMode.label}
        options={['all', 'allow', 'block']}
      />
      <ListField
        form={form}
        path="clickToDial.sites.patterns"
        label={mode === 'block' ? TEXT.sitesToSkip.label : TEXT.sitesPatterns.label}
        hint={TEXT.sitesPatterns.hint}
        placeholder="https://*.example.com/*"
      />
      <CheckboxField
        form={form}
        path="clickToDial.confirmInternational"
        label={TEXT.confirmInternational.label}
      />
      <ListField
        form={form}
        path="clickToDial.blockedPrefixes"
        label={TEXT.blockedPrefixes.label}
        hint={TEXT.blockedPrefixes.hint}
        placeholder="+1900"
      />
      <CheckboxField
        form={form}
        path="clickToDial.telLinks"
        label={TEXT.telLinks.label}
        hint={TEXT.telLinks.hint}
      />
    </section>
  );
}
