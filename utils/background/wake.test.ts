import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import {
  createWakeDocument,
  WAKE_PORT,
  WAKE_REASON,
  WAKE_RETRY_MAX_MS,
  WAKE_RETRY_MS,
  WAKE_STABLE_MS,
  watchWorker,
  type OffscreenApi,
} from './wake';

const URL_ = 'chrome-extension://abc/offscreen.html';

/** `chrome.offscreen` with Chrome's rules: one document, createDocument rejects while it is open. */
function fakeOffscreen() {
  const state = { open: false, created: 0, closed: 0 };
  const api: OffscreenApi = {
    createDocument: vi.fn(async () => {
      await Promise.resolve();
      if (state.open) throw new Error('Only a single offscreen document may be created.');
      state.open = true;
      state.created++;
    }),
    closeDocument: vi.fn(async () => {
      await Promise.resolve();
      if (!state.open) throw new Error('No current offscreen document.');
      state.open = false;
      state.closed++;
    }),
  };
  return { state, api };
}

function keeper(offscreen: OffscreenApi | undefined, documentOpen: () => Promise<boolean>) {
  const log = vi.fn();
  return { log, wake: createWakeDocument({ offscreen, documentOpen, url: URL_, log }) };
}

function fakePort(name: string, sender: Browser.runtime.MessageSender) {
  const listeners: (() => void)[] = [];
  const port = {
    name,
    sender,
    disconnect: vi.fn(),
    onDisconnect: { addListener: (l: () => void) => listeners.push(l) },
    onMessage: { addListener: vi.fn() },
    postMessage: vi.fn(),
  };
  return {
    port: port as unknown as Browser.runtime.Port,
    disconnect: vi.mocked(port.disconnect),
    close: () => listeners.forEach((l) => l()),
  };
}

