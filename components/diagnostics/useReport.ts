/**
 * The diagnostics report, asked for at once and again every `refreshMs` while the page is
 * visible and not paused (`panel/diagnostics`). A failed refresh keeps the last report on screen
 * and says so. A report is shown once the language of its settings (`ui.language`) is in place,
 * as the options page does with the settings it reads: the page follows the agent's choice.
 */
import { useEffect, useState } from 'preact/hooks';
import { UI_LANGUAGES, type UiLanguage } from '../../utils/i18n/languages';
import { isUiLanguageActive, setUiLanguage } from '../../utils/i18n/runtime';
import type { DiagnosticsReport } from '../../utils/messaging';
import type { PanelConnector } from '../../utils/ui/connector';

export type ReportSender = Pick<PanelConnector, 'send'>;

export interface ReportState {
  report?: DiagnosticsReport;
  error?: string;
}

/** The interface language of the report's settings in force; the browser's when it has none. */
export function reportLanguage(report: DiagnosticsReport): UiLanguage {
  const value = report.settings.find((setting) => setting.path === 'ui.language')?.value;
  return UI_LANGUAGES.find((language) => language === value) ?? 'browser';
}

export function useReport(connector: ReportSender, refreshMs: number, paused: boolean) {
  const [state, setState] = useState<ReportState>({});

  useEffect(() => {
    let stopped = false;
    let inFlight = false;
    const load = async () => {
      if (inFlight || stopped) return;
      inFlight = true;
      const reply = await connector.send<DiagnosticsReport>({ type: 'panel/diagnostics' });
      const language = reply.ok ? reportLanguage(reply.value) : undefined;
      // Never rejects: a language that cannot be loaded leaves the browser's.
      if (language && !isUiLanguageActive(language)) await setUiLanguage(language);
      inFlight = false;
      if (stopped) return;
      setState((prev) =>
        reply.ok ? { report: reply.value } : { report: prev.report, error: reply.error },
      );
    };
    void load();
    if (paused) return () => void (stopped = true);
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void load();
    }, refreshMs);
    const onVisible = () => void (document.visibilityState === 'visible' && load());
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [connector, refreshMs, paused]);

  return state;
}
