/**
 * The connection in plain words: "Connected", "Connecting…", "Reconnecting… (attempt 3)", or
 * "Offline" when the computer has no network. What support asks about (pushed events or
 * polling, the last event, the next attempt and why the last one failed) is one click away, in a
 * disclosure under the line.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatNumber } from '../utils/i18n/format';
import { t } from '../utils/i18n/runtime';
import type { PanelState } from '../utils/messaging';
import { connectionText, formatClock, secondsUntil, transportText } from '../utils/ui/format';
import { useNow } from './hooks';

const DETAILS_ID = 'sb-connection-details';

/** The browser's own idea of the network (`navigator.onLine`), followed as it changes. */
function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    addEventListener('online', update);
    addEventListener('offline', update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** The technical detail under the line, as term and value, in the order support reads it. */
function connectionDetails(state: PanelState, offline: boolean, now: number): [string, string][] {
  const { connection, lastEventAt, transport } = state;
  const rows: [string, string][] = [];
  if (offline) rows.push([t('connection.network'), t('connection.noNetwork')]);
  if (connection.status === 'connected') {
    rows.push([t('connection.since'), formatClock(connection.since)]);
  }
  if (connection.status === 'reconnecting') {
    const seconds = formatNumber(secondsUntil(connection.retryAt, now));
    rows.push([t('connection.nextAttempt'), t('connection.inSeconds', { seconds })]);
    rows.push([t('connection.reason'), connection.reason]);
  }
  if (transport) rows.push([t('connection.updates'), transportText(transport)]);
  if (lastEventAt !== undefined) rows.push([t('connection.lastEvent'), formatClock(lastEventAt)]);
  return rows;
}

export function ConnectionStatus({ state }: { state: PanelState }) {
  const { connection } = state;
  const [open, setOpen] = useState(false);
  const online = useOnline();
  // Only the countdown to the next attempt ticks, and only while it is shown.
  const now = useNow(1000, open && connection.status === 'reconnecting');
  // Without a network nothing connects: say so rather than count attempts.
  const offline = !online && connection.status !== 'connected';
  const details = connectionDetails(state, offline, now);
  return (
    <div class={`sb-connection sb-connection--${offline ? 'offline' : connection.status}`}>
      <div class="sb-connection-line">
        <span class="sb-dot" aria-hidden="true" />
        <span role="status" class="sb-connection-text">
          {offline ? t('connection.offline') : connectionText(connection)}
        </span>
        {details.length > 0 && (
          <button
            type="button"
            class="sb-small sb-disclosure"
            aria-expanded={open}
            aria-controls={open ? DETAILS_ID : undefined}
            aria-label={t('connection.detailsLabel')}
            onClick={() => setOpen(!open)}
          >
            {t('connection.details')}
          </button>
        )}
      </div>
      {open && details.length > 0 && (
        <dl id={DETAILS_ID} class="sb-connection-details">
          {details.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
