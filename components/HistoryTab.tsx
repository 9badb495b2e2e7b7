/**
 * The agent's history (side panel): this browser's calls merged with the phone system's own
 * records (`panel/history`), each of the latter marked. Read when the section opens and on
 * Refresh; when the phone system's part fails, the local part still shows with the reason.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PanelState } from '../utils/messaging';
import type { PanelConnector } from '../utils/ui/connector';
import { ErrorAlert } from './ErrorAlert';
import { HistoryList, type ShownEntry } from './HistoryList';
import { useAction, useNow } from './hooks';

interface Props {
  state: PanelState;
  connector: PanelConnector;
}

interface Found {
  entries: ShownEntry[];
  error?: string;
}

export function HistoryTab({ state, connector }: Props) {
  const load = useAction(connector);
  const dial = useAction(connector);
  const [found, setFound] = useState<Found | undefined>();
  const [round, setRound] = useState(0);
  const now = useNow(60_000);

  useEffect(() => {
    let current = true;
    void load.run<Found>({ type: 'panel/history' }).then((reply) => {
      if (current && reply.ok) setFound(reply.value);
    });
    return () => {
      current = false;
    };
    // Not on every render (`load` is new each time): on opening and on Refresh only.
  }, [connector, round]);

  return (
    <div class="sb-tool">
      <div class="sb-row">
        <button
          type="button"
          class="sb-small"
          disabled={load.pending}
          onClick={() => setRound((n) => n + 1)}
        >
          Refresh
        </button>
        <span class="sb-muted" role="status">
          {load.pending ? 'Reading the history…' : ''}
        </span>
      </div>
      <ErrorAlert message={load.error} />
      {found?.error && (
        <p class="sb-error" role="alert">
          Only this browser’s calls are shown. The phone system’s history could not be read:{' '}
          {found.error}
        </p>
      )}
      <ErrorAlert message={dial.error} />
      {found && found.entries.length === 0 && <p class="sb-muted">No calls yet.</p>}
      {found && found.entries.length > 0 && (
        <div class="sb-recent">
          <HistoryList
            entries={found.entries}
            canDial={state.commands.includes('dial')}
            action={dial}
            now={now}
          />
        </div>
      )}
    </div>
  );
}
