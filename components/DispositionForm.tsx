/**
 * Wrap-up for an ended call: the disposition code (the vendor's result codes or the admin's
 * list) and notes. The background stores it in history and forwards it to vendors that have
 * dispositions.
 */
import { useState } from 'preact/hooks';
import type { Call } from '../utils/cti/model';
import type { PanelState } from '../utils/messaging';
import type { PanelConnector } from '../utils/ui/connector';
import { directionText, remoteNumber } from '../utils/ui/format';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';

interface Props {
  call: Call;
  state: PanelState;
  connector: PanelConnector;
}

export function DispositionForm({ call, state, connector }: Props) {
  const [code, setCode] = useState('');
  const [notes, setNotes] = useState('');
  const action = useAction(connector);
  const base = `sb-dispo-${call.id}`;
  const codes = state.dispositionCodes;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!code.trim()) {
      action.setError('Choose a disposition');
      return;
    }
    await action.run({
      type: 'panel/command',
      command: { type: 'dispose', callId: call.id, code: code.trim(), notes },
    });
  };

  return (
    <form class="sb-dispo" onSubmit={onSubmit} aria-labelledby={`${base}-title`}>
      <h2 id={`${base}-title`} class="sb-title">
        Wrap up: {remoteNumber(call.remote)}
      </h2>
      <p class="sb-muted">
        {directionText(call.direction)} call ended
        {call.remote.name ? ` · ${call.remote.name}` : ''}
        {call.queue ? ` · ${call.queue}` : ''}
      </p>
      {state.dispositionRequired && (
        <p class="sb-note">You must save a disposition before going ready.</p>
      )}
      <div class="sb-field">
        <label for={`${base}-code`}>Disposition</label>
        {codes.length > 0 ? (
          <select
            id={`${base}-code`}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            required
          >
            <option value="">Choose…</option>
            {codes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </select>
        ) : (
          // Vendors and admins without a code list: the agent types a short code.
          <input
            id={`${base}-code`}
            type="text"
            maxLength={200}
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
            required
          />
        )}
      </div>
      <div class="sb-field">
        <label for={`${base}-notes`}>Notes</label>
        <textarea
          id={`${base}-notes`}
          rows={3}
          maxLength={4000}
          value={notes}
          onInput={(e) => setNotes(e.currentTarget.value)}
        />
      </div>
      <ErrorAlert message={action.error} />
      <button type="submit" class="sb-primary" disabled={action.pending}>
        Save disposition
      </button>
    </form>
  );
}