describe('the worker keeps the offscreen document open while an agent is signed in', () => {
  it('opens it at sign-in, with its reason and justification, and closes it at sign-out', async () => {
    const { state, api } = fakeOffscreen();
    const { wake } = keeper(api, async () => state.open);
    wake.setWanted(true);
    await wake.sync();
    expect(state).toMatchObject({ open: true, created: 1 });
    expect(api.createDocument).toHaveBeenCalledWith({
      url: URL_,
      reasons: [WAKE_REASON],
      justification: expect.stringMatching(/restarts .* background service worker/i),
    });
    wake.setWanted(false);
    await wake.sync();
    expect(state).toMatchObject({ open: false, closed: 1 });
  });

  it('never asks for a second document, however fast sign-ins and sign-outs come', async () => {
    const { state, api } = fakeOffscreen();
    const { wake, log } = keeper(api, async () => state.open);
    for (let i = 0; i < 5; i++) {
      wake.setWanted(true);
      wake.setWanted(false);
      wake.setWanted(true);
    }
    await wake.sync();
    expect(state.open).toBe(true);
    expect(log).not.toHaveBeenCalled();
  });

  it('does not open one that is already open (a worker restarted by it)', async () => {
    const { state, api } = fakeOffscreen();
    state.open = true;
    const { wake } = keeper(api, async () => state.open);
    wake.setWanted(true);
    await wake.sync();
    expect(api.createDocument).not.toHaveBeenCalled();
  });

  it('opens a new one when its port closes and it is still wanted, not after sign-out', async () => {
    const { state, api } = fakeOffscreen();
    const { wake } = keeper(api, async () => state.open);
    wake.setWanted(true);
    await wake.sync();
    const { port, close } = fakePort(WAKE_PORT, { id: 'abc', url: URL_ });
    expect(wake.attach(port)).toBe(true);
    // The browser closed the document.
    state.open = false;
    close();
    await wake.sync();
    expect(state).toMatchObject({ open: true, created: 2 });

    wake.setWanted(false);
    await wake.sync();
    close();
    await wake.sync();
    expect(state).toMatchObject({ open: false, created: 2 });
  });

  it('tells the document its orders now, and again when a new document connects', () => {
    const { api } = fakeOffscreen();
    const received = vi.fn();
    const wake = createWakeDocument({
      offscreen: api,
      documentOpen: async () => true,
      url: URL_,
      log: vi.fn(),
      received,
    });
    const first = fakePort(WAKE_PORT, { id: 'abc', url: URL_ });
    wake.attach(first.port);
    wake.tell({ type: 'ring/play', volume: 70 });
    expect(first.port.postMessage).toHaveBeenCalledWith({ type: 'ring/play', volume: 70 });
    // The document's word back reaches the worker.
    const [[listener]] = vi.mocked(first.port.onMessage.addListener).mock.calls as [
      [(m: unknown) => void],
    ];
    listener({ type: 'ring/failed', reason: 'no device' });
    expect(received).toHaveBeenCalledWith({ type: 'ring/failed', reason: 'no device' });
    // A reopened document starts knowing nothing: it gets the latest orders on connecting.
    first.close();
    wake.tell({ type: 'ring/stop' });
    expect(first.port.postMessage).toHaveBeenCalledTimes(1);
    const second = fakePort(WAKE_PORT, { id: 'abc', url: URL_ });
    wake.attach(second.port);
    expect(second.port.postMessage).toHaveBeenCalledWith({ type: 'ring/stop' });
  });

  it('refuses the wake port from anything but its document: a content script gets cut off', async () => {
    const { state, api } = fakeOffscreen();
    const { wake } = keeper(api, async () => state.open);
    const tab = { id: 3 } as Browser.tabs.Tab;
    const fromPage = fakePort(WAKE_PORT, { id: 'abc', url: 'https://crm.example.com/', tab });
    expect(wake.attach(fromPage.port)).toBe(true);
    expect(fromPage.disconnect).toHaveBeenCalled();
    const sameUrlInTab = fakePort(WAKE_PORT, { id: 'abc', url: URL_, tab });
    wake.attach(sameUrlInTab.port);
    expect(sameUrlInTab.disconnect).toHaveBeenCalled();
    // Its disconnect does not count as the document closing.
    fromPage.close();
    await wake.sync();
    expect(api.createDocument).not.toHaveBeenCalled();
  });

  it('leaves other ports alone', () => {
    const { api } = fakeOffscreen();
    const { wake } = keeper(api, async () => false);
    const other = fakePort('switchboard-panel', { id: 'abc', url: URL_ });
    expect(wake.attach(other.port)).toBe(false);
    expect(other.disconnect).not.toHaveBeenCalled();
  });

  it('does nothing where the browser has no offscreen documents (Firefox)', async () => {
    const documentOpen = vi.fn(async () => false);
    const { wake, log } = keeper(undefined, documentOpen);
    wake.setWanted(true);
    await wake.sync();
    expect(documentOpen).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it('logs a refusal from the browser and tries again at the next sync', async () => {
    const { state, api } = fakeOffscreen();
    vi.mocked(api.createDocument).mockRejectedValueOnce(new Error('quota'));
    const { wake, log } = keeper(api, async () => state.open);
    wake.setWanted(true);
    await vi.waitFor(() =>
      expect(log).toHaveBeenCalledWith('offscreen document not updated', expect.any(Error)),
    );
    expect(state.open).toBe(false);
    await wake.sync();
    expect(state.open).toBe(true);
  });
});

describe('the offscreen document restarts a stopped worker', () => {
  function harness() {
    let now = 0;
    const timers: { at: number; run: () => void }[] = [];
    const ports: { close(): void }[] = [];
    const connect = vi.fn(() => {
      const listeners: (() => void)[] = [];
      ports.push({ close: () => listeners.forEach((l) => l()) });
      return { onDisconnect: { addListener: (l: () => void) => listeners.push(l) } };
    });
    watchWorker({
      connect,
      now: () => now,
      setTimeout: (run, ms) => timers.push({ at: now + ms, run }),
      log: vi.fn(),
    });
    return {
      connect,
      timers,
      now: () => now,
      /** The worker stops: the newest port closes. */
      stop: () => ports.at(-1)!.close(),
      advance(ms: number) {
        now += ms;
        for (const timer of timers.filter((t) => t.at <= now)) {
          timers.splice(timers.indexOf(timer), 1);
          timer.run();
        }
      },
    };
  }

  it('connects at once, and again at once when a worker that was up stops', () => {
    const h = harness();
    expect(h.connect).toHaveBeenCalledTimes(1);
    h.advance(60_000);
    h.stop();
    expect(h.connect).toHaveBeenCalledTimes(2);
    expect(h.timers).toHaveLength(0);
  });

  it('retries a quick drop at once, then doubles its delay up to the maximum', () => {
    const h = harness();
    h.stop();
    // A second stop soon after a restart: still at once.
    expect(h.connect).toHaveBeenCalledTimes(2);
    expect(h.timers).toHaveLength(0);
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      h.stop();
      const delay = h.timers[0]!.at - h.now();
      seen.push(delay);
      h.advance(delay);
    }
    expect(seen.slice(0, 4)).toEqual([WAKE_RETRY_MS, 2_000, 4_000, 8_000]);
    expect(seen.at(-1)).toBe(WAKE_RETRY_MAX_MS);
    // A port that stayed up resets it: the next stop is retried at once.
    const before = h.connect.mock.calls.length;
    h.advance(WAKE_STABLE_MS);
    h.stop();
    expect(h.connect).toHaveBeenCalledTimes(before + 1);
    expect(h.timers).toHaveLength(0);
  });

  it('waits and tries again when connecting throws', () => {
    const now = 0;
    const timers: (() => void)[] = [];
    const log = vi.fn();
    const connect = vi
      .fn()
      .mockImplementationOnce(() => {
        throw new Error('Extension context invalidated.');
      })
      .mockImplementation(() => ({ onDisconnect: { addListener: () => undefined } }));
    watchWorker({ connect, now: () => now, setTimeout: (run) => timers.push(run), log });
    expect(log).toHaveBeenCalledWith('could not reach the background', expect.any(Error));
    // The first failure is retried at once, and that one connects.
    expect(connect).toHaveBeenCalledTimes(2);
    expect(timers).toHaveLength(0);
  });
});
