import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { checkAsyncProperty } from '../../tests/support/property';
import { sampleCall } from '../../tests/support/sample-state';
import wxtConfig from '../../wxt.config';
import type { Capabilities } from '../cti/adapter';
import { deriveActions } from '../cti/actions';
import type { Call, CallState, CommandType, Connection } from '../cti/model';
import { XIVO_CAPABILITIES } from '../cti/vendors/xivo/capabilities';
import { fail, ok, type Reply } from '../messaging';
import {
  CALL_KEY_COMMANDS,
  createKeyboardCommands,
  KEY_TEXT,
  keyCommand,
  OPEN_PANEL_COMMAND,
  runCallKey,
  type CallKey,
} from './call-keys';

const CONNECTED: Connection = { status: 'connected', since: 0 };

function callIn(state: CallState, caps: Capabilities, over: Partial<Call> = {}): Call {
  const call = sampleCall({ id: `call-${state}`, vendorCallId: `v-${state}`, state, ...over });
  return { ...call, actions: deriveActions(call, caps) };
}

function deps(calls: Call[], caps: Capabilities = XIVO_CAPABILITIES, connection = CONNECTED) {
  return {
    state: () => ({ connection, calls }),
    capabilities: () => caps,
    vendorLabel: () => 'XiVO',
  };
}

const without = (caps: Capabilities, ...gone: CommandType[]): Capabilities => ({
  ...caps,
  commands: new Set([...caps.commands].filter((c) => !gone.includes(c))),
});

describe('which call a key acts on', () => {
  const caps = XIVO_CAPABILITIES;

  it('Answer answers the ringing inbound call, not the one the agent is in', () => {
    const calls = [callIn('connected', caps), callIn('ringing', caps)];
    expect(keyCommand('answer', deps(calls))).toEqual({ type: 'answer', callId: 'call-ringing' });
  });

  it('Hang up ends the call the agent talks on before declining a waiting one, and declines one that rings alone', () => {
    const ringing = callIn('ringing', caps);
    const talking = callIn('connected', caps);
    expect(keyCommand('hangup', deps([ringing, talking]))).toEqual({
      type: 'hangup',
      callId: 'call-connected',
    });
    expect(keyCommand('hangup', deps([ringing]))).toEqual({
      type: 'hangup',
      callId: 'call-ringing',
    });
    // A held customer is ended only when nothing else is going on.
    const held = callIn('held', caps);
    expect(keyCommand('hangup', deps([held, ringing]))).toMatchObject({ callId: 'call-ringing' });
    expect(keyCommand('hangup', deps([held]))).toMatchObject({ callId: 'call-held' });
  });

  it('Hold holds the call the agent talks on, and resumes a held one otherwise', () => {
    const held = callIn('held', caps);
    const talking = callIn('connected', caps);
    expect(keyCommand('holdResume', deps([held, talking]))).toEqual({
      type: 'hold',
      callId: 'call-connected',
    });
    expect(keyCommand('holdResume', deps([held]))).toEqual({ type: 'resume', callId: 'call-held' });
  });
});

describe('why a key does nothing', () => {
  const caps = XIVO_CAPABILITIES;
  const cases: [string, CallKey, ReturnType<typeof deps>, string][] = [
    ['signed out', 'answer', deps([], caps, { status: 'idle' }), KEY_TEXT.signedOut],
    [
      'the session failed',
      'hangup',
      deps([], caps, { status: 'failed', reason: 'x' }),
      KEY_TEXT.signedOut,
    ],
    [
      'reconnecting',
      'holdResume',
      deps([callIn('connected', caps)], caps, {
        status: 'reconnecting',
        attempt: 1,
        retryAt: 0,
        reason: 'x',
      }),
      KEY_TEXT.offline,
    ],
    ['no call rings', 'answer', deps([callIn('connected', caps)]), KEY_TEXT.none.answer],
    [
      'an outbound call is no call to answer',
      'answer',
      deps([callIn('dialing', caps)]),
      KEY_TEXT.none.answer,
    ],
    ['no call', 'hangup', deps([]), KEY_TEXT.none.hangup],
    [
      'only a ringing call',
      'holdResume',
      deps([callIn('ringing', caps)]),
      KEY_TEXT.none.holdResume,
    ],
    [
      'the vendor cannot answer',
      'answer',
      deps([callIn('ringing', caps)], without(caps, 'answer')),
      KEY_TEXT.unsupported.answer('XiVO'),
    ],
    [
      'the vendor cannot hold',
      'holdResume',
      deps([callIn('connected', caps)], without(caps, 'hold', 'resume')),
      KEY_TEXT.unsupported.hold('XiVO'),
    ],
    [
      'the vendor can resume but not hold',
      'holdResume',
      deps([callIn('connected', caps)], without(caps, 'hold')),
      KEY_TEXT.unsupported.hold('XiVO'),
    ],
    [
      'the call does not allow it now',
      'hangup',
      deps([{ ...callIn('connected', caps), actions: ['hold'] }]),
      KEY_TEXT.notNow.hangup,
    ],
  ];
  it.each(cases)('%s', (_why, key, d, expected) => {
    expect(keyCommand(key, d)).toBe(expected);
  });

  it('passes on the vendor’s refusal, and sends nothing it was not allowed to', async () => {
    const run = vi.fn(async (): Promise<Reply<unknown>> => fail('The line is busy'));
    const d = { ...deps([callIn('ringing', XIVO_CAPABILITIES)]), run };
    expect(await runCallKey('answer', d)).toBe('The line is busy');
    expect(await runCallKey('holdResume', d)).toBe(KEY_TEXT.none.holdResume);
    expect(run).toHaveBeenCalledTimes(1);
    run.mockResolvedValueOnce(ok(undefined));
    expect(await runCallKey('answer', d)).toBeUndefined();
  });
});

