/**
 * Exactly the commands in `call.actions`, as buttons: a vendor that cannot hold shows no Hold
 * button (DESIGN.md "The normalized model"). Transfer, the queues, the keypad, call data and the
 * vendor's own actions on this call open small forms below. On a call ringing for the agent,
 * Answer is the primary button and `hangup` reads "Decline": the same command, which every
 * vendor carries out on a ringing call by refusing it.
 */
import { Fragment, type ComponentChild } from 'preact';
import { useState } from 'preact/hooks';
import type { Call, CodeLabel, CommandType } from '../utils/cti/model';
import { NO_EXTRAS, safeId, type CallExtras } from '../utils/ui/agent-tools';
import type { PanelConnector } from '../utils/ui/connector';
import { isIncomingRinging } from '../utils/ui/format';
import { CallDataForm } from './CallData';
import { DtmfPad } from './DtmfPad';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';
import { QueueForm } from './QueueForm';
import { TransferForm } from './TransferForm';
import { VendorActionForm } from './VendorActionForm';
import { t } from '../utils/i18n/runtime';

/** Commands that act on the call at once, with their button text, in display order. */
const DIRECT = [
  ['answer', 'callControls.answer'],
  ['hangup', 'callControls.hangup'],
  ['hold', 'callControls.hold'],
  ['resume', 'callControls.resume'],
  ['completeTransfer', 'callControls.completeTransfer'],
  ['cancelTransfer', 'callControls.cancelTransfer'],
  ['pauseRecording', 'callControls.pauseRecording'],
  ['resumeRecording', 'callControls.resumeRecording'],
] as const satisfies readonly (readonly [SimpleCommand, string])[];

/** The buttons that stand out: Answer, Hang up, and Decline on a ringing call. */
const BUTTON_CLASS: Partial<Record<SimpleCommand | 'decline', string>> = {
  answer: 'sb-answer',
  hangup: 'sb-hangup',
  decline: 'sb-decline',
};

type SimpleCommand =
  | 'answer'
  | 'hangup'
  | 'hold'
  | 'resume'
  | 'completeTransfer'
  | 'cancelTransfer'
  | 'pauseRecording'
  | 'resumeRecording';

interface Props {
  call: Call;
  /** The vendor's queues, for "Send to queue". */
  queues: readonly CodeLabel[];
  /** A `manual` screen-pop rule matches: offer "Open record". */
  canOpenRecord: boolean;
  connector: PanelConnector;
  extras?: CallExtras;
}

/** A button that opens a form under the controls, or (without `form`) acts at once. */
interface Control {
  key: string;
  label: string;
  form?: (id: string, done: () => void) => ComponentChild;
  onClick?: () => void;
}

export function CallControls({
  call,
  queues,
  canOpenRecord,
  connector,
  extras = NO_EXTRAS,
}: Props) {
  const action = useAction(connector);
  const [open, setOpen] = useState<string | undefined>();
  // The digits the keypad sent on this call: kept while the card is there, keypad open or not.
  const [dtmfSent, setDtmfSent] = useState('');
  const can = (c: CommandType) => call.actions.includes(c);
  const incoming = isIncomingRinging(call);
  const formId = `sb-call-${safeId(call.id)}-form`;
  const base = { call, connector };
  // Without a list there is nothing to choose: the vendor did not (or would not) list its queues.
  const controls: (Control | false)[] = [
    (can('blindTransfer') || can('attendedTransfer')) && {
      key: 'transfer',
      label: t('callControls.transfer'),
      form: (id, done) => (
        <TransferForm id={id} {...base} onDone={done} directory={extras.directory} />
      ),
    },
    can('redirectToQueue') &&
      queues.length > 0 && {
        key: 'queue',
        label: t('callControls.sendToQueue'),
        form: (id, done) => <QueueForm id={id} {...base} queues={queues} onDone={done} />,
      },
    canOpenRecord && {
      key: 'record',
      label: t('callControls.openRecord'),
      onClick: () => void action.run({ type: 'panel/popRecord', callId: call.id }),
    },
    can('sendDtmf') && {
      key: 'keypad',
      label: t('callControls.keypad'),
      form: (id) => (
        <DtmfPad
          id={id}
          callId={call.id}
          connector={connector}
          sent={dtmfSent}
          onSent={(digits) => setDtmfSent((before) => before + digits)}
        />
      ),
    },
    extras.canSetData && {
      key: 'data',
      label: t('callControls.addData'),
      form: (id, done) => <CallDataForm id={id} {...base} onDone={done} />,
    },
    ...extras.actions.map((a) => ({
      key: `action-${a.id}`,
      label: a.label,
      form: (id: string, done: () => void) => (
        <VendorActionForm id={id} action={a} callId={call.id} connector={connector} onDone={done} />
      ),
    })),
  ];
  const offered = controls.filter((c): c is Control => c !== false);
  const current = offered.find((c) => c.key === open && c.form);
  const close = () => setOpen(undefined);

  return (
    <div class="sb-controls">
      <div class="sb-row sb-wrap" role="group" aria-label={t('callControls.group')}>
        {DIRECT.filter(([c]) => can(c)).map(([c, key]) => {
          const decline = c === 'hangup' && incoming;
          return (
            <button
              key={c}
              type="button"
              class={BUTTON_CLASS[decline ? 'decline' : c]}
              disabled={action.pending}
              onClick={() =>
                action.run({ type: 'panel/command', command: { type: c, callId: call.id } })
              }
            >
              {decline ? t('callControls.decline') : t(key)}
            </button>
          );
        })}
        {offered.map((c) =>
          c.form ? (
            <button
              key={c.key}
              type="button"
              aria-expanded={open === c.key}
              aria-controls={open === c.key ? formId : undefined}
              onClick={() => setOpen(open === c.key ? undefined : c.key)}
            >
              {c.label}
            </button>
          ) : (
            <button key={c.key} type="button" disabled={action.pending} onClick={c.onClick}>
              {c.label}
            </button>
          ),
        )}
      </div>
      <ErrorAlert message={action.error} />
      {/* Keyed: two forms of one kind (two vendor actions) must not share their typed values. */}
      {current && <Fragment key={current.key}>{current.form?.(formId, close)}</Fragment>}
    </div>
  );
}
