import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { localeMessages } from '../../tests/support/messages';
import { checkAsyncProperty } from '../../tests/support/property';
import { sampleCall } from '../../tests/support/sample-state';
import wxtConfig from '../../wxt.config';
import type { Capabilities } from '../cti/adapter';
import { deriveActions } from '../cti/actions';
import type { Call, CallState, CommandType, Connection } from '../cti/model';
import { XIVO_CAPABILITIES } from '../cti/vendors/xivo/capabilities';
import { setMessages } from '../i18n/runtime';
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

const SIGNED_OUT = 'Switchboard is not signed in to your phone system.';
const NO_CALL_TO_HOLD = 'There is no call to put on hold or resume.';
const CANNOT_HOLD = 'XiVO does not let Switchboard put calls on hold.';

describe('why a key does nothing', () => {
  const caps = XIVO_CAPABILITIES;
  const cases: [string, CallKey, ReturnType<typeof deps>, string][] = [
    ['signed out', 'answer', deps([], caps, { status: 'idle' }), SIGNED_OUT],
    ['the session failed', 'hangup', deps([], caps, { status: 'failed', reason: 'x' }), SIGNED_OUT],
    [
      'reconnecting',
      'holdResume',
      deps([callIn('connected', caps)], caps, {
        status: 'reconnecting',
        attempt: 1,
        retryAt: 0,
        reason: 'x',
      }),
      'Switchboard is reconnecting to your phone system. Try again in a moment.',
    ],
    ['no call rings', 'answer', deps([callIn('connected', caps)]), 'No call is ringing.'],
    [
      'an outbound call is no call to answer',
      'answer',
      deps([callIn('dialing', caps)]),
      'No call is ringing.',
    ],
    ['no call', 'hangup', deps([]), 'There is no call to hang up or decline.'],
    ['only a ringing call', 'holdResume', deps([callIn('ringing', caps)]), NO_CALL_TO_HOLD],
    [
      'the vendor cannot answer',
      'answer',
      deps([callIn('ringing', caps)], without(caps, 'answer')),
      'XiVO does not let Switchboard answer calls.',
    ],
    [
      'the vendor cannot hold',
      'holdResume',
      deps([callIn('connected', caps)], without(caps, 'hold', 'resume')),
      CANNOT_HOLD,
    ],
    [
      'the vendor can resume but not hold',
      'holdResume',
      deps([callIn('connected', caps)], without(caps, 'hold')),
      CANNOT_HOLD,
    ],
    [
      'the call does not allow it now',
      'hangup',
      deps([{ ...callIn('connected', caps), actions: ['hold'] }]),
      'This call cannot be ended from Switchboard right now.',
    ],
  ];
  it.each(cases)('%s', (_why, key, d, expected) => {
    expect(keyCommand(key, d)).toBe(expected);
  });

  it('passes on the vendor’s refusal, and sends nothing it was not allowed to', async () => {
    const run = vi.fn(async (): Promise<Reply<unknown>> => fail('The line is busy'));
    const d = { ...deps([callIn('ringing', XIVO_CAPABILITIES)]), run };
    expect(await runCallKey('answer', d)).toBe('The line is busy');
    expect(await runCallKey('holdResume', d)).toBe(NO_CALL_TO_HOLD);
    expect(run).toHaveBeenCalledTimes(1);
    run.mockResolvedValueOnce(ok(undefined));
    expect(await runCallKey('answer', d)).toBeUndefined();
  });

  it('says it in the interface’s language at the time of the press', async () => {
    const d = deps([callIn('connected', XIVO_CAPABILITIES)], without(XIVO_CAPABILITIES, 'answer'));
    setMessages('fr', localeMessages('fr'));
    expect(keyCommand('answer', d)).toBe(
      'XiVO ne permet pas à Switchboard de répondre aux appels.',
    );
    expect(keyCommand('hangup', deps([]))).toBe('Il n’y a aucun appel à raccrocher ou à refuser.');
    expect(KEY_TEXT.title('holdResume')).toBe('Mise en attente inchangée');
    setMessages('de', localeMessages('de'));
    expect(keyCommand('answer', d)).toBe('XiVO erlaubt Switchboard nicht, Anrufe anzunehmen.');
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
    const { commands, callKey, notify } = listener(vi.fn(async () => KEY_TEXT.none('answer')));
    commands.onCommand('answer-call', tabIn(3));
    await vi.waitFor(() =>
      expect(notify).toHaveBeenCalledWith('Call not answered', 'No call is ringing.'),
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
    expect(notify).toHaveBeenCalledWith(
      'Side panel not opened',
      'No browser window is in front. Open Switchboard from its toolbar button.',
    );
    openSidePanel.mockRejectedValueOnce(new Error('No active side panel'));
    commands.onCommand(OPEN_PANEL_COMMAND, tabIn(7));
    await vi.waitFor(() =>
      expect(notify).toHaveBeenLastCalledWith(
        'Side panel not opened',
        'The side panel could not open: No active side panel',
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

  it('declares every keyboard command, each with a translated description, at most four keys for Chrome, none twice', async () => {
    for (const browser of ['chrome', 'edge', 'firefox']) {
      const commands = await commandsFor(browser);
      for (const name of Object.keys(CALL_KEY_COMMANDS)) expect(commands).toHaveProperty(name);
      expect(commands).toHaveProperty('dial-selection');
      // Messages, so that the shortcuts pages list them in the browser's language.
      for (const c of Object.values(commands)) expect(c.description).toMatch(/^__MSG_\w+__$/);
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
