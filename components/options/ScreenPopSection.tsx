/**
 * Screen-pop rules (first match wins, DESIGN.md "Screen-pop") and the extra origins a rendered
 * URL may point to.
 */
import type { ScreenPopRule } from '../../utils/settings/schema';
import { ListField } from './fields';
import type { SettingsForm } from './form';
import { SettingsSection } from './SettingsSection';
import { SettingsTable, type Column } from './SettingsTable';
import { t } from '../../utils/i18n/runtime';

const columns = (): readonly Column[] => [
  { key: 'id', header: t('screenPopSection.id'), label: t('screenPopSection.ruleId') },
  {
    key: 'trigger',
    header: t('screenPopSection.when'),
    options: ['ringing', 'answered', 'manual'],
  },
  {
    key: 'direction',
    header: t('screenPopSection.direction'),
    options: ['inbound', 'outbound', 'any'],
  },
  {
    key: 'queue',
    header: t('screenPopSection.queue'),
    placeholder: t('screenPopSection.anyQueue'),
    optional: true,
  },
  {
    key: 'url',
    header: t('screenPopSection.url'),
    placeholder: 'https://crm.example.com/search?q={e164}',
  },
  {
    key: 'target',
    header: t('screenPopSection.target'),
    options: ['newTab', 'reuseTab', 'window'],
  },
];

/** The template variables, as a rule's URL writes them. */
const VARIABLES = [
  '{e164}',
  '{national}',
  '{digits}',
  '{extension}',
  '{name}',
  '{queue}',
  '{callId}',
  '{direction}',
  '{data.KEY}',
];

/** A fresh rule with an id not yet taken, so that adding twice gives two valid ids. */
function newRule(rules: readonly ScreenPopRule[]): ScreenPopRule {
  const taken = new Set(rules.map((r) => r.id));
  let n = rules.length + 1;
  while (taken.has(`rule-${n}`)) n++;
  return { id: `rule-${n}`, trigger: 'ringing', direction: 'inbound', url: '', target: 'newTab' };
}

/** The rules, in the order they are tried. */
function RulesTable({ form }: { form: SettingsForm }) {
  return (
    <SettingsTable
      form={form}
      path="screenPop.rules"
      titleId="opt-rules-title"
      title={t('screenPopSection.rules')}
      description={t('screenPopSection.rulesHint', {
        variables: VARIABLES.join(t('common.listSeparator')),
        vendorUrl: '{vendorUrl}',
      })}
      items={form.draft.screenPop.rules}
      columns={columns()}
      itemName="rule"
      newItem={newRule}
      scroll
    />
  );
}

export function ScreenPopSection({ form }: { form: SettingsForm }) {
  return (
    <SettingsSection titleId="opt-pop-title" title={t('screenPopSection.title')}>
      <RulesTable form={form} />
      <ListField
        form={form}
        path="screenPop.allowedOrigins"
        label={t('screenPopSection.allowedOrigins')}
        hint={t('screenPopSection.allowedOriginsHint')}
      />
    </SettingsSection>
  );
}
