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

interface Props {
  state: PanelState;
  connector: PanelConnector;
}

/** "1 disposition", "2 dispositions"; "requests" once other kinds of write are queued too. */
const noun = (dispositions: boolean, n: number) =>
  `${n} ${dispositions ? 'disposition' : 'request'}${n === 1 ? '' : 's'}`;

/** "2 dispositions waiting to send", "1 disposition needing your attention": the headline. */
export function outboxHeadline(entries: readonly OutboxEntry[]): string {
  const kind = entries.every((e) => e.kind === 'dispose');
  const waiting = entries.filter((e) => e.status === 'waiting').length;
  const held = entries.length - waiting;
  const parts = [
    ...(waiting > 0 ? [`${noun(kind, waiting)} waiting to send`] : []),
    ...(held > 0 ? [`${noun(kind, held)} needing your attention`] : []),
  ];
  return parts.join(', ');
}

function statusText(entry: OutboxEntry): string {
  if (entry.status === 'rejected') return `${entry.vendorLabel} refused it: ${entry.reason ?? ''}`;
  if (entry.status === 'uncertain') return entry.reason ?? '';
  const next = entry.nextAt !== undefined && entry.nextAt > Date.now();
  const when = next ? ` Next try at ${formatClock(entry.nextAt!)}.` : '';
  return `Not sent yet${entry.reason ? `: ${entry.reason}` : ''}.${when}`;
}

/** What the write is, in the agent's words: the disposition, the callback, the call data. */
export function outboxWhat(entry: OutboxEntry, state: PanelState, now = Date.now()): string {
  const when = entry.at !== undefined ? formatWhen(entry.at, now) : '';
  switch (entry.kind) {
    case 'dispose':
      return entry.code
        ? (state.dispositionCodes.find((c) => c.code === entry.code)?.label ?? entry.code)
        : 'Disposition';
    case 'setCallData':
      return `Call data${entry.dataKeys?.length ? ` (${entry.dataKeys.join(', ')})` : ''}`;
    case 'scheduleCallback':
      return `Callback scheduled for ${when}`;
    case 'rescheduleCallback':
      return `Callback moved to ${when}`;
    case 'cancelCallback':
      return 'Callback cancelled';
    default:
      return entry.kind;
  }
}

/** Whom the write is about: the caller, the callback's customer, or else the vendor. */
function outboxWho(entry: OutboxEntry, state: PanelState): string {
  if (entry.remote) return remoteNumber(entry.remote);
  if (entry.number) return entry.number;
  const callback = state.agentTools.callbacks.find((c) => c.id === entry.callbackId);
  if (callback) return callback.name ? `${callback.name} (${callback.number})` : callback.number;
  return entry.vendorLabel;
}

const KIND_NOUN: Partial<Record<OutboxEntry['kind'], string>> = {
  dispose: 'disposition',
  setCallData: 'call data',
  scheduleCallback: 'callback',
  rescheduleCallback: 'change to the callback',
  cancelCallback: 'cancellation',
};

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
      action.setError('Enter the call-back date and time in full, or clear the field');
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
          <label for={`${base}-callback`}>Call back at</label>
          <input
            id={`${base}-callback`}
            type="datetime-local"
            value={callback}
            onInput={(e) => setCallback(e.currentTarget.value)}
          />
        </div>
      )}
      <button type="submit" class="sb-primary" disabled={action.pending}>
        Send corrected disposition
      </button>
      <button type="button" class="sb-small" onClick={done}>
        Cancel
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
            Send again
          </button>
          {editable && (
            <button type="button" class="sb-small" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          <button type="button" class="sb-small" onClick={() => setConfirming(true)}>
            Discard
          </button>
        </div>
      )}
      {confirming && (
        <div class="sb-actions" role="group" aria-label="Confirm discard">
          <p>
            {entry.vendorLabel} will never get this {KIND_NOUN[entry.kind] ?? 'request'}. Discard
            it?
          </p>
          <button
            type="button"
            class="sb-small"
            disabled={action.pending}
            onClick={async () => {
              if ((await send('discard')).ok) setConfirming(false);
            }}
          >
            Discard for good
          </button>
          <button type="button" class="sb-small" onClick={() => setConfirming(false)}>
            Keep it
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
