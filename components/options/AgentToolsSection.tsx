/**
 * The agent's tools the admin fills in: pause reasons for platforms that take a reason but list
 * none of their own, and the speed-dial entries every agent finds in the directory.
 */
import { SettingsSection } from './SettingsSection';
import type { SettingsForm } from './form';
import { SettingsTable, type Column } from './SettingsTable';
import { t } from '../../utils/i18n/runtime';

const pauseColumns = (): readonly Column[] => [
  { key: 'code', header: t('agentToolsSection.code'), label: t('agentToolsSection.pauseCode') },
  { key: 'label', header: t('agentToolsSection.label'), label: t('agentToolsSection.pauseLabel') },
];

const speedDialColumns = (): readonly Column[] => [
  {
    key: 'name',
    header: t('agentToolsSection.name'),
    label: t('agentToolsSection.speedDialName'),
  },
  {
    key: 'number',
    header: t('agentToolsSection.number'),
    label: t('agentToolsSection.speedDialNumber'),
    placeholder: '+33123456789',
  },
  {
    key: 'detail',
    header: t('agentToolsSection.detail'),
    label: t('agentToolsSection.speedDialDetail'),
    placeholder: t('agentToolsSection.detailPlaceholder'),
    optional: true,
  },
];

/** One card: the pause reasons, then the speed dial. */
export function AgentToolsSection({ form }: { form: SettingsForm }) {
  return (
    <SettingsSection titleId="opt-tools-title" title={t('agentToolsSection.title')}>
      <SettingsTable
        form={form}
        path="agent.pauseReasons"
        titleId="opt-pause-title"
        title={t('agentToolsSection.pauseReasons')}
        description={t('agentToolsSection.pauseReasonsHint')}
        items={form.draft.agent.pauseReasons}
        columns={pauseColumns()}
        itemName="reason"
        newItem={() => ({ code: '', label: '' })}
      />
      <SettingsTable
        form={form}
        path="directory.speedDial"
        titleId="opt-speed-title"
        title={t('agentToolsSection.speedDial')}
        description={t('agentToolsSection.speedDialHint')}
        items={form.draft.directory.speedDial}
        columns={speedDialColumns()}
        itemName="entry"
        newItem={() => ({ name: '', number: '' })}
        scroll
      />
    </SettingsSection>
  );
}
