// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import type { PanelState } from '../utils/messaging';
import { formatClock } from '../utils/ui/format';
import { showPanel, unmountPanels } from '../tests/support/panel-view';
import { signedInState } from '../tests/support/sample-state';
import { button, click, text } from '../tests/support/test-dom';

let online = true;
Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });

afterEach(() => {
  unmountPanels();
  online = true;
});

const line = (root: HTMLElement) => root.querySelector<HTMLElement>('.sb-connection')!;
const status = (root: HTMLElement) => text(line(root).querySelector('[role="status"]'));
/** The details as "term: value" rows. */
const details = (root: HTMLElement) =>
  [...line(root).querySelectorAll('dl > div')].map(
    (row) => `${text(row.querySelector('dt'))}: ${text(row.querySelector('dd'))}`,
  );

function show(over: Partial<PanelState>) {
  return showPanel(signedInState(over), { layout: 'popup' });
}

function goOffline(value: boolean) {
  act(() => {
    online = !value;
    dispatchEvent(new Event(value ? 'offline' : 'online'));
  });
}

describe('connection line', () => {
  it('says Connected, with how calls arrive and the last event behind a disclosure', () => {
    const since = new Date(2025, 0, 6, 9, 0, 0).getTime();
    const lastEventAt = new Date(2025, 0, 6, 14, 3, 22).getTime();
    const { root } = show({
      connection: { status: 'connected', since },
      transport: { mode: 'polling', intervalMs: 5_000 },
      lastEventAt,
    });
    expect(status(root)).toBe('Connected');
    const toggle = button(root, 'Connection details');
    expect(text(toggle)).toBe('Details');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.hasAttribute('aria-controls')).toBe(false);
    expect(text(line(root))).not.toContain('Polling');

    click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const region = document.getElementById(toggle.getAttribute('aria-controls')!);
    expect(region?.tagName).toBe('DL');
    expect(details(root)).toEqual([
      `Connected since: ${formatClock(since)}`,
      'Updates: Polling every 5 s',
      `Last event: ${formatClock(lastEventAt)}`,
    ]);
    click(toggle);
    expect(line(root).querySelector('dl')).toBeNull();
  });

  it('counts reconnect attempts on the line; the countdown and the reason are details', () => {
    const { root } = show({
      connection: {
        status: 'reconnecting',
        attempt: 3,
        retryAt: Date.now() + 4_500,
        reason: 'WebSocket closed (1006)',
      },
      transport: { mode: 'events' },
    });
    expect(status(root)).toBe('Reconnecting… (attempt 3)');
    click(button(root, 'Connection details'));
    expect(details(root)).toEqual([
      'Next attempt: in 5 s',
      'Reason: WebSocket closed (1006)',
      'Updates: Live events',
      'Last event: ' + formatClock(signedInState().lastEventAt!),
    ]);
  });

  it('says Offline while the computer has no network, and Connected again once it has', () => {
    const { root, connector } = show({
      connection: { status: 'reconnecting', attempt: 1, retryAt: Date.now(), reason: 'closed' },
    });
    goOffline(true);
    expect(status(root)).toBe('Offline');
    expect(line(root).classList.contains('sb-connection--offline')).toBe(true);
    click(button(root, 'Connection details'));
    expect(details(root)[0]).toBe(
      'Network: No network connection. Switchboard reconnects as soon as it is back.',
    );
    // A session still connected is believed over the browser's guess.
    act(() => connector.setState((s) => ({ ...s, connection: { status: 'connected', since: 0 } })));
    expect(status(root)).toBe('Connected');
    goOffline(false);
    expect(status(root)).toBe('Connected');
  });
});
