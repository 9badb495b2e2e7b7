/**
 * The conformance suite every adapter passes against its own simulator (DESIGN.md "Testing").
 * It speaks only the VendorAdapter contract and the normalized model; the harness hides the
 * vendor. No timing thresholds: waits end on events, with a generous guard against hanging.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock, type VendorAdapter } from '../../utils/cti/adapter';
import { createCallStore, type CallStore } from '../../utils/cti/store';
import {
  COMMAND_TYPES,
  connectFailureOf,
  CtiError,
  type CallState,
  type CallUpdate,
  type Command,
  type CommandType,
} from '../../utils/cti/model';
import { createTestContext, type TestContext } from '../simulators/shared/context';
import type { ConformanceHarness, ConformanceRig, RingOptions } from './harness';

const TRANSFER_TARGET = '2000';
const DIAL_NUMBER = '+14155550199';
const MISSED_CALLER = '+14155550142';

/** Where a call ends up after each command unless the harness says otherwise. */
const DEFAULT_OUTCOMES: Partial<Record<CommandType, CallState[]>> = {
  answer: ['connected'],
  hangup: ['ended'],
  hold: ['held'],
  resume: ['connected'],
  blindTransfer: ['ended'],
  attendedTransfer: ['transferring'],
  completeTransfer: ['ended'],
  cancelTransfer: ['connected', 'held'],
  dial: ['dialing', 'ringing', 'connected'],
  // The queue takes the call: it leaves the agent.
  redirectToQueue: ['ended'],
};

interface Session {
  adapter: VendorAdapter;
  t: TestContext;
}

