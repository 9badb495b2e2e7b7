/** Messages from the background (vendor refused the agent login…), each dismissable. */
import type { PanelState } from '../utils/messaging';
import type { PanelConnector } from '../utils/ui/connector';
import { useAction } from './hooks';
import { t } from '../utils/i18n/runtime';

export function Notices({ state, connector }: { state: PanelState; connector: PanelConnector }) {
  const action = useAction(connector);
  if (state.notices.length === 0) return null;
  return (
    <ul class="sb-notices" aria-label={t('notices.title')}>
      {state.notices.map((n) => (
        <li key={n.id} class={`sb-notice sb-notice--${n.level}`}>
          {/* Polite even for errors: notices are not the answer to what the agent just did, and
              role=alert stays reserved for those answers, next to their controls. */}
          <p role="status">{n.message}</p>
          <button
            type="button"
            class="sb-small"
            aria-label={t('notices.dismiss')}
            disabled={action.pending}
            onClick={() => action.run({ type: 'panel/dismissNotice', id: n.id })}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
