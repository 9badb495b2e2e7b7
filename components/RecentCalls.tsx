/**
 * The last calls from history (the newest `RECENT_LIMIT` the snapshot carries), newest first, a
 * page at a time, with a call-back button when dialling is possible. The side panel's History
 * tab searches, filters and exports the rest.
 */
import { useState } from 'preact/hooks';
import { t } from '../utils/i18n/runtime';
import type { PanelState } from '../utils/messaging';
import type { PanelConnector } from '../utils/ui/connector';
import { ErrorAlert } from './ErrorAlert';
import { HistoryList } from './HistoryList';
import { useAction } from './hooks';

/** Calls shown at first, and added by each "Show more calls". */
export const RECENT_PAGE = 10;

interface Props {
  state: PanelState;
  connector: PanelConnector;
}

export function RecentCalls({ state, connector }: Props) {
  const action = useAction(connector);
  const [limit, setLimit] = useState(RECENT_PAGE);
  // A call still on screen (live or awaiting its disposition) is not listed twice.
  const onScreen = new Set(state.calls.map((c) => c.id));
  const recent = state.recent.filter((entry) => !onScreen.has(entry.callId));
  if (recent.length === 0) return null;
  return (
    <section class="sb-recent" aria-labelledby="sb-recent-title">
      <h2 id="sb-recent-title" class="sb-title">
        {t('recentCalls.title')}
      </h2>
      <ErrorAlert message={action.error} />
      <HistoryList
        entries={recent.slice(0, limit)}
        canDial={state.commands.includes('dial')}
        action={action}
      />
      {recent.length > limit && (
        <button type="button" class="sb-small" onClick={() => setLimit((n) => n + RECENT_PAGE)}>
          {t('recentCalls.more')}
        </button>
      )}
    </section>
  );
}
