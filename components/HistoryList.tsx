/**
 * Rows of call history, newest first: who, which way, when (date and time, in the panel's
 * language), how it went, the disposition, and a call-back button when dialling is possible.
 * Shared by the recent calls and the History section.
 */
import type { CallEntry, HistoryEntry, OutageEntry } from '../utils/history/entry';
import { outageText } from '../utils/history/outage';
import { formatDateTime } from '../utils/i18n/format';
import { t } from '../utils/i18n/runtime';
import { directionText, formatDuration, remoteNumber } from '../utils/ui/format';
import { isoTime } from '../utils/ui/locale';
import type { Action } from './hooks';

/** A history row; `fromVendor`: read from the phone system's own records. */
export type ShownEntry = HistoryEntry & { fromVendor?: true };

interface Props {
  entries: readonly ShownEntry[];
  canDial: boolean;
  action: Action;
  /** The time now (the year is shown only for calls of another year); the clock's when absent. */
  now?: number;
}

function outcome(entry: CallEntry): string {
  if (entry.answeredAt === undefined)
    return entry.direction === 'inbound' ? t('historyList.missed') : t('historyList.noAnswer');
  if (entry.endedAt === undefined) return t('historyList.inProgress');
  return formatDuration(entry.endedAt - entry.answeredAt);
}

export function HistoryList({ entries, canDial, action, now }: Props) {
  return (
    <ul>
      {entries.map((entry) =>
        entry.kind === 'outage' ? (
          <OutageItem key={entry.callId} entry={entry} />
        ) : (
          <CallItem key={entry.callId} entry={entry} canDial={canDial} action={action} now={now} />
        ),
      )}
    </ul>
  );
}

function CallItem({
  entry,
  canDial,
  action,
  now,
}: { entry: CallEntry & { fromVendor?: true } } & Omit<Props, 'entries'>) {
  const number = remoteNumber(entry.remote);
  const dialable = entry.remote.e164 ?? entry.remote.raw;
  return (
    <li class="sb-recent-item">
      <div class="sb-recent-who">
        <span class="sb-recent-number">{number}</span>
        {entry.remote.name && <span class="sb-muted">{entry.remote.name}</span>}
      </div>
      <div class="sb-recent-meta sb-muted">
        <span>{directionText(entry.direction)}</span>
        <time dateTime={isoTime(entry.startedAt)}>
          {formatDateTime(entry.startedAt, now ?? Date.now())}
        </time>
        <span>{outcome(entry)}</span>
        {entry.foundAfterOutage && <span>{t('historyList.foundAfterOutage')}</span>}
        {entry.fromVendor && <span>{t('historyList.fromPhoneSystem')}</span>}
        {entry.disposition && <span>{entry.disposition.label ?? entry.disposition.code}</span>}
      </div>
      {canDial && dialable && (
        <button
          type="button"
          class="sb-small"
          aria-label={t('historyList.callBackNumber', { number })}
          disabled={action.pending}
          onClick={() =>
            action.run({
              type: 'panel/command',
              command: {
                type: 'dial',
                number: dialable,
                ...(entry.recordId ? { recordId: entry.recordId } : {}),
              },
            })
          }
        >
          {t('historyList.callBack')}
        </button>
      )}
    </li>
  );
}

/** A time the link was down and the vendor could not list its calls. */
function OutageItem({ entry }: { entry: OutageEntry }) {
  return (
    <li class="sb-recent-item sb-recent-outage">
      <span class="sb-muted">{outageText(entry.startedAt, entry.endedAt)}</span>
    </li>
  );
}
