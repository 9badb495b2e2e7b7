/**
 * Vendor writes the background could not send yet (utils/background/outbox.ts): "1 disposition
 * waiting to send" with the reason, and, for one the vendor refused or that may have gone
 * already, the agent's choices: send again, correct it (a disposition), or discard it (after a
 * confirmation). Call data and callback changes queue the same way and say what they are.
 */
import { useState } from 'preact/hooks';
import type { OutboxEntry, PanelState } from '../utils/messaging';
import type { PanelConnector } from '../utils/ui/connector';
import { fromLocalInput, toLocalInput } from '../utils/ui/datetime';
import { formatWhen } from '../utils/ui/agent-tools';
import { formatClock, remoteNumber } from '../utils/ui/format';
import { DispositionFields } from './DispositionFields';
import { ErrorAlert } from './ErrorAlert';
import { useAction, type Action } from './hooks';
import { formatNumber } from '../utils/i18n/format';
import { t } from '../utils/i18n/runtime';

interface Props {
  state: PanelState;
  connector: PanelConnector;
}

/**
 * "2 dispositions waiting to send", "1 disposition needing your attention": the headline;
 * "requests" once other kinds of write are queued too.
 */
export function outboxHeadline(entries: readonly OutboxEntry[]): string {
  const dispositions = entries.every((e) => e.kind === 'dispose');
  const waiting = entries.filter((e) => e.status === 'waiting').length;
  const held = entries.length - waiting;
  const count = (n: number): [string] => [formatNumber(n)];
  const waitingText = dispositions
    ? t('outbox.dispositionsWaiting', waiting, count(waiting))
    : t('outbox.requestsWaiting', waiting, count(waiting));
  const heldText = dispositions
    ? t('outbox.dispositionsHeld', held, count(held))
    : t('outbox.requestsHeld', held, count(held));
  if (waiting > 0 && held > 0) return t('outbox.both', { waiting: waitingText, held: heldText });
  return waiting > 0 ? waitingText : held > 0 ? heldText : '';
}

function statusText(entry: OutboxEntry): string {
  if (entry.status === 'rejected')
    return t('outbox.refused', { vendor: entry.vendorLabel, reason: entry.reason ?? '' });
  if (entry.status === 'uncertain') return entry.reason ?? '';
  const notSent = entry.reason
    ? t('outbox.notSentBecause', { reason: entry.reason })
    : t('outbox.notSent');
  const next = entry.nextAt !== undefined && entry.nextAt > Date.now();
  return next ? `${notSent} ${t('outbox.nextTry', { time: formatClock(entry.nextAt!) })}` : notSent;
}

/** What the write is, in the agent's words: the disposition, the callback, the call data. */
export function outboxWhat(entry: OutboxEntry, state: PanelState, now = Date.now()): string {
  const when = entry.at !== undefined ? formatWhen(entry.at, now) : '';
  switch (entry.kind) {
    case 'dispose':
      return entry.code
        ? (state.dispositionCodes.find((c) => c.code === entry.code)?.label ?? entry.code)
        : t('outbox.disposition');
    case 'setCallData':
      return entry.dataKeys?.length
        ? t('outbox.callDataKeys', { keys: entry.dataKeys.join(t('common.listSeparator')) })
        : t('outbox.callData');
    case 'scheduleCallback':
      return t('outbox.callbackScheduled', { when });
    case 'rescheduleCallback':
      return t('outbox.callbackMoved', { when });
    case 'cancelCallback':
      return t('outbox.callbackCancelled');
    default:
      return entry.kind;
  }
}

/** Whom the write is about: the caller, the callback's customer, or else the vendor. */
function outboxWho(entry: OutboxEntry, state: PanelState): string {
  if (entry.remote) return remoteNumber(entry.remote);
  if (entry.number) return entry.number;
  const callback = state.agentTools.callbacks.find((c) => c.id === entry.callbackId);
  if (callback)
    return callback.name
      ? t('callbacks.nameAndNumber', { name: callback.name, number: callback.number })
      : callback.number;
  return entry.vendorLabel;
}

/** "<vendor> will never get this disposition. Discard it?", by kind of write. */
const NEVER = {
  dispose: 'outbox.neverDispose',
  setCallData: 'outbox.neverCallData',
  scheduleCallback: 'outbox.neverSchedule',
  rescheduleCallback: 'outbox.neverReschedule',
  cancelCallback: 'outbox.neverCancel',
} as const satisfies Partial<Record<OutboxEntry['kind'], string>>;