/** The listener as the background registers it, with what it did. */
function listener(callKey = vi.fn(async (): Promise<string | undefined> => undefined)) {
  const notify = vi.fn();
  const openSidePanel = vi.fn(async () => undefined);
  const log = vi.fn();
  const commands = createKeyboardCommands({ callKey, openSidePanel, notify, log });
  return { commands, callKey, notify, openSidePanel, log };
}

const tabIn = (windowId: number) => ({ id: 1, windowId }) as Browser.tabs.Tab;

describe('the keyboard command listener', () => {
  it('runs each call key and says in a notification why one did nothing', async () => {
    const { commands, callKey, notify } = listener(vi.fn(async () => KEY_TEXT.none.answer));
    commands.onCommand('answer-call', tabIn(3));
    await vi.waitFor(() =>
      expect(notify).toHaveBeenCalledWith(KEY_TEXT.title.answer, KEY_TEXT.none.answer),
    );
    expect(callKey).toHaveBeenCalledWith('answer');
  });

  it('opens the side panel within the command’s own event (Chrome wants the user gesture)', () => {
    const { commands, openSidePanel, callKey } = listener();
    commands.onCommand(OPEN_PANEL_COMMAND, tabIn(7));
    // Called before onCommand returned: no await came in between.
    expect(openSidePanel).toHaveBeenCalledWith(7);
    expect(callKey).not.toHaveBeenCalled();
  });

  it('says why the side panel did not open', async () => {
    const { commands, notify, openSidePanel } = listener();
    commands.onCommand(OPEN_PANEL_COMMAND, undefined);
    expect(notify).toHaveBeenCalledWith(KEY_TEXT.title.panel, KEY_TEXT.noWindow);
    openSidePanel.mockRejectedValueOnce(new Error('No active side panel'));
    commands.onCommand(OPEN_PANEL_COMMAND, tabIn(7));
    await vi.waitFor(() =>
      expect(notify).toHaveBeenLastCalledWith(
        KEY_TEXT.title.panel,
        KEY_TEXT.panelFailed('No active side panel'),
      ),
    );
  });

  it('ignores every other command name, and never throws', async () => {
    await checkAsyncProperty(
      'keyboard command listener',
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.constantFrom(
            'toString',
            '__proto__',
            'constructor',
            'dial-selection',
            'hasOwnProperty',
          ),
        ),
        fc.option(fc.record({ id: fc.integer(), windowId: fc.integer() }), { nil: undefined }),
        async (name, tab) => {
          const { commands, callKey, openSidePanel, notify } = listener();
          expect(() => commands.onCommand(name, tab as Browser.tabs.Tab | undefined)).not.toThrow();
          const known = Object.hasOwn(CALL_KEY_COMMANDS, name) || name === OPEN_PANEL_COMMAND;
          if (!known) {
            expect(callKey).not.toHaveBeenCalled();
            expect(openSidePanel).not.toHaveBeenCalled();
            expect(notify).not.toHaveBeenCalled();
          }
        },
      ),
      { numRuns: 1_000, label: 'arbitrary command names and tabs' },
    );
  });
});

describe('the manifest', () => {
  type Commands = Record<string, { suggested_key?: { default?: string }; description?: string }>;
  const commandsFor = async (browser: string): Promise<Commands> => {
    const manifest = wxtConfig.manifest;
    const resolved = await (typeof manifest === 'function'
      ? manifest({ browser, manifestVersion: 3, mode: 'production', command: 'build' })
      : manifest);
    return (resolved?.commands ?? {}) as Commands;
  };

  it('declares every keyboard command, each with a description, at most four keys for Chrome, none twice', async () => {
    for (const browser of ['chrome', 'edge', 'firefox']) {
      const commands = await commandsFor(browser);
      for (const name of Object.keys(CALL_KEY_COMMANDS)) expect(commands).toHaveProperty(name);
      expect(commands).toHaveProperty('dial-selection');
      for (const c of Object.values(commands)) expect(c.description).toBeTruthy();
      const keys = Object.values(commands).flatMap((c) => c.suggested_key?.default ?? []);
      expect(new Set(keys).size).toBe(keys.length);
      if (browser !== 'firefox') {
        expect(commands).toHaveProperty(OPEN_PANEL_COMMAND);
        expect(keys.length).toBeLessThanOrEqual(4);
      } else {
        expect(commands).toHaveProperty('_execute_sidebar_action');
      }
      // None of Chrome's own Alt+Shift shortcuts (accelerator_table.cc): A, B, I, T.
      for (const key of keys) expect(key).not.toMatch(/^Alt\+Shift\+[ABIT]$/);
    }
  });
});
