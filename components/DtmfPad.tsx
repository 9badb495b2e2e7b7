/**
 * The keypad: each key sends its DTMF digit at once, as a desk phone would, and the digits the
 * vendor took show above the keys, as on a desk phone's screen. The digits are the call's
 * (CallControls keeps them while the card is there), so closing and opening the keypad keeps
 * them. Screen readers hear each digit once it is sent, politely (a log), never assertively.
 */
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';
import type { PanelConnector } from '../utils/ui/connector';
import { t } from '../utils/i18n/runtime';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

interface Props {
  id: string;
  callId: string;
  connector: PanelConnector;
  /** The digits sent on this call so far. */
  sent: string;
  /** A digit the vendor took. */
  onSent(digits: string): void;
}

export function DtmfPad({ id, callId, connector, sent, onSent }: Props) {
  const action = useAction(connector);
  const echoId = `${id}-sent`;
  const press = async (digits: string) => {
    const reply = await action.run({
      type: 'panel/command',
      command: { type: 'sendDtmf', callId, digits },
    });
    if (reply.ok) onSent(digits);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // Typing digits while the pad has focus works like pressing its keys.
    if (KEYS.includes(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      void press(event.key);
    }
  };

  return (
    <div id={id} class="sb-subform">
      <div class="sb-dtmf-echo">
        <span id={echoId} class="sb-dtmf-echo-label">
          {t('dtmf.sent')}
        </span>
        {/* One element per digit: a log reads out what is added, not the whole line again. */}
        <div class="sb-dtmf-digits" role="log" aria-labelledby={echoId}>
          {[...sent].map((digit, i) => (
            <span key={i}>{digit}</span>
          ))}
        </div>
      </div>
      <div class="sb-dtmf" role="group" aria-label={t('dtmf.digits')} onKeyDown={onKeyDown}>
        {KEYS.map((k) => (
          <button key={k} type="button" onClick={() => void press(k)}>
            {k}
          </button>
        ))}
      </div>
      <ErrorAlert message={action.error} />
    </div>
  );
}
