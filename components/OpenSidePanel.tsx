/**
 * "Open side panel", offered only where Chrome's sidePanel API exists (Firefox has a sidebar the
 * user opens from its own UI). The window id is read up front because `sidePanel.open` must run
 * within the user's click, before any other await.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../utils/i18n/runtime';
import { useUiLanguage } from './hooks';

export function OpenSidePanel() {
  useUiLanguage();
  const [windowId, setWindowId] = useState<number | undefined>();
  const [error, setError] = useState<string | undefined>();
  const api = (browser as { sidePanel?: typeof browser.sidePanel }).sidePanel;
  useEffect(() => {
    if (!api) return;
    void browser.windows.getCurrent().then((w) => setWindowId(w.id));
  }, [api]);
  if (!api || windowId === undefined) return null;
  const open = () => {
    api.open({ windowId }).then(
      () => window.close(),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  };
  return (
    <div class="sb-row">
      <button type="button" class="sb-small" onClick={open}>
        {t('openSidePanel.open')}
      </button>
      {error && (
        <span class="sb-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
