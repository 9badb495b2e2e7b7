/**
 * The panels (popup, side panel) connected to the background, and the toolbar badge: both show
 * the state, and both are told whenever it changes (DESIGN.md "views render a state snapshot").
 */
import type { Browser } from 'wxt/browser';
import type { Logger } from '../cti/adapter';
import type { StoreState } from '../cti/store';
import type { PanelState, StatePush } from '../messaging';
import { badgeFor, type Badge } from './badge';
import { classifySender } from './senders';

export interface ViewsDeps {
  extension: { id: string; origin: string };
  panelState(): PanelState;
  storeState(): StoreState;
  setBadge(badge: Badge): Promise<void>;
  /** Keeps the state for panels that open later (panel-snapshot.ts). */
  snapshot?(state: PanelState): void;
  log: Logger;
}

export interface Views {
  /** A panel opened its port: it gets the state now and after every change. */
  connect(port: Browser.runtime.Port, ready: Promise<void>): void;
  /** Push the state to every panel and update the badge if it changed. */
  broadcast(): void;
  /** Whether the agent has a panel open (polling vendors poll faster then). */
  panelOpen(): boolean;
}

export function createViews(deps: ViewsDeps): Views {
  const ports = new Set<Browser.runtime.Port>();
  let shownBadge = '';

  return {
    connect(port, ready) {
      if (!port.sender || classifySender(port.sender, deps.extension) !== 'extensionPage') {
        port.disconnect();
        return;
      }
      ports.add(port);
      port.onDisconnect.addListener(() => ports.delete(port));
      void ready.then(() => port.postMessage({ type: 'state', state: deps.panelState() }));
    },

    broadcast() {
      const push: StatePush = { type: 'state', state: deps.panelState() };
      for (const port of ports) port.postMessage(push);
      deps.snapshot?.(push.state);
      const badge = badgeFor(deps.storeState());
      const key = `${badge.text}|${badge.color}|${badge.title}`;
      if (key === shownBadge) return;
      shownBadge = key;
      void deps.setBadge(badge).catch((e: unknown) => deps.log.debug('badge update failed', e));
    },

    panelOpen: () => ports.size > 0,
  };
}
