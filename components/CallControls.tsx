/**
 * Exactly the commands in `call.actions`, as buttons: a vendor that cannot hold shows no Hold
 * button (DESIGN.md "The normalized model"). Transfer, the queues and the keypad open small
 * forms below.
 */
import { useState } from 'preact/hooks';
import type { Call, CodeLabel, CommandType } from '../utils/cti/model';
import type { PanelConnector } from '../utils/ui/connector';
import { DtmfPad } from './DtmfPad';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';
import { QueueForm } from './QueueForm';
import { TransferForm } from './TransferForm';

/** Commands that act on the call at once, with their button text, in display order. */
const DIRECT: [SimpleCommand, string][] = [
  ['answer', 'Answer'],
  ['hangup', 'Hang up'],
  ['hold', 'Hold'],
  ['resume', 'Resume'],
  ['completeTransfer', 'Complete transfer'],
  ['cancelTransfer', 'Cancel transfer'],
  ['pauseRecording', 'Pause recording'],
  ['resumeRecording', 'Resume recording'],
];

type SimpleCommand =
  | 'answer'
  | 'hangup'
  | 'hold'
  | 'resume'
  | 'completeTransfer'
  | 'cancelTransfer'
  | 'pauseRecording'
  | 'resumeRecording';

type Panel = 'transfer' | 'queue' | 'keypad' | undefined;

interface Props {
  call: Call;
  /** The vendor's queues, for "Send to queue". */
  queues: readonly CodeLabel[];
  /** A `manual` screen-pop rule matches: offer "Open record". */
  canOpenRecord: boolean;
  connector: PanelConnector;
}

export function CallControls({ call, queues, canOpenRecord, connector }: Props) {
  const action = useAction(connector);
  const [open, setOpen] = useState<Panel>(undefined);
  const can = (c: CommandType) => call.actions.includes(c);
  const canTransfer = can('blindTransfer') || can('attendedTransfer');
  // Without a list there is nothing to choose: the vendor did not (or would not) list its queues.
  const canQueue = can('redirectToQueue') && queues.length > 0;
  const toggle = (p: Exclude<Panel, undefined>) => setOpen(open === p ? undefined : p);
  const formId = `sb-call-${call.id}-form`;

  return (
    <div class="sb-controls">
      <div class="sb-row sb-wrap" role="group" aria-label="Call controls">
        {DIRECT.filter(([c]) => can(c)).map(([c, text]) => (
          <button
            key={c}
            type="button"
            class={c === 'answer' ? 'sb-answer' : c === 'hangup' ? 'sb-hangup' : undefined}
            disabled={action.pending}
            onClick={() =>
              action.run({ type: 'panel/command', command: { type: c, callId: call.id } })
            }
          >
            {text}
          </button>
        ))}
        {canTransfer && (
          <button
            type="button"
            aria-expanded={open === 'transfer'}
            aria-controls={open === 'transfer' ? formId : undefined}
            onClick={() => toggle('transfer')}
          >
            Transfer
          </button>
        )}
        {canQueue && (
          <button
            type="button"
            aria-expanded={open === 'queue'}
            aria-controls={open === 'queue' ? formId : undefined}
            onClick={() => toggle('queue')}
          >
            Send to queue
          </button>
        )}
        {canOpenRecord && (
          <button
            type="button"
            disabled={action.pending}
            onClick={() => action.run({ type: 'panel/popRecord', callId: call.id })}
          >
            Open record
          </button>
        )}
        {can('sendDtmf') && (
          <button
            type="button"
            aria-expanded={open === 'keypad'}
            aria-controls={open === 'keypad' ? formId : undefined}
            onClick={() => toggle('keypad')}
          >
            Keypad
          </button>
        )}
      </div>
      <ErrorAlert message={action.error} />
      {open === 'transfer' && canTransfer && (
        <TransferForm
          id={formId}
          call={call}
          connector={connector}
          onDone={() => setOpen(undefined)}
        />
      )}
      {open === 'queue' && canQueue && (
        <QueueForm
          id={formId}
          call={call}
          queues={queues}
          connector={connector}
          onDone={() => setOpen(undefined)}
        />
      )}
      {open === 'keypad' && can('sendDtmf') && (
        <DtmfPad id={formId} callId={call.id} connector={connector} />
      )}
    </div>
  );
}
