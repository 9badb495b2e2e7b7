/**
 * "Pop out": the panel in a small window of its own that stays put whichever tab the agent is on
 * (utils/background/pop-out.ts opens it, or brings the open one to the front, and remembers
 * where it was). Absent where the browser has no windows API, and in the popped-out window
 * itself.
 */
import { browser } from 'wxt/browser';
import { POP_OUT_FLAG, usableScreen } from '../utils/background/pop-out';
import { t } from '../utils/i18n/runtime';
import type { PanelConnector } from '../utils/ui/connector';
import { useAction } from './hooks';

const canPopOut = (): boolean =>
  typeof (browser as { windows?: { create?: unknown } }).windows?.create === 'function' &&
  !new URLSearchParams(location.search).has(POP_OUT_FLAG);

export function PopOutButton({ connector }: { connector: PanelConnector }) {
  const action = useAction(connector);
  if (!canPopOut()) return null;
  return (
    <>
      <button
        type="button"
        class="sb-small"
        title={t('popOut.title')}
        disabled={action.pending}
        onClick={() => void action.run({ type: 'panel/popOut', screen: usableScreen() })}
      >
        {t('popOut.button')}
      </button>
      {action.error && (
        <span class="sb-error" role="alert">
          {action.error}
        </span>
      )}
    </>
  );
}