const neverText = (entry: OutboxEntry): string =>
  t(NEVER[entry.kind as keyof typeof NEVER] ?? 'outbox.neverRequest', {
    vendor: entry.vendorLabel,
  });

function EditForm({
  entry,
  state,
  action,
  done,
}: {
  entry: OutboxEntry;
  state: PanelState;
  action: Action;
  done: () => void;
}) {
  const [code, setCode] = useState(entry.code ?? '');
  const [notes, setNotes] = useState(entry.notes ?? '');
  const [callback, setCallback] = useState(
    entry.callbackAt !== undefined ? toLocalInput(entry.callbackAt) : '',
  );
  const base = `sb-outbox-${entry.key}`;
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const at = callback.trim() ? fromLocalInput(callback) : undefined;
    if (callback.trim() && at === undefined) {
      action.setError(t('disposition.incompleteCallback'));
      return;
    }
    const reply = await action.run({
      type: 'panel/outboxEdit',
      key: entry.key,
      code,
      notes,
      ...(at !== undefined ? { callbackAt: at } : {}),
    });
    if (reply.ok) done();
  };
  return (
    <form class="sb-outbox-edit" onSubmit={onSubmit} noValidate>
      <DispositionFields
        base={base}
        codes={state.dispositionCodes}
        code={code}
        onCode={setCode}
        notes={notes}
        onNotes={setNotes}
        rows={2}
      />
      {state.dispositionCallback && (
        <div class="sb-field">
          <label for={`${base}-callback`}>{t('disposition.callbackAt')}</label>
          <input
            id={`${base}-callback`}
            type="datetime-local"
            value={callback}
            onInput={(e) => setCallback(e.currentTarget.value)}
          />
        </div>
      )}
      <button type="submit" class="sb-primary" disabled={action.pending}>
        {t('outbox.sendCorrected')}
      </button>
      <button type="button" class="sb-small" onClick={done}>
        {t('common.cancel')}
      </button>
    </form>
  );
}

function OutboxItem({ entry, state, connector }: { entry: OutboxEntry } & Props) {
  const action = useAction(connector);
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const held = entry.status !== 'waiting';
  // Codes are the current vendor's: a write for another vendor can be retried, not corrected.
  const editable =
    entry.kind === 'dispose' &&
    entry.vendorLabel === state.vendorLabel &&
    state.dispositionCodes.length > 0;
  const send = (what: 'retry' | 'discard') =>
    action.run({ type: 'panel/outbox', key: entry.key, action: what });
  return (
    <li class={`sb-outbox-item sb-outbox-item--${entry.status}`}>
      <div>
        <strong>{outboxWho(entry, state)}</strong>
        <span class="sb-muted"> · {outboxWhat(entry, state)}</span>
      </div>
      <p class="sb-muted">{statusText(entry)}</p>
      <ErrorAlert message={action.error} />
      {held && !confirming && !editing && (
        <div class="sb-actions">
          <button
            type="button"
            class="sb-small"
            disabled={action.pending}
            onClick={() => send('retry')}
          >
            {t('outbox.sendAgain')}
          </button>
          {editable && (
            <button type="button" class="sb-small" onClick={() => setEditing(true)}>
              {t('outbox.edit')}
            </button>
          )}
          <button type="button" class="sb-small" onClick={() => setConfirming(true)}>
            {t('outbox.discard')}
          </button>
        </div>
      )}
      {confirming && (
        <div class="sb-actions" role="group" aria-label={t('outbox.confirmDiscard')}>
          <p>{neverText(entry)}</p>
          <button
            type="button"
            class="sb-small"
            disabled={action.pending}
            onClick={async () => {
              if ((await send('discard')).ok) setConfirming(false);
            }}
          >
            {t('outbox.discardForGood')}
          </button>
          <button type="button" class="sb-small" onClick={() => setConfirming(false)}>
            {t('common.keepIt')}
          </button>
        </div>
      )}
      {editing && (
        <EditForm entry={entry} state={state} action={action} done={() => setEditing(false)} />
      )}
    </li>
  );
}

export function Outbox({ state, connector }: Props) {
  if (state.outbox.length === 0) return null;
  return (
    <section class="sb-outbox" aria-labelledby="sb-outbox-title">
      <h2 id="sb-outbox-title" class="sb-title">
        {outboxHeadline(state.outbox)}
      </h2>
      <ul>
        {state.outbox.map((entry) => (
          <OutboxItem key={entry.key} entry={entry} state={state} connector={connector} />
        ))}
      </ul>
    </section>
  );
}
