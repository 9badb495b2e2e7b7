/**
 * Dials waiting for the agent's yes (settings `confirmInternational`): the panel is a surface no
 * page can script, so a Call here is the agent's own (utils/background/dial-confirmations.ts).
 */
import type { PanelState } from '../utils/messaging';
import type { PanelConnector } from '../utils/ui/connector';
import { remoteNumber } from '../utils/ui/format';
import { ErrorAlert } from './ErrorAlert';
import { useAction } from './hooks';
import { t } from '../utils/i18n/runtime';

export function DialConfirmations({
  state,
  connector,
}: {
  state: PanelState;
  connector: PanelConnector;
}) {
  const action = useAction(connector);
  const waiting = state.dialConfirmations ?? [];
  if (waiting.length === 0) return null;
  return (
    <section class="sb-confirmations" aria-label={t('dialConfirmations.title')}>
      <ul>
        {waiting.map((dial) => {
          const e164 = remoteNumber({ e164: dial.e164, raw: dial.e164 });
          const number = dial.extension
            ? t('dialConfirmations.withExtension', { number: e164, extension: dial.extension })
            : e164;
          return (
            <li key={dial.id} class="sb-notice sb-notice--warning">
              <p>{t('dialConfirmations.question', { number, from: dial.from })}</p>
              <button
                type="button"
                aria-label={t('dialConfirmations.callNumber', { number })}
                disabled={action.pending}
                onClick={() => action.run({ type: 'panel/confirmDial', id: dial.id, call: true })}
              >
                {t('dialConfirmations.call')}
              </button>
              <button
                type="button"
                class="sb-small"
                aria-label={t('dialConfirmations.cancelNumber', { number })}
                disabled={action.pending}
                onClick={() => action.run({ type: 'panel/confirmDial', id: dial.id, call: false })}
              >
                {t('common.cancel')}
              </button>
            </li>
          );
        })}
      </ul>
      <ErrorAlert message={action.error} />
    </section>
  );
}
