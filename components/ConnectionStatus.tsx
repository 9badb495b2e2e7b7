/**
 * "Connected · Live events · Last event 14:03:22", or why not and when the next attempt is.
 */
import { formatNumber } from '../utils/i18n/format';
import { t } from '../utils/i18n/runtime';
import type { PanelState } from '../utils/messaging';
import { connectionText, formatClock, secondsUntil, transportText } from '../utils/ui/format';
import { useNow } from './hooks';
import { withSlots } from './slots';

export function ConnectionStatus({ state }: { state: PanelState }) {
  const { connection, lastEventAt } = state;
  // Only the reconnect countdown needs a ticking clock.
  const now = useNow(1000, connection.status === 'reconnecting');
  return (
    <div class={`sb-connection sb-connection--${connection.status}`}>
      <span class="sb-dot" aria-hidden="true" />
      <span role="status" class="sb-connection-text">
        {connection.status === 'reconnecting'
          ? withSlots(
              t('connection.reconnecting', {
                attempt: formatNumber(connection.attempt),
                countdown: '{countdown}',
              }),
              {
                // Hidden from the live region, which would otherwise speak every second.
                countdown: (
                  <span aria-hidden="true">
                    {t('connection.countdown', {
                      seconds: formatNumber(secondsUntil(connection.retryAt, now)),
                    })}
                  </span>
                ),
              },
            )
          : connectionText(connection, now)}
      </span>
      {connection.status === 'connected' && state.transport && (
        <span class="sb-muted sb-transport">{transportText(state.transport)}</span>
      )}
      {lastEventAt !== undefined && (
        <span class="sb-muted sb-last-event">
          {t('connection.lastEvent', { time: formatClock(lastEventAt) })}
        </span>
      )}
    </div>
  );
}
