/**
 * The diagnostics report, asked for at once and again every `refreshMs` while the page is
 * visible and not paused (`panel/diagnostics`). A failed refresh keeps the last report on screen
 * and says so.
 */
import { useEffect, useState } from 'preact/hooks';
import type { DiagnosticsReport } from '../../utils/messaging';
import type { PanelConnector } from '../../utils/ui/connector';

export type ReportSender = Pick<PanelConnector, 'send'>;

export interface ReportState {
  report?: DiagnosticsReport;
  error?: string;
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
