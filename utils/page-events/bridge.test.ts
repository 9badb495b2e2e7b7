/**
 * The page-event bridge with uContact's portal (vendors/README.md §4.4): it forwards the portal's
 * events, and only those, from exactly the configured portal origin, once that is this page's
 * origin; events that arrive before the config is read are replayed then.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentMessage } from '../message-checks';
import { ucontact } from '../cti/vendors/ucontact';
import { createPageEventBridge as createPortalBridge } from './bridge';

const PORTAL = 'https://portal.example.com';
const RINGING = { action: 'gettingCall', params: { number: '+33123456789', guid: 'g-1' } };
const ASSIGNED = { event: 'assignedInteraction', data: { guid: 'g-2', channel: 'voice' } };

let send: ReturnType<typeof vi.fn<(message: ContentMessage) => Promise<unknown>>>;
let controller: AbortController;

/** A window at `origin`: an EventTarget is all the bridge uses of it. */
function windowAt(origin: string): Window {
  return Object.assign(new EventTarget(), { location: { origin } }) as unknown as Window;
}

function post(win: Window, data: unknown, origin = PORTAL): void {
  win.dispatchEvent(new MessageEvent('message', { data, origin }));
}

/** The portal as the background publishes it for uContact. */
const portalAt = (origin: string) => ({
  origin,
  events: ucontact.pageEvents!.events.map(({ key, values }) => ({ key, values: [...values] })),
});

const forwarded = () =>
  send.mock.calls.map(([message]) => message.type === 'content/portalEvent' && message.payload);

beforeEach(() => {
  send = vi.fn(async () => ({ ok: true }));
  controller = new AbortController();
});

describe('portal bridge', () => {
  it('forwards the portal’s events from the portal’s own origin', () => {
    const win = windowAt(PORTAL);
    createPortalBridge({ win, signal: controller.signal, send }).configure(portalAt(PORTAL));
    post(win, RINGING);
    post(win, ASSIGNED);
    expect(send.mock.calls.map(([message]) => message.type)).toEqual([
      'content/portalEvent',
      'content/portalEvent',
    ]);
    expect(forwarded()).toEqual([RINGING, ASSIGNED]);
  });

  it('replays what the softphone posted before the config was read', () => {
    const win = windowAt(PORTAL);
    const bridge = createPortalBridge({ win, signal: controller.signal, send });
    post(win, RINGING);
    expect(send).not.toHaveBeenCalled();
    bridge.configure(portalAt(PORTAL));
    expect(forwarded()).toEqual([RINGING]);
  });

  it('drops early events when this page turns out not to be the portal', () => {
    const win = windowAt('https://crm.example.com');
    const bridge = createPortalBridge({ win, signal: controller.signal, send });
    post(win, RINGING, 'https://crm.example.com');
    bridge.configure(portalAt(PORTAL));
    post(win, RINGING, 'https://crm.example.com');
    post(win, RINGING);
    expect(send).not.toHaveBeenCalled();
  });

  it('forwards nothing without a configured portal', () => {
    const win = windowAt(PORTAL);
    createPortalBridge({ win, signal: controller.signal, send }).configure(portalAt(''));
    post(win, RINGING);
    expect(send).not.toHaveBeenCalled();
  });

  it('ignores other origins and anything that is not a portal event', () => {
    const win = windowAt(PORTAL);
    createPortalBridge({ win, signal: controller.signal, send }).configure(portalAt(PORTAL));
    post(win, RINGING, 'https://evil.example');
    post(win, RINGING, 'null');
    for (const data of [
      'gettingCall',
      null,
      [RINGING],
      { action: 'dial', params: { number: '+1' } },
      { event: 'makeCall' },
      { type: 'wxt:content-script-started' },
    ]) {
      post(win, data);
    }
    expect(send).not.toHaveBeenCalled();
  });

  it('follows a new portal origin and stops when its signal aborts', () => {
    const win = windowAt(PORTAL);
    const bridge = createPortalBridge({ win, signal: controller.signal, send });
    bridge.configure(portalAt(''));
    bridge.configure(portalAt(PORTAL));
    post(win, RINGING);
    controller.abort();
    post(win, ASSIGNED);
    bridge.configure(portalAt(PORTAL));
    post(win, ASSIGNED);
    expect(forwarded()).toEqual([RINGING]);
  });

  it('keeps a bounded number of early events', () => {
    const win = windowAt(PORTAL);
    const bridge = createPortalBridge({ win, signal: controller.signal, send });
    for (let i = 0; i < 150; i++) post(win, { ...RINGING, params: { guid: `g-${i}` } });
    bridge.configure(portalAt(PORTAL));
    expect(send).toHaveBeenCalledTimes(100);
  });

  it('survives a background that cannot be reached', async () => {
    send.mockRejectedValue(new Error('Extension context invalidated.'));
    const win = windowAt(PORTAL);
    createPortalBridge({ win, signal: controller.signal, send }).configure(portalAt(PORTAL));
    post(win, RINGING);
    await Promise.resolve();
    expect(send).toHaveBeenCalledTimes(1);
  });
});
