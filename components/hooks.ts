/**
 * Hooks shared by the panel's views. Views stay pure functions of the state snapshot; these
 * hooks only hold what belongs to the view itself: the clock for ticking timers and the outcome
 * of the agent's last action.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { activeUiLanguage, onUiLanguageChange } from '../utils/i18n/runtime';
import type { Reply } from '../utils/messaging';
import type { PanelMessage } from '../utils/message-checks';
import type { PanelConnector } from '../utils/ui/connector';

/** The current time, re-read every `intervalMs` while `active`. */
export function useNow(intervalMs = 1000, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}

export interface Action {
  /** Sends `msg`; resolves to the reply. Never rejects. */
  run<T = undefined>(msg: PanelMessage): Promise<Reply<T>>;
  pending: boolean;
  /** The last failure, shown next to the control that caused it. */
  error: string | undefined;
  setError(message: string | undefined): void;
}

export function useAction(connector: PanelConnector): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  // The popup can close while a command is in flight; do not set state after unmount.
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const run = useCallback(
    async <T>(msg: PanelMessage): Promise<Reply<T>> => {
      setPending(true);
      setError(undefined);
      let reply: Reply<T>;
      try {
        reply = await connector.send<T>(msg);
      } catch (e) {
        // Connectors promise not to reject; a broken one must still not crash the view.
        reply = { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
      if (mounted.current) {
        setPending(false);
        if (!reply.ok) setError(reply.error);
      }
      return reply;
    },
    [connector],
  );
  return { run, pending, error, setError };
}

/**
 * Renders the component again when the interface's language changes. Views re-render with every
 * state anyway; an element made once and passed down unchanged (the popup's footer) is skipped
 * by Preact's diff, so it follows the language itself.
 */
export function useUiLanguage(): string {
  const [language, setLanguage] = useState(activeUiLanguage);
  useEffect(() => onUiLanguageChange(() => setLanguage(activeUiLanguage())), []);
  return language;
}
