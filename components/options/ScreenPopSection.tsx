/**
 * Screen-pop rules (first match wins, DESIGN.md "Screen-pop") and the extra origins a rendered
 * URL may point to.
 */
import type { ScreenPopRule } from '../../utils/settings/schema';
import { ListField } from './fields';
import type { SettingsForm } from './form';
import { SettingsSection } from './SettingsSection';
import { SettingsTable, type Column } from './SettingsTable';

const COLUMNS: readonly Column[] = [
  { key: 'id', header: 'ID', label: 'Rule ID' },
  { key: 'trigger', header: 'When', options: ['ringing', 'answered', 'manual'] },
  { key: 'direction', header: 'Direction', options: ['inbound', 'outbound', 'any'] },
  { key: 'queue', header: 'Queue', placeholder: 'any', optional: true },
  { key: 'url', header: 'URL template', placeholder: 'https://crm.example.com/search?q={e164}' },
  { key: 'target', header: 'Opens in', options: ['newTab', 'reuseTab', 'window'] },
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
      title="Rules"
      description={
        <>
          The first matching rule opens its URL once per call. Variables: {'{e164}'}, {'{national}'}
          , {'{digits}'}, {'{extension}'}, {'{name}'}, {'{queue}'}, {'{callId}'}, {'{direction}'},{' '}
          {'{data.KEY}'}. A URL of {'{vendorUrl}'} alone opens the page the phone system sends for
          the call, when its origin is an allowed origin.
        </>
      }
      items={form.draft.screenPop.rules}
      columns={COLUMNS}
      itemName="rule"
      newItem={newRule}
      scroll
    />
  );
}

export function ScreenPopSection({ form }: { form: SettingsForm }) {
  return (
    <SettingsSection titleId="opt-pop-title" title="Screen-pop">
      <RulesTable form={form} />
      <ListField
        form={form}
        path="screenPop.allowedOrigins"
        label="Allowed origins"
        hint="One per line (https://crm.example.com): extra origins a rule's URL may open, beyond the template's own."
      />
    </SettingsSection>
  );
}
