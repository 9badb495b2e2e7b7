/**
 * Transfer the call: a target number (typed, or found by name in the directory when there is
 * one) and, when the vendor offers both, the choice between blind (hand over at once) and
 * attended (talk to the target first, then "Complete transfer").
 */
import { useState } from 'preact/hooks';
import type { Call } from '../utils/cti/model';
import { Command } from '../utils/cti/model';
import type { PanelConnector } from '../utils/ui/connector';
import { CommandForm } from './CommandForm';
import { TransferSearch } from './TransferSearch';

interface Props {
  id: string;
  call: Call;
  connector: PanelConnector;
  onDone(): void;
  /** A directory (the vendor's, or speed dial) can be searched for the target. */
  directory?: boolean;
}

type Kind = 'blindTransfer' | 'attendedTransfer';

export function TransferForm({ id, call, connector, onDone, directory = false }: Props) {
  const kinds = (['blindTransfer', 'attendedTransfer'] as const).filter((k) =>
    call.actions.includes(k),
  );
  const [kind, setKind] = useState<Kind>(kinds[0] ?? 'blindTransfer');
  const [target, setTarget] = useState('');
  // Same rule as the background's: a clear message here beats a generic rejection there.
  const toCommand = () => {
    const parsed = Command.safeParse({ type: kind, callId: call.id, target });
    return parsed.success
      ? parsed.data
      : (parsed.error.issues[0]?.message ?? 'Enter a valid number');
  };

  return (
    <CommandForm
      id={id}
      name="Transfer"
      submitText={kind === 'attendedTransfer' ? 'Start transfer' : 'Transfer now'}
      connector={connector}
      onDone={onDone}
      command={toCommand}
      label="Transfer to"
      fieldKey="target"
      field={(field) => (
        <input
          {...field}
          type="tel"
          inputMode="tel"
          autocomplete="off"
          value={target}
          onInput={(e) => setTarget(e.currentTarget.value)}
        />
      )}
    >
      {directory && <TransferSearch id={`${id}-search`} connector={connector} onPick={setTarget} />}
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
    </CommandForm>
  );
}
