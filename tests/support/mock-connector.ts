/**
 * An in-memory `PanelConnector` (utils/ui/connector.ts) for component tests: views render the
 * state it holds and it records what they send.
 */
import type { PanelState, Reply } from '../../utils/messaging';
import type { PanelMessage } from '../../utils/message-checks';
import type { PanelConnector } from '../../utils/ui/connector';

export interface MockConnector extends PanelConnector {
  /** Every message sent, in order. */
  readonly sent: PanelMessage[];
  readonly state: PanelState;
  /** Replace the state and notify subscribers, as a background push would. */
  setState(next: PanelState | ((current: PanelState) => PanelState)): void;
}

export type MockReplier = (
  msg: PanelMessage,
  state: PanelState,
) => Reply<unknown> | Promise<Reply<unknown> | undefined> | undefined;

/**
 * An in-memory connector. `reply` decides the answers; by default `panel/getState` answers the
 * current state and everything else succeeds.
 */
export function createMockConnector(initial: PanelState, reply?: MockReplier): MockConnector {
  const listeners = new Set<(state: PanelState) => void>();
  const sent: PanelMessage[] = [];
  let state = initial;
  return {
    sent,
    get state() {
      return state;
    },
    setState(next) {
      state = typeof next === 'function' ? next(state) : next;
      for (const cb of listeners) cb(state);
    },
    subscribe(cb) {
      listeners.add(cb);
      cb(state);
      return () => {
        listeners.delete(cb);
      };
    },
    async send<T>(msg: PanelMessage): Promise<Reply<T>> {
      sent.push(msg);
      const custom = await reply?.(msg, state);
      if (custom) return custom as Reply<T>;
      if (msg.type === 'panel/getState') return { ok: true, value: state as T };
      return { ok: true, value: undefined as T };
    },
  };
}
