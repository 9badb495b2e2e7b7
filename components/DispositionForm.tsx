/**
 * Wrap-up for an ended call: the disposition code (the vendor's result codes or the admin's
 * list), notes and, for vendors that can schedule one, an optional call-back time. The
 * background stores it in history and forwards it to vendors that have dispositions.
 */
import { useRef, useState } from 'preact/hooks';
import { pastCallbackMessage } from '../utils/cti/callback-time';
import type { Call } from '../utils/cti/model';
import type { PanelState } from '../utils/messaging';
import type { PanelConnector } from '../utils/ui/connector';
import { fromLocalInput, toLocalInput } from '../utils/ui/datetime';
import { remoteNumber } from '../utils/ui/format';
import { DispositionFields } from './DispositionFields';
import { ErrorAlert } from './ErrorAlert';
import { useAction, useNow } from './hooks';
import { t } from '../utils/i18n/runtime';

interface Props {
  call: Call;
  state: PanelState;
  connector: PanelConnector;
}

export function DispositionForm({ call, state, connector }: Props) {
  const [code, setCode] = useState('');
  const [notes, setNotes] = useState('');
  const [callback, setCallback] = useState('');
  const [callbackError, setCallbackError] = useState<string | undefined>();
  const callbackInput = useRef<HTMLInputElement>(null);
  const action = useAction(connector);
  // Keeps the field's `min` at the current minute while the form is open.
  const now = useNow(30_000, state.dispositionCallback);
  const base = `sb-dispo-${call.id}`;
  const codes = state.dispositionCodes;

  /** The call-back time to send, undefined for none, or null after showing why it cannot be. */
  const callbackAt = (): number | undefined | null => {
    // A half-typed datetime-local reads as '': the browser says so through `badInput`.
    if (!callback.trim() && !callbackInput.current?.validity?.badInput) return undefined;
    const at = fromLocalInput(callback);
    const problem =
      at === undefined
        ? t('disposition.incompleteCallback')
        : at <= Date.now()
          ? pastCallbackMessage()
          : '';
    setCallbackError(problem || undefined);
    return problem ? null : at;
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!code.trim()) {
      action.setError(t('disposition.chooseCode'));
      return;
    }
    action.setError(undefined);
    const at = state.dispositionCallback ? callbackAt() : undefined;
    if (at === null) return;
    await action.run({
      type: 'panel/command',
      command: {
        type: 'dispose',
        callId: call.id,
        code: code.trim(),
        notes,
        ...(at === undefined ? {} : { callbackAt: at }),
      },
    });
  };

  const callbackHint = `${base}-callback-hint`;
  const callbackErrorId = `${base}-callback-error`;
  return (
    // noValidate: the checks below give their own messages (a past call-back time, a missing
    // code) next to the field, rather than the browser's bubble.
    <form class="sb-dispo" onSubmit={onSubmit} aria-labelledby={`${base}-title`} noValidate>
      <h2 id={`${base}-title`} class="sb-title">
        {t('disposition.title', { number: remoteNumber(call.remote) })}
      </h2>
      <p class="sb-muted">
        {call.direction === 'inbound'
          ? t('disposition.inboundEnded')
          : t('disposition.outboundEnded')}
        {call.remote.name ? ` · ${call.remote.name}` : ''}
        {call.queue ? ` · ${call.queue}` : ''}
      </p>
      {state.dispositionRequired && <p class="sb-note">{t('disposition.required')}</p>}
      <DispositionFields
        base={base}
        codes={codes}
        code={code}
        onCode={setCode}
        notes={notes}
        onNotes={setNotes}
      />
      {state.dispositionCallback && (
        <div class="sb-field">
          <label for={`${base}-callback`}>{t('disposition.callbackAt')}</label>
          <input
            id={`${base}-callback`}
            ref={callbackInput}
            type="datetime-local"
            min={toLocalInput(now)}
            value={callback}
            onInput={(e) => {
              setCallback(e.currentTarget.value);
              setCallbackError(undefined);
            }}
            aria-invalid={callbackError ? true : undefined}
            aria-describedby={callbackError ? `${callbackHint} ${callbackErrorId}` : callbackHint}
          />
          <p id={callbackHint} class="sb-muted">
            {t('disposition.callbackHint', { vendor: state.vendorLabel })}
          </p>
          <ErrorAlert id={callbackErrorId} message={callbackError} />
        </div>
      )}
      <ErrorAlert message={action.error} />
      <button type="submit" class="sb-primary" disabled={action.pending}>
        {t('disposition.save')}
      </button>
    </form>
  );
}
