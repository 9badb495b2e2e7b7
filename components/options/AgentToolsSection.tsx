/**
 * The agent's tools the admin fills in: pause reasons for platforms that take a reason but list
 * none of their own, and the speed-dial entries every agent finds in the directory.
 */
import { SettingsSection } from './SettingsSection';
import type { SettingsForm } from './form';
import { SettingsTable, type Column } from './SettingsTable';

const PAUSE_COLUMNS: readonly Column[] = [
  { key: 'code', header: 'Code', label: 'Pause code' },
  { key: 'label', header: 'Label', label: 'Pause label' },
];

const SPEED_DIAL_COLUMNS: readonly Column[] = [
  { key: 'name', header: 'Name', label: 'Speed-dial name' },
  { key: 'number', header: 'Number', label: 'Speed-dial number', placeholder: '+33123456789' },
  {
    key: 'detail',
    header: 'Detail',
    label: 'Speed-dial detail',
    placeholder: 'team, site',
    optional: true,
  },
];

/** One card: the pause reasons, then the speed dial. */
export function AgentToolsSection({ form }: { form: SettingsForm }) {
  return (
    <SettingsSection titleId="opt-tools-title" title="Agent tools">
      <SettingsTable
        form={form}
        path="agent.pauseReasons"
        titleId="opt-pause-title"
        title="Pause reasons"
        description="Offered when going not ready, with phone systems that take a reason but list none of their own."
        items={form.draft.agent.pauseReasons}
        columns={PAUSE_COLUMNS}
        itemName="reason"
        newItem={() => ({ code: '', label: '' })}
      />
      <SettingsTable
        form={form}
        path="directory.speedDial"
        titleId="opt-speed-title"
        title="Speed dial"
        description="Numbers every agent finds in the directory, to call or to transfer to, whatever the phone system."
        items={form.draft.directory.speedDial}
        columns={SPEED_DIAL_COLUMNS}
        itemName="entry"
        newItem={() => ({ name: '', number: '' })}
        scroll
      />
    </SettingsSection>
  );
}
