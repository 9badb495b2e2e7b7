/**
 * Transfer the call: a target number (typed, or found by name in the directory when there is
 * one) and, when the vendor offers both, the choice between blind (hand over at once) and
 * attended (talk to the target first, then "Complete transfer"). A number picked from the
 * directory that only a blind transfer takes (a colleague's user id, say) gets a blind
 * transfer, as in the Directory tab: an attended one would dial it as a phone number.
 */
import { useState } from 'preact/hooks';
import type { Call } from '../utils/cti/model';
import type { PanelConnector } from '../utils/ui/connector';
import { CommandForm } from './CommandForm';
import { TransferSearch, type TransferPick } from './TransferSearch';
import { commandOrProblem } from '../utils/ui/agent-tools';
import { t } from '../utils/i18n/runtime';

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
  const [chosen, setChosen] = useState<Kind>(kinds[0] ?? 'blindTransfer');
  const [target, setTarget] = useState('');
  const [picked, setPicked] = useState<TransferPick | undefined>();
  // The picked transfer-only number, while the field still holds it (typing over it lifts this).
  const blindOnly =
    picked?.transferOnly && picked.target === target && kinds.includes('blindTransfer')
      ? picked
      : undefined;
  const kind: Kind = blindOnly ? 'blindTransfer' : chosen;
  const onPick = (pick: TransferPick) => {
    setPicked(pick);
    setTarget(pick.target);
  };
  // Same rule as the background's: a clear message here beats a generic rejection there.
  const toCommand = () => commandOrProblem({ type: kind, callId: call.id, target });

  return (
    <CommandForm
      id={id}
      name={t('transferForm.title')}
      submitText={kind === 'attendedTransfer' ? t('transferForm.start') : t('transferForm.now')}
      connector={connector}
      onDone={onDone}
      command={toCommand}
      label={t('transferForm.target')}
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
      {directory && <TransferSearch id={`${id}-search`} connector={connector} onPick={onPick} />}
      {blindOnly && <p class="sb-muted">{t('transferForm.blindOnly', { name: blindOnly.name })}</p>}
      {kinds.length > 1 && !blindOnly && (
        <fieldset class="sb-choice">
          <legend>{t('transferForm.kind')}</legend>
          <label>
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === 'blindTransfer'}
              onChange={() => setChosen('blindTransfer')}
            />
            {t('transferForm.blind')}
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === 'attendedTransfer'}
              onChange={() => setChosen('attendedTransfer')}
            />
            {t('transferForm.attended')}
          </label>
        </fieldset>
      )}
    </CommandForm>
  );
}
