/** The last calls from history, newest first, with a call-back button when dialling is possible. */
import type { CallEntry, OutageEntry } from '../utils/history/entry';
import type { PanelState } from '../utils/messaging';
import type { PanelConnector } from '../utils/ui/connector';
import { outageText } from '../utils/history/outage';
import { directionText, formatClock, formatDuration, remoteNumber } from '../utils/ui/format';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';

interface Props {
  state: PanelState;
  connector: PanelConnector;
}

function outcome(entry: CallEntry): string {
  if (entry.answeredAt === undefined) return entry.direction === 'inbound' ? 'Missed' : 'No answer';
  if (entry.endedAt === undefined) return 'In progress';
  return formatDuration(entry.endedAt - entry.answeredAt);
}

export function RecentCalls({ state, connector }: Props) {
  const action = useAction(connector);
  const canDial = state.commands.includes('dial');
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
      <ul>
        {recent.map((entry) => {
          if (entry.kind === 'outage') return <OutageItem key={entry.callId} entry={entry} />;
          const number = remoteNumber(entry.remote);
          const dialable = entry.remote.e164 ?? entry.remote.raw;
          return (
            <li key={entry.callId} class="sb-recent-item">
              <div class="sb-recent-who">
                <span class="sb-recent-number">{number}</span>
                {entry.remote.name && <span class="sb-muted">{entry.remote.name}</span>}
              </div>
              <div class="sb-recent-meta sb-muted">
                <span>{directionText(entry.direction)}</span>
                <time>{formatClock(entry.startedAt)}</time>
                <span>{outcome(entry)}</span>
                {entry.foundAfterOutage && <span>Found after an outage</span>}
                {entry.disposition && (
                  <span>{entry.disposition.label ?? entry.disposition.code}</span>
                )}
              </div>
              {canDial && dialable && (
                <button
                  type="button"
                  class="sb-small"
                  aria-label={`Call back ${number}`}
                  disabled={action.pending}
                  onClick={() =>
                    action.run({
                      type: 'panel/command',
                      command: {
                        type: 'dial',
                        number: dialable,
                        ...(entry.recordId ? { recordId: entry.recordId } : {}),
                      },
                    })
                  }
                >
                  Call back
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** A time the link was down and the vendor could not list its calls. */
function OutageItem({ entry }: { entry: OutageEntry }) {
  return (
    <li class="sb-recent-item sb-recent-outage">
      <span class="sb-muted">{outageText(entry.startedAt, entry.endedAt)}</span>
    </li>
  );
}