export function defineConformanceSuite(harness: ConformanceHarness): void {
  describe(`${harness.name} adapter conformance`, () => {
    let rig: ConformanceRig;
    const adapters: VendorAdapter[] = [];
    const caps = new Set<CommandType>(harness.capabilities.commands);
    /** Where an attended transfer dials: a number, where the blind target is a user id. */
    const consultTarget = harness.consultTarget ?? TRANSFER_TARGET;
    const outcome = (type: CommandType): CallState[] =>
      harness.outcomes?.[type] ?? DEFAULT_OUTCOMES[type] ?? [];

    beforeEach(async () => {
      rig = await harness.start();
    });
    afterEach(async () => {
      for (const adapter of adapters.splice(0)) await adapter.disconnect().catch(() => undefined);
      await rig.stop();
    });

    const newAdapter = (): VendorAdapter => {
      const adapter = rig.createAdapter();
      adapters.push(adapter);
      return adapter;
    };
    /**
     * A context as the session gives one: after `previous`, the reconnect of the same sign-in
     * (its checkpoint, `firstConnect` false); otherwise a sign-in's first connection.
     */
    const newContext = (previous?: TestContext): TestContext =>
      createTestContext({
        credentials: rig.credentials,
        ...rig.transport,
        ...(previous ? { checkpoint: previous.ctx.checkpoint, firstConnect: false } : {}),
      });

    /**
     * Connect a fresh adapter (the session never reuses one), resync, and wait for the snapshot
     * and the agent state that resync promises. After `previous`: a reconnect of its sign-in.
     */
    async function signedIn(previous?: Session): Promise<Session & { snapshot: CallUpdate[] }> {
      const adapter = newAdapter();
      const t = newContext(previous?.t);
      await adapter.connect(t.ctx);
      await adapter.resync();
      const snapshot = await t.next('callsSnapshot');
      await t.next('agent');
      return { adapter, t, snapshot: snapshot.calls };
    }

    async function ringing(s: Session, o?: RingOptions): Promise<CallUpdate> {
      const { vendorCallId } = await rig.sim.ringInbound(o);
      return (
        await s.t.next(
          'callUpsert',
          (e) => e.call.vendorCallId === vendorCallId && e.call.state === 'ringing',
        )
      ).call;
    }

    async function connected(s: Session, o?: RingOptions): Promise<CallUpdate> {
      const call = await ringing(s, o);
      if (caps.has('answer')) await s.adapter.execute({ type: 'answer', callId: call.id });
      else await rig.sim.answerOnDevice(call.vendorCallId);
      return reaches(s.t, call, ['connected']);
    }

    async function held(s: Session): Promise<CallUpdate> {
      const call = await connected(s);
      await s.adapter.execute({ type: 'hold', callId: call.id });
      return reaches(s.t, call, ['held']);
    }

    async function transferring(s: Session): Promise<CallUpdate> {
      const call = await connected(s);
      await s.adapter.execute({
        type: 'attendedTransfer',
        callId: call.id,
        target: consultTarget,
      });
      return reaches(s.t, call, ['transferring']);
    }

    /** Run one command on `call`, check the vendor got it and the call reached the expected state. */
    async function run(s: Session, command: Command, call?: CallUpdate): Promise<void> {
      await s.adapter.execute(command);
      await rig.sim.expectWire(command, call);
      const states = outcome(command.type);
      if (call && states.length) await reaches(s.t, call, states);
    }

    it('declares the expected capabilities', () => {
      const adapter = newAdapter();
      expect([...adapter.capabilities.commands].sort()).toEqual(
        [...harness.capabilities.commands].sort(),
      );
      expect([...adapter.capabilities.agentStates].sort()).toEqual(
        [...harness.capabilities.agentStates].sort(),
      );
      expect(adapter.capabilities.dispositions).toBe(harness.capabilities.dispositions);
      expect(adapter.capabilities.recordingControl).toBe(harness.capabilities.recordingControl);
      expect([...(adapter.capabilities.features ?? [])].sort()).toEqual(
        [...(harness.features ?? [])].sort(),
      );
      expect(typeof adapter.searchDirectory === 'function').toBe(
        (harness.features ?? []).includes('directory'),
      );
    });

    it('connects, resyncs with a calls snapshot and reports the agent state', async () => {
      const s = await signedIn();
      expect(s.snapshot).toEqual([]);
    });

    if (harness.callsBeforeSignIn === false) {
      // Nothing of one sign-in may leak into the next: without a "current calls" request the
      // platform cannot tell a new sign-in about the call.
      it('starts a sign-in with no call from an earlier one', async () => {
        const first = await signedIn();
        await ringing(first);
        await first.adapter.disconnect();
        const second = await signedIn();
        expect(second.snapshot).toEqual([]);
      });
    } else {
      it('includes a call already under way in the first snapshot', async () => {
        const first = await signedIn();
        const call = await ringing(first);
        await first.adapter.disconnect();
        const second = await signedIn();
        expect(second.snapshot.map((c) => [c.id, c.vendorCallId, c.state])).toEqual([
          [call.id, call.vendorCallId, 'ringing'],
        ]);
      });
    }

    it('reports an inbound call and its end when the caller hangs up', async () => {
      const s = await signedIn();
      const call = await ringing(s, { from: '+33142685300', name: 'Camille Dubois' });
      expect(call).toMatchObject({ direction: 'inbound', remote: { e164: '+33142685300' } });
      await rig.sim.remoteHangup(call.vendorCallId);
      await reaches(s.t, call, ['ended']);
    });

    it('rejects commands before connect with a CtiError', async () => {
      const adapter = newAdapter();
      await expect(adapter.execute({ type: 'dial', number: DIAL_NUMBER })).rejects.toBeInstanceOf(
        CtiError,
      );
    });

    describe('commands', () => {
      for (const type of COMMAND_TYPES) {
        if (!harness.capabilities.commands.includes(type)) {
          it(`${type} is refused as unsupported`, async () => {
            const s = await signedIn();
            const call = await connected(s);
            const error = await s.adapter
              .execute(sampleCommand(type, call.id))
              .catch((e: unknown) => e);
            expect(error).toBeInstanceOf(CtiError);
            expect(error).toMatchObject({ code: 'unsupported' });
          });
          continue;
        }
        const scenario = COMMAND_SCENARIOS[type];
        if (scenario) {
          it(`${type} reaches the vendor and updates the state`, async () => {
            const s = await signedIn();
            await scenario(s);
          });
          continue;
        }
        it(`${type} has a conformance case and passes it`, async () => {
          const feature = harness.featureScenarios?.[type];
          expect(feature, `no conformance case for ${type}`).toBeDefined();
          const s = await signedIn();
          await feature?.({ ...s, rig, connected: (o) => connected(s, o) });
        });
      }
    });

    /** The call model's commands; agent-feature commands come from `harness.featureScenarios`. */
    const COMMAND_SCENARIOS: Partial<Record<CommandType, (s: Session) => Promise<void>>> = {
      dial: async (s) => {
        await s.adapter.execute({ type: 'dial', number: DIAL_NUMBER });
        await rig.sim.expectWire({ type: 'dial', number: DIAL_NUMBER });
        const call = (await s.t.next('callUpsert', (e) => e.call.direction === 'outbound')).call;
        expect(outcome('dial')).toContain(call.state);
      },
      answer: async (s) => {
        const call = await ringing(s);
        await run(s, { type: 'answer', callId: call.id }, call);
      },
      hangup: async (s) => {
        const call = await connected(s);
        await run(s, { type: 'hangup', callId: call.id }, call);
      },
      hold: async (s) => {
        const call = await connected(s);
        await run(s, { type: 'hold', callId: call.id }, call);
      },
      resume: async (s) => {
        const call = await held(s);
        await run(s, { type: 'resume', callId: call.id }, call);
      },
      blindTransfer: async (s) => {
        const call = await connected(s);
        await run(s, { type: 'blindTransfer', callId: call.id, target: TRANSFER_TARGET }, call);
      },
      attendedTransfer: async (s) => {
        const call = await connected(s);
        await run(s, { type: 'attendedTransfer', callId: call.id, target: consultTarget }, call);
        const after = await reaches(s.t, call, ['transferring']);
        expect(after.transferTarget).toBeTruthy();
      },
      completeTransfer: async (s) => {
        const call = await transferring(s);
        await run(s, { type: 'completeTransfer', callId: call.id }, call);
      },
      cancelTransfer: async (s) => {
        const call = await transferring(s);
        await run(s, { type: 'cancelTransfer', callId: call.id }, call);
      },
      sendDtmf: async (s) => {
        const call = await connected(s);
        await run(s, { type: 'sendDtmf', callId: call.id, digits: '12#' }, call);
      },
      pauseRecording: async (s) => {
        const call = await connected(s, { queue: true });
        await run(s, { type: 'pauseRecording', callId: call.id }, call);
        await reachesRecording(s.t, call, 'paused');
      },
      resumeRecording: async (s) => {
        const call = await connected(s, { queue: true });
        await s.adapter.execute({ type: 'pauseRecording', callId: call.id });
        await reachesRecording(s.t, call, 'paused');
        await run(s, { type: 'resumeRecording', callId: call.id }, call);
        await reachesRecording(s.t, call, 'on');
      },
      dispose: async (s) => {
        const call = await connected(s);
        await s.adapter.execute({ type: 'hangup', callId: call.id });
        await reaches(s.t, call, ['ended']);
        await run(
          s,
          { type: 'dispose', callId: call.id, code: 'resolved', notes: 'conformance' },
          call,
        );
      },
      redirectToQueue: async (s) => {
        // The queue is one the vendor listed: its code is the vendor's own id for it.
        const lists = await s.t.next('lists', (e) => !!e.lists.queues?.length);
        const queue = lists.lists.queues?.[0]?.code ?? '';
        const call = await connected(s);
        await run(s, { type: 'redirectToQueue', callId: call.id, queue }, call);
      },
      setAgentState: async (s) => {
        // Ready first: the agent may still be logging in from sign-in.
        const order = (['ready', 'notReady', 'ready', 'loggedOut'] as const).filter((st) =>
          harness.capabilities.agentStates.includes(st),
        );
        for (const state of order) {
          const command: Command = {
            type: 'setAgentState',
            state,
            ...(state === 'notReady' ? { reason: 'lunch' } : {}),
          };
          await s.adapter.execute(command);
          await rig.sim.expectWire(command);
          await s.t.next('agent', (e) => e.agent.status === state);
        }
      },
    };

    it('reports malformed frames as protocolError and keeps working', async () => {
      const s = await signedIn();
      await rig.sim.sendMalformed();
      const error = await s.t.next('protocolError');
      expect(error.message).toBeTruthy();
      const call = await ringing(s);
      expect(call.state).toBe('ringing');
    });

    if (caps.has('answer') || caps.has('hangup')) {
      it('reports connectionLost on a drop, and a new connect resyncs the live call', async () => {
        const first = await signedIn();
        const call = await connected(first);
        await rig.sim.dropTransport();
        expect((await first.t.next('connectionLost')).error).toBeInstanceOf(CtiError);
        const second = await signedIn(first);
        expect(second.snapshot.map((c) => [c.id, c.state])).toEqual([[call.id, 'connected']]);
        // What the agent sees: the call store keeps the call as it was first seen, start included,
        // across the fresh adapter of the reconnect.
        const store = await storeOf(first, second);
        expect(store.getState().calls).toEqual([
          expect.objectContaining({ id: call.id, state: 'connected', startedAt: call.startedAt }),
        ]);
        await second.adapter.execute({ type: 'hangup', callId: call.id });
        await reaches(second.t, call, ['ended']);
      });
    }

    if (harness.pastCalls) {
      it('lists a call that rang and ended while it was away, as missed', async () => {
        const first = await signedIn();
        await first.adapter.disconnect();
        // The vendor's history may give times to the second.
        const from = Math.floor(Date.now() / 1000) * 1000;
        const { vendorCallId } = await rig.sim.ringInbound({ from: MISSED_CALLER, queue: false });
        await rig.sim.remoteHangup(vendorCallId);
        const second = await signedIn(first);
        const to = Date.now() + 1000;
        const listed = await second.adapter.pastCalls!({ from, to });
        const missed = listed.filter(
          (c) => (c.remote.e164 ?? c.remote.raw) === MISSED_CALLER && c.startedAt >= from,
        );
        expect(missed).toEqual([expect.objectContaining({ direction: 'inbound', missed: true })]);
        expect(missed[0]!.endedAt).toBeGreaterThanOrEqual(missed[0]!.startedAt);
        expect(missed[0]!.endedAt).toBeLessThanOrEqual(to);
      });
    } else {
      it('offers no call history it cannot read', () => {
        expect(newAdapter().pastCalls).toBeUndefined();
      });
    }

    it('rejects bad credentials with a fatal CtiError', async () => {
      await rig.sim.rejectAuth(true);
      const error = await newAdapter()
        .connect(newContext().ctx)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CtiError);
      expect((error as CtiError).fatal).toBe(true);
      // The sign-in form says the credentials were refused (sign-in-text.ts).
      expect(connectFailureOf(error as CtiError)).toBe('credentials');
      await rig.sim.rejectAuth(false);
      await signedIn();
    });

    it('says a sign-in at an address that is not the vendor’s API is at the wrong address', async () => {
      const adapter = rig.createAdapterAtWrongPath();
      adapters.push(adapter);
      const error = await adapter.connect(newContext().ctx).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CtiError);
      expect(connectFailureOf(error as CtiError)).toBe('notFound');
    });

    it('gets an answer to its heartbeat, when it has one', async () => {
      const s = await signedIn();
      if (!s.adapter.heartbeat) return;
      const before = s.t.alive();
      s.adapter.heartbeat.send();
      await expect.poll(() => s.t.alive(), { interval: 5 }).toBeGreaterThan(before);
    });
  });
}

