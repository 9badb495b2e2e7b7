import { describe, expect, it } from 'vitest';
import { pastCallbackMessage } from './callback-time';
import { checkCallbackAt, Command, CtiError } from './model';

const DISPOSE = { type: 'dispose', callId: 'c1', code: 'Sale' } as const;

describe('the dispose command', () => {
  it('takes no call-back time by default', () => {
    expect(Command.parse(DISPOSE)).toEqual({ ...DISPOSE, notes: '' });
  });

  it('takes a call-back time as whole epoch milliseconds', () => {
    const at = Date.UTC(2030, 5, 1, 14, 30);
    expect(Command.parse({ ...DISPOSE, callbackAt: at })).toMatchObject({ callbackAt: at });
  });

  it.each([
    ['a fraction', 1.5],
    ['NaN', Number.NaN],
    ['infinity', Number.POSITIVE_INFINITY],
    ['a negative time', -1],
    ['a time no Date can hold', 8.64e15 + 1],
    ['a string', '2030-06-01T14:30'],
    ['null', null],
  ])('refuses %s as the call-back time', (_name, callbackAt) => {
    expect(Command.safeParse({ ...DISPOSE, callbackAt }).success).toBe(false);
  });
});

describe('checkCallbackAt', () => {
  const now = Date.UTC(2030, 0, 1, 12, 0);

  it('accepts no time and a time in the future', () => {
    expect(() => checkCallbackAt(undefined, now)).not.toThrow();
    expect(() => checkCallbackAt(now + 1, now)).not.toThrow();
  });

  it('refuses a time that has passed, or is now, with a clear rejection', () => {
    for (const at of [now, now - 60_000]) {
      let error: unknown;
      try {
        checkCallbackAt(at, now);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CtiError);
      expect(error).toMatchObject({ code: 'rejected', message: pastCallbackMessage() });
    }
    expect(pastCallbackMessage()).toBe('The call-back time has passed: choose a later time');
  });
});

describe('agent-feature commands', () => {
  it('takes call data of a few short keys, and refuses odd keys and floods', () => {
    const ok = { type: 'setCallData', callId: 'c1', data: { ticket_id: '42', 'a.b-c': '' } };
    expect(Command.parse(ok)).toEqual(ok);
    expect(Command.safeParse({ ...ok, data: { 'a b': '1' } }).success).toBe(false);
    expect(Command.safeParse({ ...ok, data: { ['k'.repeat(65)]: '1' } }).success).toBe(false);
    const flood = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v']));
    expect(Command.safeParse({ ...ok, data: flood }).success).toBe(false);
  });

  it('routes a dial from the mobile or a queue, with variables', () => {
    const dial = { type: 'dial', number: '2000', route: { kind: 'queue', queue: 'q1' } };
    expect(Command.parse(dial)).toEqual(dial);
    expect(Command.safeParse({ ...dial, route: { kind: 'queue' } }).success).toBe(false);
    expect(Command.safeParse({ ...dial, route: { kind: 'pager' } }).success).toBe(false);
  });

  it('checks callback times and forward kinds', () => {
    const at = Date.UTC(2030, 0, 1);
    expect(Command.safeParse({ type: 'rescheduleCallback', callbackId: 'x', at }).success).toBe(
      true,
    );
    expect(
      Command.safeParse({ type: 'rescheduleCallback', callbackId: 'x', at: 1.5 }).success,
    ).toBe(false);
    expect(Command.parse({ type: 'setForward', kind: 'busy', enabled: false })).toEqual({
      type: 'setForward',
      kind: 'busy',
      enabled: false,
      destination: '',
    });
    expect(Command.safeParse({ type: 'setForward', kind: 'always', enabled: true }).success).toBe(
      false,
    );
  });
});
