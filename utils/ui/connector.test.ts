import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  PANEL_PORT,
  PANEL_SNAPSHOT_VERSION,
  type PanelSnapshot,
  type PanelState,
} from '../messaging';
import type { PanelMessage } from '../message-checks';
import { STORAGE } from '../storage/registry';
import { createMockConnector } from '../../tests/support/mock-connector';
import { createRuntimeConnector, type StateSource } from './connector';
import { signedInState, signedOutState } from '../../tests/support/sample-state';

/** A runtime.Port double whose events the test fires. */
function fakePort() {
  const messageListeners: ((msg: unknown) => void)[] = [];
  const disconnectListeners: (() => void)[] = [];
  return {
    name: PANEL_PORT,
    disconnect: vi.fn(),
    postMessage: vi.fn(),
    onMessage: { addListener: (cb: (msg: unknown) => void) => messageListeners.push(cb) },
    onDisconnect: { addListener: (cb: () => void) => disconnectListeners.push(cb) },
    push: (msg: unknown) => messageListeners.forEach((cb) => cb(msg)),
    drop: () => disconnectListeners.forEach((cb) => cb()),
  };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('createRuntimeConnector', () => {
  let ports: ReturnType<typeof fakePort>[];
  let background: PanelState;
  let getStates: number;

  beforeEach(() => {
    vi.useFakeTimers();
    ports = [];
    getStates = 0;
    background = signedOutState();
    vi.spyOn(fakeBrowser.runtime, 'connect').mockImplementation(((info?: { name?: string }) => {
      expect(info?.name).toBe(PANEL_PORT);
      const port = fakePort();
      ports.push(port);
      return port;
    }) as unknown as typeof fakeBrowser.runtime.connect);
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      const msg = message as PanelMessage;
      if (msg.type === 'panel/getState') {
        getStates++;
        return Promise.resolve({ ok: true, value: background });
      }
      return Promise.resolve({ ok: false, error: `unexpected ${msg.type}` });
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks for the state, then follows pushes', async () => {
    const connector = createRuntimeConnector();
    const seen: PanelState[] = [];
    connector.subscribe((s) => seen.push(s));
    await flush();
    expect(seen).toEqual([background]);
    const next = signedInState();
    ports[0]!.push({ type: 'state', state: next });
    ports[0]!.push({ type: 'something else' });
    expect(seen).toEqual([background, next]);
    connector.close();
  });

  it('reconnects and asks again when the worker goes away', async () => {
    const connector = createRuntimeConnector();
    const seen: PanelState[] = [];
    connector.subscribe((s) => seen.push(s));
    await flush();
    background = signedInState();
    ports[0]!.drop();
    expect(ports).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(300);
    expect(ports).toHaveLength(2);
    expect(getStates).toBe(2);
    expect(seen.at(-1)).toEqual(background);
    connector.close();
    expect(ports[1]!.disconnect).toHaveBeenCalled();
  });

  it('does not let a late getState answer overwrite a newer push', async () => {
    const connector = createRuntimeConnector();
    const seen: PanelState[] = [];
    connector.subscribe((s) => seen.push(s));
    const pushed = signedInState({ lastEventAt: 42 });
    ports[0]!.push({ type: 'state', state: pushed });
    await flush();
    expect(seen).toEqual([pushed]);
    connector.close();
  });

  it('keeps asking for a first state while the background cannot answer', async () => {
    const failing = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockRejectedValueOnce(new Error('Receiving end does not exist'));
    const connector = createRuntimeConnector();
    const seen: PanelState[] = [];
    connector.subscribe((s) => seen.push(s));
    await flush();
    expect(seen).toEqual([]);
    failing.mockRestore();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen).toEqual([background]);
    connector.close();
  });

  describe('before the live state', () => {
    const KEY = STORAGE.session.panelSnapshot.key;
    const snapshot = (state: PanelState, savedAt: number, provisional = false): PanelSnapshot => ({
      version: PANEL_SNAPSHOT_VERSION,
      savedAt,
      provisional,
      state,
    });
    /** The background does not answer until `answer()`: the worker is still waking. */
    function slowBackground() {
      let answer = (): void => undefined;
      vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(
        () => new Promise((resolve) => (answer = () => resolve({ ok: true, value: background }))),
      );
      return { answer: () => answer() };
    }
    function watch() {
      const connector = createRuntimeConnector();
      const seen: [string | undefined, StateSource | undefined][] = [];
      connector.subscribe((s, source) => seen.push([s.vendorLabel, source]));
      return { connector, seen };
    }

    it('gives the snapshot at once, marked, then the live state', async () => {
      await fakeBrowser.storage.session.set({
        [KEY]: snapshot(signedInState({ vendorLabel: 'Snapshot' }), 5),
      });
      const worker = slowBackground();
      const { connector, seen } = watch();
      await flush();
      expect(seen).toEqual([['Snapshot', 'snapshot']]);
      worker.answer();
      await flush();
      expect(seen).toEqual([
        ['Snapshot', 'snapshot'],
        ['XiVO', 'live'],
      ]);
      // A snapshot written after the live state changes nothing: the port brings what is new.
      await fakeBrowser.storage.session.set({ [KEY]: snapshot(signedInState(), 9) });
      await flush();
      expect(seen).toHaveLength(2);
      // A subscriber that comes later gets the live state, marked live.
      const late: (StateSource | undefined)[] = [];
      connector.subscribe((_s, source) => late.push(source));
      expect(late).toEqual(['live']);
      connector.close();
    });

    it('shows a snapshot written after the page opened, newest first, provisional marked', async () => {
      const worker = slowBackground();
      const { connector, seen } = watch();
      await flush();
      expect(seen).toEqual([]);
      await fakeBrowser.storage.session.set({
        [KEY]: snapshot(signedOutState({ vendorLabel: 'Guess' }), 10, true),
      });
      await fakeBrowser.storage.session.set({
        [KEY]: snapshot(signedOutState({ vendorLabel: 'Newer' }), 20),
      });
      await fakeBrowser.storage.session.set({
        [KEY]: snapshot(signedOutState({ vendorLabel: 'Older' }), 15),
      });
      await flush();
      expect(seen).toEqual([
        ['Guess', 'provisional'],
        ['Newer', 'snapshot'],
      ]);
      worker.answer();
      await flush();
      expect(seen.at(-1)).toEqual(['XiVO', 'live']);
      connector.close();
    });

    it('keeps asking for the live state while it shows the snapshot', async () => {
      await fakeBrowser.storage.session.set({
        [KEY]: snapshot(signedInState({ vendorLabel: 'Snapshot' }), 5),
      });
      const failing = vi
        .spyOn(fakeBrowser.runtime, 'sendMessage')
        .mockRejectedValueOnce(new Error('Receiving end does not exist'));
      const { connector, seen } = watch();
      await flush();
      expect(seen).toEqual([['Snapshot', 'snapshot']]);
      failing.mockRestore();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(seen.at(-1)).toEqual(['XiVO', 'live']);
      connector.close();
    });

    it('ignores what is not a snapshot of this version, and keeps asking for the live state', async () => {
      await fakeBrowser.storage.session.set({
        [KEY]: { ...snapshot(signedInState(), 5), version: PANEL_SNAPSHOT_VERSION + 1 },
      });
      const failing = vi
        .spyOn(fakeBrowser.runtime, 'sendMessage')
        .mockRejectedValueOnce(new Error('Receiving end does not exist'));
      const { connector, seen } = watch();
      await flush();
      expect(seen).toEqual([]);
      await fakeBrowser.storage.session.set({ [KEY]: { state: signedInState() } });
      await flush();
      expect(seen).toEqual([]);
      failing.mockRestore();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(seen).toEqual([['XiVO', 'live']]);
      connector.close();
    });
  });

  it('turns transport failures and non-replies into errors', async () => {
    const connector = createRuntimeConnector();
    expect(await connector.send({ type: 'panel/signOut' })).toEqual({
      ok: false,
      error: 'unexpected panel/signOut',
    });
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValueOnce(undefined);
    expect((await connector.send({ type: 'panel/signOut' })).ok).toBe(false);
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValueOnce(
      new Error('Receiving end does not exist'),
    );
    expect(await connector.send({ type: 'panel/signOut' })).toEqual({
      ok: false,
      error: 'Receiving end does not exist',
    });
  });
});

describe('createMockConnector', () => {
  it('records messages, answers getState and pushes new states', async () => {
    const connector = createMockConnector(signedOutState());
    const seen: PanelState[] = [];
    const off = connector.subscribe((s) => seen.push(s));
    expect(await connector.send({ type: 'panel/getState' })).toEqual({
      ok: true,
      value: connector.state,
    });
    connector.setState((s) => ({ ...s, vendorLabel: 'Other' }));
    off();
    connector.setState(signedInState());
    expect(seen.map((s) => s.vendorLabel)).toEqual(['XiVO', 'Other']);
    expect(connector.sent).toEqual([{ type: 'panel/getState' }]);
  });
});
