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
import { t } from '../utils/i18n/runtime';

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
            {t('callbacks.schedule')}
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
      {listed && items.length === 0 && <p class="sb-muted">{t('callbacks.none')}</p>}
      <ErrorAlert message={action.error} />
      {items.length > 0 && (
        <ul class="sb-list" aria-label={t('callbacks.list')}>
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

/** "Due: Tue, Jan 7, 8:30 AM to 10:00 AM (due)". */
function dueText(item: CallbackItem, now: number): string {
  if (item.dueAt === undefined) return t('callbacks.due', { when: t('callbacks.asap') });
  const from = formatWhen(item.dueAt, now);
  const when =
    item.dueUntil !== undefined
      ? t('callbacks.dueWindow', { from, until: formatWhen(item.dueUntil, now) })
      : t('callbacks.due', { when: from });
  return item.dueAt < now ? t('callbacks.late', { when }) : when;
}

/** The callback's row: what each button says, and what its accessible name says. */
const BUTTONS = {
  take: ['callbacks.take', 'callbacks.takeFor'],
  call: ['callbacks.callNow', 'callbacks.callBack'],
  release: ['callbacks.release', 'callbacks.releaseFor'],
  reschedule: ['callbacks.reschedule', 'callbacks.rescheduleFor'],
  cancel: ['callbacks.cancel', 'callbacks.cancelFor'],
} as const;

function CallbackRow({ item, can, action, connector, now }: RowProps) {
  const [open, setOpen] = useState<'reschedule' | 'cancel' | undefined>();
  const who = item.name
    ? t('callbacks.nameAndNumber', { name: item.name, number: item.number })
    : item.number;
  const mayAct = item.owner !== 'taken';
  const send = (type: 'takeCallback' | 'releaseCallback' | 'startCallback' | 'cancelCallback') =>
    action.run({ type: 'panel/command', command: { type, callbackId: item.id } });
  const formId = `sb-callback-${safeId(item.id)}`;
  // `opens`: the button shows and hides the reschedule form below (a disclosure).
  const button = (kind: keyof typeof BUTTONS, onClick: () => void, opens?: boolean) => (
    <button
      type="button"
      class="sb-small"
      aria-label={t(BUTTONS[kind][1], { who })}
      aria-expanded={opens}
      aria-controls={opens ? formId : undefined}
      disabled={action.pending}
      onClick={onClick}
    >
      {t(BUTTONS[kind][0])}
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
        {dueText(item, now)}
        {item.queue ? ` · ${item.queue}` : ''}
        {item.detail ? ` · ${item.detail}` : ''}
      </p>
      {item.note && <p class="sb-note-text">{item.note}</p>}
      <div class="sb-row sb-wrap">
        {can('takeCallback') &&
          item.owner === 'open' &&
          button('take', () => void send('takeCallback'))}
        {can('startCallback') && mayAct && button('call', () => void send('startCallback'))}
        {can('releaseCallback') &&
          item.owner === 'mine' &&
          button('release', () => void send('releaseCallback'))}
        {can('rescheduleCallback') &&
          mayAct &&
          button(
            'reschedule',
            () => setOpen(open === 'reschedule' ? undefined : 'reschedule'),
            open === 'reschedule',
          )}
        {can('cancelCallback') && mayAct && button('cancel', () => setOpen('cancel'))}
      </div>
      {open === 'cancel' && (
        <div class="sb-row sb-wrap" role="group" aria-label={t('callbacks.confirmCancel')}>
          <p>{t('callbacks.cancelQuestion', { who })}</p>
          <button
            type="button"
            class="sb-small"
            disabled={action.pending}
            onClick={async () => {
              if ((await send('cancelCallback')).ok) setOpen(undefined);
            }}
          >
            {t('callbacks.cancelIt')}
          </button>
          <button type="button" class="sb-small" onClick={() => setOpen(undefined)}>
            {t('common.keepIt')}
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
