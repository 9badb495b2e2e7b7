/**
 * The side panel's room beyond the call in hand: a tab per section the signed-in vendor has
 * (utils/ui/agent-tools.ts `panelTabs`): Calls (dial box and recent calls), Queues, Directory,
 * Callbacks, History, More. A vendor with none of them gets the Calls section alone, no tabs.
 */
import { useState } from 'preact/hooks';
import type { PanelState } from '../utils/messaging';
import { panelTabs, tabText, type PanelTab } from '../utils/ui/agent-tools';
import type { PanelConnector } from '../utils/ui/connector';
import { CallbacksTab } from './CallbacksTab';
import { DialBox } from './DialBox';
import { DirectoryTab } from './DirectoryTab';
import { HistoryTab } from './HistoryTab';
import { MoreTab } from './MoreTab';
import { QueuesTab } from './QueuesTab';
import { RecentCalls } from './RecentCalls';
import { Tabs } from './Tabs';
import { t } from '../utils/i18n/runtime';

interface Props {
  state: PanelState;
  connector: PanelConnector;
}

/** What the popup shows under the calls, and the side panel's Calls tab. */
export function CallsSection({ state, connector }: Props) {
  return (
    <>
      {state.commands.includes('dial') && <DialBox state={state} connector={connector} />}
      <RecentCalls state={state} connector={connector} />
    </>
  );
}

const SECTIONS: Record<PanelTab, (props: Props) => preact.JSX.Element> = {
  calls: CallsSection,
  queues: QueuesTab,
  directory: DirectoryTab,
  callbacks: CallbacksTab,
  history: HistoryTab,
  more: MoreTab,
};

export function AgentToolTabs({ state, connector }: Props) {
  const tabs = panelTabs(state);
  const [chosen, setChosen] = useState<PanelTab>('calls');
  // A section the vendor no longer offers (another sign-in) falls back to Calls.
  const selected = tabs.includes(chosen) ? chosen : 'calls';
  if (tabs.length === 1) return <CallsSection state={state} connector={connector} />;
  const Section = SECTIONS[selected];
  return (
    <Tabs<PanelTab>
      idBase="sb-tools"
      label={t('tabs.label')}
      tabs={tabs.map((id) => ({ id, label: tabText(id) }))}
      selected={selected}
      onSelect={setChosen}
    >
      <Section state={state} connector={connector} />
    </Tabs>
  );
}