/** A call store (utils/cti/store.ts) fed what the sessions' adapters emitted, in order. */
async function storeOf(...sessions: Session[]): Promise<CallStore> {
  const values = new Map<string, unknown>();
  const store = createCallStore({
    storage: {
      get: async (key) => values.get(key),
      set: async (key, value) => void values.set(key, value),
    },
    clock: systemClock,
    key: 'store',
  });
  await store.ready;
  for (const { t } of sessions) for (const event of t.events.items) store.apply(event);
  return store;
}

/** The next update that puts `call` in one of `states` ('ended' also matches callEnded). */
async function reaches(t: TestContext, call: CallUpdate, states: CallState[]): Promise<CallUpdate> {
  const event = await t.events.waitFor(
    (e) =>
      (e.type === 'callUpsert' && e.call.id === call.id && states.includes(e.call.state)) ||
      (e.type === 'callEnded' && e.callId === call.id && states.includes('ended')),
  );
  return event.type === 'callUpsert' ? event.call : { ...call, state: 'ended' };
}

async function reachesRecording(
  t: TestContext,
  call: CallUpdate,
  recording: 'on' | 'paused',
): Promise<void> {
  await t.next('callUpsert', (e) => e.call.id === call.id && e.call.recording === recording);
}

/** A well-formed command of each type, to check that unsupported ones are refused. */
function sampleCommand(type: CommandType, callId: string): Command {
  switch (type) {
    case 'dial':
      return { type, number: DIAL_NUMBER };
    case 'blindTransfer':
    case 'attendedTransfer':
      return { type, callId, target: TRANSFER_TARGET };
    case 'sendDtmf':
      return { type, callId, digits: '1' };
    case 'dispose':
      return { type, callId, code: 'resolved', notes: '' };
    case 'setAgentState':
      return { type, state: 'ready' };
    case 'redirectToQueue':
      return { type, callId, queue: 'queue-1' };
    case 'setCallData':
      return { type, callId, data: { topic: 'conformance' } };
    case 'joinQueue':
    case 'leaveQueue':
      return { type, queue: 'queue-1' };
    case 'takeCallback':
    case 'releaseCallback':
    case 'startCallback':
    case 'cancelCallback':
      return { type, callbackId: 'callback-1' };
    case 'rescheduleCallback':
      return { type, callbackId: 'callback-1', at: Date.now() + 3_600_000 };
    case 'scheduleCallback':
      return { type, number: DIAL_NUMBER, at: Date.now() + 3_600_000 };
    case 'setDnd':
      return { type, enabled: true };
    case 'setForward':
      return { type, kind: 'unconditional', enabled: true, destination: TRANSFER_TARGET };
    case 'addFavorite':
    case 'removeFavorite':
      return { type, entryId: 'entry-1' };
    case 'vendorAction':
      return { type, action: 'no-such-action', callId, values: {} };
    default:
      return { type, callId };
  }
}
