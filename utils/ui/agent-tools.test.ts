import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localeMessages } from '../../tests/support/messages';
import { checkAsyncProperty } from '../../tests/support/property';
import { sampleCall, signedInState } from '../../tests/support/sample-state';
import type { VendorAction } from '../cti/features';
import { COMMAND_TYPES, type CommandInput } from '../cti/model';
import { resetUiLanguage, setMessages, t } from '../i18n/runtime';
import {
  callActions,
  callExtras,
  commandOrProblem,
  dialableNumber,
  formatStat,
  formatWhen,
  hasMore,
  loadCommandCheck,
  mainNumber,
  panelTabs,
  transferableCall,
} from './agent-tools';

const action = (over: Partial<VendorAction> = {}): VendorAction => ({
  id: 'tag',
  label: 'Tag the recording',
  fields: [],
  ...over,
});

describe('panelTabs: a section only for what the vendor can do', () => {
  it('is Calls alone for a vendor without agent features', () => {
    expect(panelTabs(signedInState())).toEqual(['calls']);
  });

  it('adds each section for its feature or command, in display order', () => {
    const state = signedInState({
      features: ['history', 'queues', 'directory', 'callbacks', 'presence'],
    });
    expect(panelTabs(state)).toEqual([
      'calls',
      'queues',
      'directory',
      'callbacks',
      'history',
      'more',
    ]);
  });

  it('offers the directory for speed dial or favourites, but only with something to do', () => {
    expect(panelTabs(signedInState({ hasSpeedDial: true }))).toContain('directory');
    expect(panelTabs(signedInState({ features: ['favorites'] }))).toContain('directory');
    // Nothing to call nor to transfer with: no directory.
    const mute = signedInState({ hasSpeedDial: true, commands: ['answer', 'hangup'] });
    expect(panelTabs(mute)).not.toContain('directory');
    const transferOnly = signedInState({ hasSpeedDial: true, commands: ['blindTransfer'] });
    expect(panelTabs(transferOnly)).toContain('directory');
  });

  it('offers Callbacks for scheduling alone, Queues for statistics alone', () => {
    const state = signedInState({
      commands: ['dial', 'scheduleCallback'],
      features: ['queueStats'],
    });
    expect(panelTabs(state)).toEqual(['calls', 'queues', 'callbacks']);
  });

  it('offers More for presence commands, figures, voicemail or agent-scope actions only', () => {
    expect(hasMore(signedInState())).toBe(false);
    expect(hasMore(signedInState({ commands: ['setDnd'] }))).toBe(true);
    expect(hasMore(signedInState({ features: ['voicemail'] }))).toBe(true);
    expect(hasMore(signedInState({ features: ['agentStats'] }))).toBe(true);
    const tools = signedInState().agentTools;
    const onCall = { ...tools, vendorActions: [action({ callId: 'call-1' })] };
    expect(hasMore(signedInState({ agentTools: onCall }))).toBe(false);
    const agentScope = { ...tools, vendorActions: [action()] };
    expect(hasMore(signedInState({ agentTools: agentScope }))).toBe(true);
  });
});

describe('call extras', () => {
  it('offers a call its own actions in their states (any live state when none is named)', () => {
    const actions = [
      action({ id: 'a', callId: 'call-1' }),
      action({ id: 'b', callId: 'call-1', states: ['connected'] }),
      action({ id: 'c', callId: 'other' }),
      action({ id: 'd' }),
    ];
    const ids = (call: ReturnType<typeof sampleCall>) =>
      callActions(actions, call).map((a) => a.id);
    expect(ids(sampleCall())).toEqual(['a']);
    expect(ids(sampleCall({ state: 'connected' }))).toEqual(['a', 'b']);
    expect(ids(sampleCall({ state: 'ended' }))).toEqual([]);
    const ended = [action({ id: 'e', callId: 'call-1', states: ['ended'] })];
    expect(callActions(ended, sampleCall({ state: 'ended' })).map((a) => a.id)).toEqual(['e']);
  });

  it('lets a live call take call data only where the vendor can, and shows data with the feature', () => {
    const live = sampleCall({ state: 'connected' });
    expect(callExtras(signedInState(), live)).toMatchObject({
      canSetData: false,
      showData: false,
      directory: false,
    });
    const able = signedInState({
      commands: ['setCallData'],
      features: ['callData', 'directory'],
    });
    // The store gives a live call of such a vendor the setCallData action (cti/actions.ts).
    const withData = sampleCall({ state: 'connected', actions: ['hangup', 'setCallData'] });
    expect(callExtras(able, withData)).toMatchObject({
      canSetData: true,
      showData: true,
      directory: true,
    });
    expect(callExtras(able, sampleCall({ state: 'ended' })).canSetData).toBe(false);
  });

  it('finds the live call a directory entry can be transferred to', () => {
    const ringing = sampleCall({ id: 'r', actions: ['answer'] });
    const talking = sampleCall({ id: 't', state: 'connected', actions: ['attendedTransfer'] });
    expect(transferableCall([ringing, talking])?.id).toBe('t');
    expect(transferableCall([ringing])).toBeUndefined();
  });
});

/** Every sentence `commandOrProblem` may answer with (locales/en.yml `agentTools`). */
const PROBLEM_KEYS = [
  'target',
  'digits',
  'extension',
  'dataKey',
  'dataCount',
  'dataValue',
  'time',
  'number',
  'tooLong',
  'checkValues',
] as const;
type AgentToolsKey = (typeof PROBLEM_KEYS)[number];

