/**
 * Scheduled callbacks (side panel): the ones the agent can see, soonest first, with what the
 * vendor lets the agent do with each (take it, give it back, call it now, move it, cancel it),
 * and a form to schedule a new one where the vendor can.
 */
import { useState } from 'preact/hooks';
import type { CallbackItem } from '../utils/cti/features';
import type { CommandType } from '../utils/cti/model';
import type { PanelState } from '../utils/messaging';
import { callbackOwnerText, formatWhen, safeId } from '../utils/ui/agent-tools';
import type { PanelConnector } from '../utils/ui/connector';
import { CallbackForm } from './CallbackForm';
import { ErrorAlert } from './ErrorAlert';
import { useAction, useNow, type Action } from './hooks';

interface Props {
  state: PanelState;
  connector: PanelConnector;
}

/** Due ones first (as soon as possible counts as now), then by time. */
const byDue = (a: CallbackItem, b: CallbackItem) => (a.dueAt ?? 0) - (b.dueAt ?? 0);

export function CallbacksTab({ state, connector }: Props) {
  const [scheduling, setScheduling] = useState(false);
  const action = useAction(connector);
  const now = useNow(30_000);
  const can = (c: CommandType) => state.commands.includes(c);
  const items = [...state.agentTools.callbacks].sort(byDue);
  const listed = state.features.includes('callbacks');
  return (
    <div class="sb-tool">
      {can('scheduleCallback') && (
        <div>
          <button
            type="button"
            aria-expanded={scheduling}
            aria-controls={scheduling ? 'sb-callback-new' : undefined}
            onClick={() => setScheduling(!scheduling)}
          >
            Schedule a callback
          </button>
          {scheduling && (
            <CallbackForm
              id="sb-callback-new"
              mode={{ kind: 'schedule', queues: state.agentTools.queues }}
              connector={connector}
              onDone={() => setScheduling(false)}
            />
          )}
        </div>
      )}
      {listed && items.length === 0 && <p class="sb-muted">No callbacks for you.</p>}
      <ErrorAlert message={action.error} />
      {items.length > 0 && (
        <ul class="sb-list" aria-label="Callbacks">
          {items.map((item) => (
            <CallbackRow
              key={item.id}
              item={item}
              can={can}
              action={action}
              connector={connector}
              now={now}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

interface RowProps {
  item: CallbackItem;
  can(c: CommandType): boolean;
  action: Action;
  connector: PanelConnector;
  now: number;
}

function dueText(item: CallbackItem, now: number): string {
  if (item.dueAt === undefined) return 'As soon as possible';
  const until = item.dueUntil !== undefined ? ` to ${formatWhen(item.dueUntil, now)}` : '';
  const late = item.dueAt < now ? ' (due)' : '';
  return `${formatWhen(item.dueAt, now)}${until}${late}`;
}

function CallbackRow({ item, can, action, connector, now }: RowProps) {
  const [open, setOpen] = useState<'reschedule' | 'cancel' | undefined>();
  const who = item.name ? `${item.name} (${item.number})` : item.number;
  const mayAct = item.owner !== 'taken';
  const send = (type: 'takeCallback' | 'releaseCallback' | 'startCallback' | 'cancelCallback') =>
    action.run({ type: 'panel/command', command: { type, callbackId: item.id } });
  const formId = `sb-callback-${safeId(item.id)}`;
  // `opens`: the button shows and hides the reschedule form below (a disclosure).
  const button = (label: string, aria: string, onClick: () => void, opens?: boolean) => (
    <button
      type="button"
      class="sb-small"
      aria-label={`${aria} ${who}`}
      aria-expanded={opens}
      aria-controls={opens ? formId : undefined}
      disabled={action.pending}
      onClick={onClick}
    >
      {label}
    </button>
  );
  return (
    <li class="sb-item">
      <div class="sb-item-head">
        <strong>{item.name ?? item.number}</strong>
        {item.name && <span class="sb-number">{item.number}</span>}
        <span class={`sb-tag${item.owner === 'mine' ? ' sb-tag--on' : ''}`}>
          {callbackOwnerText(item.owner)}
        </span>
      </div>
      <p class="sb-muted">
        Due: {dueText(item, now)}
        {item.queue ? ` · ${item.queue}` : ''}
        {item.detail ? ` · ${item.detail}` : ''}
      </p>
      {item.note && <p class="sb-note-text">{item.note}</p>}
      <div class="sb-row sb-wrap">
        {can('takeCallback') &&
          item.owner === 'open' &&
          button('Take', 'Take callback for', () => void send('takeCallback'))}
        {can('startCallback') &&
          mayAct &&
          button('Call now', 'Call back', () => void send('startCallback'))}
        {can('releaseCallback') &&
          item.owner === 'mine' &&
          button('Release', 'Release callback for', () => void send('releaseCallback'))}
        {can('rescheduleCallback') &&
          mayAct &&
          button(
            'Reschedule',
            'Reschedule callback for',
            () => setOpen(open === 'reschedule' ? undefined : 'reschedule'),
            open === 'reschedule',
          )}
        {can('cancelCallback') &&
          mayAct &&
          button('Cancel', 'Cancel callback for', () => setOpen('cancel'))}
      </div>
      {open === 'cancel' && (
        <div class="sb-row sb-wrap" role="group" aria-label="Confirm cancellation">
          <p>Cancel the callback to {who}?</p>
          <button
            type="button"
            class="sb-small"
            disabled={action.pending}
            onClick={async () => {
              if ((await send('cancelCallback')).ok) setOpen(undefined);
            }}
          >
            Cancel the callback
          </button>
          <button type="button" class="sb-small" onClick={() => setOpen(undefined)}>
            Keep it
          </button>
        </div>
      )}
      {open === 'reschedule' && (
        <CallbackForm
          id={formId}
          mode={{ kind: 'reschedule', item }}
          connector={connector}
          onDone={() => setOpen(undefined)}
        />
      )}
    </li>
  );
}
