/** Where and how numbers on web pages become clickable. */
import { CLICK_TO_DIAL_TEXT as TEXT, type SettingText } from '../../utils/ui/labels';
import { CheckboxField, ListField, SelectField, TextField } from './fields';
import type { SettingsForm } from './form';
import { SettingsSection } from './SettingsSection';
import { t } from '../../utils/i18n/runtime';

export function ClickToDialSection({ form }: { form: SettingsForm }) {
  const mode = form.draft.clickToDial.sites.mode;
  // Every field here edits a setting under clickToDial, worded in CLICK_TO_DIAL_TEXT.
  const setting = (path: string, text: () => SettingText) => ({
    form,
    path: `clickToDial.${path}`,
    label: text().label,
    hint: text().hint,
  });
  return (
    <SettingsSection titleId="opt-ctd-title" title={t('clickToDialSection.title')}>
      <CheckboxField {...setting('enabled', TEXT.enabled)} />
      <TextField {...setting('defaultCountry', TEXT.defaultCountry)} />
      <SelectField {...setting('sites.mode', TEXT.sitesMode)} options={['all', 'allow', 'block']} />
      <ListField
        {...setting('sites.patterns', TEXT.sitesPatterns)}
        // In block mode the same patterns name the sites to skip.
        label={mode === 'block' ? TEXT.sitesToSkip().label : TEXT.sitesPatterns().label}
        placeholder="https://*.example.com/*"
      />
      <CheckboxField {...setting('confirmInternational', TEXT.confirmInternational)} />
      <ListField {...setting('blockedPrefixes', TEXT.blockedPrefixes)} placeholder="+1900" />
      <CheckboxField {...setting('telLinks', TEXT.telLinks)} />
    </SettingsSection>
  );
}
