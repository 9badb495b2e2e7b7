/** The keypad: each key sends its DTMF digit at once, as a desk phone would. */
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';
import type { PanelConnector } from '../utils/ui/connector';
import { t } from '../utils/i18n/runtime';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

interface Props {
  id: string;
  callId: string;
  connector: PanelConnector;
}

export function DtmfPad({ id, callId, connector }: Props) {
  const action = useAction(connector);
  const press = (digits: string) =>
    action.run({ type: 'panel/command', command: { type: 'sendDtmf', callId, digits } });

  const onKeyDown = (event: KeyboardEvent) => {
    // Typing digits while the pad has focus works like pressing its keys.
    if (KEYS.includes(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      void press(event.key);
    }
  };

  return (
    <div id={id} class="sb-subform">
      <div class="sb-dtmf" role="group" aria-label={t('dtmf.digits')} onKeyDown={onKeyDown}>
        {KEYS.map((k) => (
          <button key={k} type="button" onClick={() => press(k)}>
            {k}
          </button>
        ))}
      </div>
      <ErrorAlert message={action.error} />
    </div>
  );
}
