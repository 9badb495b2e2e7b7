/** The last calls from history, newest first, with a call-back button when dialling is possible. */
import type { PanelState } from '../utils/messaging';
import type { PanelConnector } from '../utils/ui/connector';
import { ErrorAlert } from './ErrorAlert';
import { HistoryList } from './HistoryList';
import { useAction } from './hooks';

interface Props {
  state: PanelState;
  connector: PanelConnector;
}

export function RecentCalls({ state, connector }: Props) {
  const action = useAction(connector);
  // A call still on screen (live or awaiting its disposition) is not listed twice.
  const onScreen = new Set(state.calls.map((c) => c.id));
  const recent = state.recent.filter((entry) => !onScreen.has(entry.callId));
  if (recent.length === 0) return null;
  return (
    <section class="sb-recent" aria-labelledby="sb-recent-title">
      <h2 id="sb-recent-title" class="sb-title">
        Recent calls
      </h2>
      <ErrorAlert message={action.error} />
      <HistoryList entries={recent} canDial={state.commands.includes('dial')} action={action} />
    </section>
  );
}
