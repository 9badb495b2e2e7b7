/**
 * The agent's queues (side panel): each with its live figures where the vendor publishes them
 * (calls waiting, the longest wait ticking on from when it was observed, agents available) and
 * whether the agent takes its calls, with Join and Leave where the vendor allows them.
 */
import type { QueueInfo, QueueStats } from '../utils/cti/features';
import type { PanelState } from '../utils/messaging';
import type { PanelConnector } from '../utils/ui/connector';
import { formatDuration } from '../utils/ui/format';
import { ErrorAlert } from './ErrorAlert';
import { useAction, useNow, type Action } from './hooks';
import { formatNumber } from '../utils/i18n/format';
import { t } from '../utils/i18n/runtime';

interface Props {
  state: PanelState;
  connector: PanelConnector;
}

/** The queues listed, then queues the vendor sent figures for without listing them. */
function queueRows(state: PanelState): { queue: QueueInfo; stats?: QueueStats }[] {
  const { queues, queueStats } = state.agentTools;
  const listed = new Set(queues.map((q) => q.id));
  const extra = Object.keys(queueStats)
    .filter((id) => !listed.has(id))
    .map((id): QueueInfo => ({ id, name: id }));
  return [...queues, ...extra].map((queue) => ({ queue, stats: queueStats[queue.id] }));
}

/** The longest wait now: the observed one plus the time since, while calls still wait. */
export function longestWaitMs(stats: QueueStats, now: number): number | undefined {
  if (stats.longestWaitS === undefined) return undefined;
  const observed = stats.longestWaitS * 1000;
  if (stats.waiting === 0 || stats.at === undefined) return observed;
  return observed + Math.max(0, now - stats.at);
}

export function QueuesTab({ state, connector }: Props) {
  const action = useAction(connector);
  const rows = queueRows(state);
  const ticking = rows.some(
    ({ stats }) => stats?.longestWaitS !== undefined && stats.waiting !== 0,
  );
  const now = useNow(1000, ticking);
  const tools = {
    action,
    canJoin: state.commands.includes('joinQueue'),
    canLeave: state.commands.includes('leaveQueue'),
    now,
  };
  if (rows.length === 0) return <p class="sb-muted">{t('queues.none')}</p>;
  return (
    <div class="sb-tool">
      <ErrorAlert message={action.error} />
      <ul class="sb-list" aria-label={t('queues.list')}>
        {rows.map(({ queue, stats }) => (
          <QueueRow key={queue.id} queue={queue} stats={stats} {...tools} />
        ))}
      </ul>
    </div>
  );
}

interface RowProps {
  queue: QueueInfo;
  stats?: QueueStats;
  action: Action;
  canJoin: boolean;
  canLeave: boolean;
  now: number;
}

function QueueRow({ queue, stats, action, canJoin, canLeave, now }: RowProps) {
  const name = queue.name || queue.id;
  const send = (type: 'joinQueue' | 'leaveQueue') =>
    action.run({ type: 'panel/command', command: { type, queue: queue.id } });
  // Where membership is unknown, both are offered: the vendor says no if it does not apply.
  const offered = [
    ...(canJoin && queue.member !== true
      ? [['joinQueue', t('queues.join'), t('queues.joinQueue', { name })] as const]
      : []),
    ...(canLeave && queue.member !== false
      ? [['leaveQueue', t('queues.leave'), t('queues.leaveQueue', { name })] as const]
      : []),
  ];
  const wait = stats && longestWaitMs(stats, now);
  const count = (n: number | undefined) => (n === undefined ? undefined : formatNumber(n));
  const figures: [string, string | undefined][] = stats
    ? [
        [t('queues.waiting'), count(stats.waiting)],
        [t('queues.longestWait'), wait === undefined ? undefined : formatDuration(wait)],
        [t('queues.agentsAvailable'), count(stats.agentsAvailable)],
        [t('queues.agentsSignedIn'), count(stats.agentsLoggedIn)],
        [t('queues.answered'), count(stats.answered)],
        [t('queues.abandoned'), count(stats.abandoned)],
      ]
    : [];
  const shown = figures.filter(([, value]) => value !== undefined);
  return (
    <li class="sb-item">
      <div class="sb-item-head">
        <strong>{name}</strong>
        {queue.number && <span class="sb-muted">{queue.number}</span>}
        {queue.member !== undefined && (
          <span class={`sb-tag${queue.member ? ' sb-tag--on' : ''}`}>
            {queue.member ? t('queues.member') : t('queues.notMember')}
          </span>
        )}
      </div>
      {shown.length > 0 && (
        <dl class="sb-figures" aria-label={t('queues.figures', { name })}>
          {shown.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <div class="sb-row">
        {offered.map(([type, text, aria]) => (
          <button
            key={type}
            type="button"
            class="sb-small"
            aria-label={aria}
            disabled={action.pending}
            onClick={() => void send(type)}
          >
            {text}
          </button>
        ))}
      </div>
    </li>
  );
}
