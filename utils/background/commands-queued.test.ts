/**
 * Agent-feature writes that must not be lost (commands.ts `QUEUED_WRITES`): call data and
 * scheduled callbacks go through the outbox like a disposition; live actions do not.
 */
import { describe, expect, it } from 'vitest';
import type { Capabilities } from '../cti/adapter';
import { systemClock } from '../cti/adapter';
import type { Call, Command, CommandType } from '../cti/model';
import { createCallStore } from '../cti/store';
import { memoryArea } from '../../tests/support/background-harness';
import { createCommands, type CommandsDeps } from './commands';
import type { FirstOutcome } from './outbox';

const NOW = Date.now();

async function setup(commands: CommandType[], outcome: FirstOutcome = { status: 'sent' }) {
  const store = createCallStore({ storage: memoryArea(), clock: systemClock, key: 'calls' });
  await store.ready;
  const caps = { commands: new Set(commands), agentStates: new Set() } as unknown as Capabilities;
  store.setCapabilities(caps);
  store.apply({
    type: 'callUpsert',
    call: {
      id: 'c1',
      vendorCallId: 'v1',
      direction: 'inbound',
      state: 'connected',
      remote: { raw: '1002' },
      startedAt: NOW,
    },
  });
  const submitted: { vendor: string; command: Command; call?: Call }[] = [];
  const executed: Command[] = [];
  const deps = {
    store,
    clock: systemClock,
    capabilities: () => caps,
    vendorLabel: () => 'Phone system',
    vendorId: () => 'xivo',
    settings: () => ({ dispositions: { required: false } }),
    session: () => ({ execute: async (c: Command) => void executed.push(c) }),
    outbox: {
      submit: async (vendor: string, command: Command, call?: Call) => {
        submitted.push({ vendor, command, ...(call ? { call } : {}) });
        return outcome;
      },
    },
  } as unknown as CommandsDeps;
  return { commands: createCommands(deps), submitted, executed };
}

describe('queued agent-feature writes', () => {
  it('sends call data through the outbox with the call as it is now', async () => {
    const t = await setup(['setCallData']);
    const reply = await t.commands.run({
      type: 'setCallData',
      callId: 'c1',
      data: { ticket: '42' },
    });
    expect(reply).toEqual({ ok: true, value: undefined });
    expect(t.submitted).toEqual([
      {
        vendor: 'xivo',
        command: { type: 'setCallData', callId: 'c1', data: { ticket: '42' } },
        call: expect.objectContaining({ id: 'c1', state: 'connected' }),
      },
    ]);
    expect(t.executed).toEqual([]);
  });

  it('refuses what the vendor cannot do, a call that is gone and a time that has passed', async () => {
    const t = await setup(['setCallData', 'scheduleCallback']);
    expect(
      await t.commands.run({ type: 'rescheduleCallback', callbackId: 'x', at: NOW + 1e6 }),
    ).toEqual({
      ok: false,
      error: 'Phone system cannot do this',
    });
    expect(await t.commands.run({ type: 'setCallData', callId: 'gone', data: {} })).toEqual({
      ok: false,
      error: 'That call is no longer active',
    });
    const past = await t.commands.run({ type: 'scheduleCallback', number: '1002', at: NOW - 1 });
    expect(past).toMatchObject({ ok: false, error: expect.stringContaining('call-back time') });
    expect(t.submitted).toEqual([]);
  });

  it('tells the agent a refusal, and a write that could be neither sent nor kept', async () => {
    const refused = await setup(['scheduleCallback'], {
      status: 'rejected',
      reason: 'No campaign',
    });
    const command: Command = { type: 'scheduleCallback', number: '1002', at: NOW + 3_600_000 };
    expect(await refused.commands.run(command)).toEqual({ ok: false, error: 'No campaign' });
    const lost = await setup(['scheduleCallback'], { status: 'failed', reason: 'offline' });
    expect(await lost.commands.run(command)).toMatchObject({
      ok: false,
      error: expect.stringContaining('could not be kept'),
    });
    const later = await setup(['scheduleCallback'], { status: 'queued', reason: 'offline' });
    expect(await later.commands.run(command)).toEqual({ ok: true, value: undefined });
  });

  it('runs a callback the agent takes or starts now, not through the outbox', async () => {
    const t = await setup(['takeCallback', 'startCallback']);
    await t.commands.run({ type: 'takeCallback', callbackId: 'cb1' });
    await t.commands.run({ type: 'startCallback', callbackId: 'cb1' });
    expect(t.executed.map((c) => c.type)).toEqual(['takeCallback', 'startCallback']);
    expect(t.submitted).toEqual([]);
  });
});
