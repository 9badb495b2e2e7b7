/**
 * Dials waiting for the agent's yes (settings `confirmInternational`): the panel is a surface no
 * page can script, so a Call here is the agent's own (utils/background/dial-confirmations.ts).
 */
import type { PanelState } from '../utils/messaging';
import type { PanelConnector } from '../utils/ui/connector';
import { remoteNumber } from '../utils/ui/format';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';

export function DialConfirmations({
  state,
  connector,
}: {
  state: PanelState;
  connector: PanelConnector;
}) {
  const action = useAction(connector);
  const waiting = state.dialConfirmations ?? [];
  if (waiting.length === 0) return null;
  return (
    <section class="sb-confirmations" aria-label="Calls to confirm">
      <ul>
        {waiting.map((dial) => {
          const number =
            remoteNumber({ e164: dial.e164, raw: dial.e164 }) +
            (dial.extension ? ` ext. ${dial.extension}` : '');
          return (
            <li key={dial.id} class="sb-notice sb-notice--warning">
              <p>
                Call {number}? It is outside your default country. Asked from {dial.from}.
              </p>
              <button
                type="button"
                aria-label={`Call ${number}`}
                disabled={action.pending}
                onClick={() => action.run({ type: 'panel/confirmDial', id: dial.id, call: true })}
              >
                Call
              </button>
              <button
                type="button"
                class="sb-small"
                aria-label={`Cancel the call to ${number}`}
                disabled={action.pending}
                onClick={() => action.run({ type: 'panel/confirmDial', id: dial.id, call: false })}
              >
                Cancel
              </button>
            </li>
          );
        })}
      </ul>
      <ErrorAlert message={action.error} />
    </section>
  );
}
