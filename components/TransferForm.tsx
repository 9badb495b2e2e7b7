/**
 * Transfer the call: a target number and, when the vendor offers both, the choice between blind
 * (hand over at once) and attended (talk to the target first, then "Complete transfer").
 */
import { useState } from 'preact/hooks';
import type { Call } from '../utils/cti/model';
import { Command } from '../utils/cti/model';
import type { PanelConnector } from '../utils/ui/connector';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';

interface Props {
  id: string;
  call: Call;
  connector: PanelConnector;
  onDone(): void;
}

type Kind = 'blindTransfer' | 'attendedTransfer';

export function TransferForm({ id, call, connector, onDone }: Props) {
  const kinds = (['blindTransfer', 'attendedTransfer'] as const).filter((k) =>
    call.actions.includes(k),
  );
  const [kind, setKind] = useState<Kind>(kinds[0] ?? 'blindTransfer');
  const [target, setTarget] = useState('');
  const action = useAction(connector);
  const targetId = `${id}-target`;
  const errorId = `${id}-error`;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    // Same rule as the background's: a clear message here beats a generic rejection there.
    const parsed = Command.safeParse({ type: kind, callId: call.id, target });
    if (!parsed.success) {
      action.setError(parsed.error.issues[0]?.message ?? 'Enter a valid number');
      return;
    }
    const reply = await action.run({ type: 'panel/command', command: parsed.data });
    if (reply.ok) onDone();
  };

  return (
    <form id={id} class="sb-subform" onSubmit={onSubmit} aria-label="Transfer">
      <div class="sb-field">
        <label for={targetId}>Transfer to</label>
        <input
          id={targetId}
          type="tel"
          inputMode="tel"
          autocomplete="off"
          value={target}
          onInput={(e) => setTarget(e.currentTarget.value)}
          aria-invalid={action.error ? true : undefined}
          aria-describedby={action.error ? errorId : undefined}
          required
        />
      </div>
      {kinds.length > 1 && (
        <fieldset class="sb-choice">
          <legend>Transfer type</legend>
          <label>
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === 'blindTransfer'}
              onChange={() => setKind('blindTransfer')}
            />
            Blind
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === 'attendedTransfer'}
              onChange={() => setKind('attendedTransfer')}
            />
            Attended
          </label>
        </fieldset>
      )}
      <ErrorAlert id={errorId} message={action.error} />
      <div class="sb-row">
        <button type="submit" class="sb-primary" disabled={action.pending}>
          {kind === 'attendedTransfer' ? 'Start transfer' : 'Transfer now'}
        </button>
        <button type="button" onClick={onDone}>
          Close
        </button>
      </div>
    </form>
  );
}