describe('numbers and wording', () => {
  it('makes a directory number dialable by dropping separators only', () => {
    expect(dialableNumber('+33 1 23-45.67 (89)')).toBe('+33123456789');
    expect(dialableNumber('sip:ada@example.com')).toBe('sip:ada@example.com');
    expect(mainNumber({ numbers: [{ number: '10 01' }, { number: '2' }] })).toBe('1001');
    expect(mainNumber({ numbers: [] })).toBeUndefined();
  });

  it('says why a command is refused before it is sent, by the field at fault', async () => {
    const long = (n: number) => 'x'.repeat(n);
    const cases: [CommandInput, AgentToolsKey][] = [
      [{ type: 'blindTransfer', callId: 'c', target: 'sip:x' }, 'target'],
      [{ type: 'sendDtmf', callId: 'c', digits: '1x' }, 'digits'],
      [{ type: 'dial', number: '123', extension: 'ext' }, 'extension'],
      [{ type: 'setCallData', callId: 'c', data: { 'bad key': 'v' } }, 'dataKey'],
      [
        {
          type: 'setCallData',
          callId: 'c',
          data: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])),
        },
        'dataCount',
      ],
      [{ type: 'setCallData', callId: 'c', data: { k: long(1001) } }, 'dataValue'],
      [{ type: 'scheduleCallback', number: '123', at: -1 }, 'time'],
      [{ type: 'rescheduleCallback', callbackId: 'b', at: 1, until: 1.5 }, 'time'],
      [{ type: 'dial', number: '   ' }, 'number'],
      [{ type: 'dial', number: long(65) }, 'tooLong'],
      [{ type: 'scheduleCallback', number: '1', at: 1, note: long(2001) }, 'tooLong'],
      [{ type: 'dispose', callId: 'c', code: '' }, 'checkValues'],
    ];
    for (const [input, key] of cases)
      expect(await commandOrProblem(input)).toBe(t(`agentTools.${key}`));
    setMessages('fr', localeMessages('fr'));
    try {
      expect(await commandOrProblem(cases[0]![0])).toBe(
        'Saisissez un numéro ou un poste (chiffres, * et # uniquement)',
      );
    } finally {
      resetUiLanguage();
    }
    expect(await commandOrProblem({ type: 'joinQueue', queue: 'q1' })).toEqual({
      type: 'joinQueue',
      queue: 'q1',
    });
  });

  it('answers any input with the command the model makes of it, or one of its sentences', async () => {
    const { Command } = await loadCommandCheck();
    const sentences = new Set(PROBLEM_KEYS.map((key) => t(`agentTools.${key}`)));
    const field = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.stringMatching(/^\+?[0-9*#A-D]{0,40}$/),
      fc.integer({ min: -10, max: 2 ** 53 }),
      fc.double(),
      fc.boolean(),
      fc.dictionary(fc.string({ maxLength: 70 }), fc.string({ maxLength: 1100 }), {
        maxKeys: 22,
      }),
    );
    const input = fc.record(
      {
        type: fc.constantFrom(...COMMAND_TYPES),
        callId: fc.string({ maxLength: 3 }),
        number: field,
        target: field,
        digits: field,
        extension: field,
        data: field,
        variables: field,
        at: field,
        until: field,
        note: field,
        code: field,
        queue: field,
        callbackId: field,
      },
      { requiredKeys: ['type'] },
    );
    await checkAsyncProperty(
      'panel command check',
      fc.asyncProperty(input, async (value) => {
        const answer = await commandOrProblem(value as CommandInput);
        const parsed = Command.safeParse(value);
        if (parsed.success) expect(answer).toEqual(parsed.data);
        else expect(sentences).toContain(answer);
      }),
      { numRuns: 10_000 },
    );
  });

  it('formats the agent’s figures by unit', () => {
    const now = new Date(2025, 0, 6, 15, 0).getTime();
    expect(formatStat({ value: 12, unit: 'count' })).toBe('12');
    expect(formatStat({ value: 2.25, unit: 'count' })).toBe('2.3');
    expect(formatStat({ value: 245, unit: 'seconds' })).toBe('4:05');
    expect(formatStat({ value: 87.4, unit: 'percent' })).toBe('87%');
    expect(formatStat({ value: new Date(2025, 0, 6, 9, 5).getTime(), unit: 'time' }, now)).toBe(
      '09:05',
    );
  });

  it('dates a time only when it is not today', () => {
    const now = new Date(2025, 0, 6, 15, 0).getTime();
    // Intl's wording in the locale: British, American, French.
    const at = (...parts: [number, number, number, number, number]) => new Date(...parts).getTime();
    const spaced = (text: string) => text.replace(/\s/g, ' ');
    expect(formatWhen(at(2025, 0, 6, 8, 30), now, 'en-GB')).toBe('08:30');
    expect(formatWhen(at(2025, 0, 7, 8, 30), now, 'en-GB')).toBe('Tue 7 Jan, 08:30');
    expect(formatWhen(at(2024, 11, 31, 23, 5), now, 'en-GB')).toBe('Tue, 31 Dec 2024, 23:05');
    expect(spaced(formatWhen(at(2025, 0, 6, 8, 30), now, 'en-US'))).toBe('8:30 AM');
    expect(spaced(formatWhen(at(2025, 0, 7, 8, 30), now, 'en-US'))).toBe('Tue, Jan 7, 8:30 AM');
    expect(formatWhen(at(2025, 0, 7, 8, 30), now, 'fr')).toBe('mar. 7 janv., 08:30');
  });
});
