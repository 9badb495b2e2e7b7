/**
 * The XiVO conformance cases of the agent-feature commands (tests/conformance/harness.ts
 * `featureScenarios`): each checks the wire frame xuc receives (vendors/README.md §1.6, the public
 * callback.js), the simulator's state afterwards, and the events the adapter reports.
 */
import { expect } from 'vitest';
import type { Feature } from '../../../utils/cti/features';
import type { CommandType } from '../../../utils/cti/model';
import type { FeatureScene } from '../../conformance/harness';
import type { ClientFrame, XivoSimulator } from './types';

export const XIVO_FEATURES: readonly Feature[] = [
  'directory',
  'favorites',
  'history',
  'queues',
  'queueStats',
  'callbacks',
  'presence',
  'voicemail',
  'agentStats',
  'callData',
];

const web =
  (command: string, extra: (f: ClientFrame) => boolean = () => true) =>
  (f: ClientFrame) =>
    f.claz === 'web' && f.command === command && extra(f);

/** Tomorrow at `hour` o'clock on this machine's clock, and its day as xuc writes it. */
function tomorrowAt(hour: number): { at: number; day: string } {
  const now = new Date();
  const at = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, hour, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    at: at.getTime(),
    day: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
  };
}

type Scenario = (s: FeatureScene) => Promise<void>;

async function openCallback(s: FeatureScene, uuid: string): Promise<void> {
  await s.t.next('callbacks', (e) => e.callbacks.some((c) => c.id === uuid && c.owner === 'open'));
}

async function take(s: FeatureScene, sim: XivoSimulator, uuid: string): Promise<void> {
  await openCallback(s, uuid);
  await s.adapter.execute({ type: 'takeCallback', callbackId: uuid });
  await sim.waitForFrame(web('takeCallback', (f) => f.uuid === uuid));
  await s.t.next('callbacks', (e) => e.callbacks.some((c) => c.id === uuid && c.owner === 'mine'));
}

export function XIVO_FEATURE_SCENARIOS(
  simulator: () => XivoSimulator,
): Partial<Record<CommandType, Scenario>> {
  return {
    setCallData: async (s) => {
      const sim = simulator();
      const call = await s.connected();
      await s.adapter.execute({ type: 'setCallData', callId: call.id, data: { topic: 'refund' } });
      await sim.waitForFrame(
        web('setData', (f) => JSON.stringify(f.variables) === JSON.stringify({ topic: 'refund' })),
      );
      expect(sim.calls().find((c) => c.uniqueId === call.vendorCallId)?.userData.USR_topic).toBe(
        'refund',
      );
      // xuc's next event for the call carries what it holds.
      await s.adapter.execute({ type: 'hold', callId: call.id });
      await s.t.next(
        'callUpsert',
        (e) =>
          e.call.id === call.id && e.call.state === 'held' && e.call.data?.USR_topic === 'refund',
      );
    },
    joinQueue: async (s) => {
      const sim = simulator();
      await s.t.next('queues', (e) => e.queues.some((q) => q.id === '3' && q.member === false));
      await s.adapter.execute({ type: 'joinQueue', queue: '3' });
      await sim.waitForFrame(
        web('setAgentQueue', (f) => f.agentId === 22 && f.queueId === 3 && f.penalty === 0),
      );
      await s.t.next('queues', (e) => e.queues.some((q) => q.id === '3' && q.member === true));
      expect(sim.state().queues[3]).toBe(0);
    },
    leaveQueue: async (s) => {
      const sim = simulator();
      await s.t.next('queues', (e) => e.queues.some((q) => q.id === '1' && q.member === true));
      await s.adapter.execute({ type: 'leaveQueue', queue: '1' });
      await sim.waitForFrame(
        web('removeAgentFromQueue', (f) => f.agentId === 22 && f.queueId === 1),
      );
      await s.t.next('queues', (e) => e.queues.some((q) => q.id === '1' && q.member === false));
      expect(sim.state().queues[1]).toBeUndefined();
    },
    takeCallback: async (s) => {
      const sim = simulator();
      await take(s, sim, 'cb-1');
      expect(sim.state().callbacks.find((c) => c.uuid === 'cb-1')?.agentId).toBe(22);
      // Another agent's callback cannot be taken.
      await expect(
        s.adapter.execute({ type: 'takeCallback', callbackId: 'cb-2' }),
      ).rejects.toMatchObject({ code: 'rejected' });
    },
    releaseCallback: async (s) => {
      const sim = simulator();
      await take(s, sim, 'cb-1');
      await s.adapter.execute({ type: 'releaseCallback', callbackId: 'cb-1' });
      await sim.waitForFrame(web('releaseCallback', (f) => f.uuid === 'cb-1'));
      await openCallback(s, 'cb-1');
      expect(sim.state().callbacks.find((c) => c.uuid === 'cb-1')?.agentId).toBeNull();
    },
    startCallback: async (s) => {
      const sim = simulator();
      await openCallback(s, 'cb-1');
      // An open callback is taken first, then started: xuc calls its number.
      await s.adapter.execute({ type: 'startCallback', callbackId: 'cb-1' });
      await sim.waitForFrame(web('takeCallback', (f) => f.uuid === 'cb-1'));
      await sim.waitForFrame(
        web('startCallback', (f) => f.uuid === 'cb-1' && f.number === '+33142685311'),
      );
      const call = await s.t.next(
        'callUpsert',
        (e) => e.call.direction === 'outbound' && e.call.remote.raw === '+33142685311',
      );
      expect(call.call.data?.USR_callbackUuid).toBe('cb-1');
    },
    rescheduleCallback: async (s) => {
      const sim = simulator();
      await take(s, sim, 'cb-1');
      const { at, day } = tomorrowAt(10);
      await s.adapter.execute({ type: 'rescheduleCallback', callbackId: 'cb-1', at });
      await sim.waitForFrame(
        web(
          'updateCallbackTicket',
          (f) =>
            f.uuid === 'cb-1' &&
            f.status === 'Callback' &&
            f.dueDate === day &&
            f.periodUuid === 'period-morning',
        ),
      );
      const morning = tomorrowAt(9).at;
      await s.t.next('callbacks', (e) =>
        e.callbacks.some((c) => c.id === 'cb-1' && c.dueAt === morning && c.owner === 'mine'),
      );
      // A time outside XiVO's callback periods is refused with the periods to choose from.
      await expect(
        s.adapter.execute({
          type: 'rescheduleCallback',
          callbackId: 'cb-1',
          at: tomorrowAt(20).at,
        }),
      ).rejects.toThrow(/Morning \(09:00–12:00\), Afternoon \(14:00–17:00\)/);
    },
    setDnd: async (s) => {
      const sim = simulator();
      await s.adapter.execute({ type: 'setDnd', enabled: true });
      await sim.waitForFrame(web('dnd', (f) => f.state === true));
      await s.t.next('presence', (e) => e.presence.dnd === true);
      expect(sim.state().dnd).toBe(true);
    },
    setForward: async (s) => {
      const sim = simulator();
      const command = { type: 'setForward', kind: 'unconditional', enabled: true } as const;
      await s.adapter.execute({ ...command, destination: '2000' });
      await sim.waitForFrame(web('uncFwd', (f) => f.state === true && f.destination === '2000'));
      await s.t.next(
        'presence',
        (e) =>
          e.presence.forwards?.unconditional?.enabled === true &&
          e.presence.forwards.unconditional.destination === '2000',
      );
      expect(sim.state().forwards.uncFwd).toEqual({ enabled: true, destination: '2000' });
    },
    addFavorite: async (s) => {
      const sim = simulator();
      const [camille] = await s.adapter.searchDirectory!('camille', 10);
      expect(camille).toMatchObject({ name: 'Camille Dubois', favorite: false });
      await s.adapter.execute({ type: 'addFavorite', entryId: camille!.id });
      await sim.waitForFrame(
        web('addFavorite', (f) => f.contactId === 'c-881' && f.source === 'crm'),
      );
      expect(await s.adapter.searchDirectory!('', 10)).toEqual([
        expect.objectContaining({ id: camille!.id, favorite: true }),
      ]);
    },
    removeFavorite: async (s) => {
      const sim = simulator();
      const [bob] = await s.adapter.searchDirectory!('bob', 10);
      await s.adapter.execute({ type: 'addFavorite', entryId: bob!.id });
      await s.adapter.execute({ type: 'removeFavorite', entryId: bob!.id });
      await sim.waitForFrame(web('removeFavorite', (f) => f.contactId === '12'));
      expect(await s.adapter.searchDirectory!('', 10)).toEqual([]);
      expect(sim.state().favorites).toEqual([]);
    },
    vendorAction: async (s) => {
      const sim = simulator();
      // The user's status…
      await s.t.next('vendorActions', (e) => e.actions.some((a) => a.id === 'xivo.userStatus'));
      await s.adapter.execute({
        type: 'vendorAction',
        action: 'xivo.userStatus',
        values: { status: 'away' },
      });
      await sim.waitForFrame(web('userStatusUpdate', (f) => f.status === 'away'));
      await s.t.next('vendorActions', (e) => e.actions.some((a) => a.label === 'Status: Away'));
      // …and closing a callback the agent took.
      await take(s, sim, 'cb-1');
      await s.adapter.execute({
        type: 'vendorAction',
        action: 'xivo.closeCallback',
        values: { callback: 'cb-1', status: 'Answered', note: 'Refund agreed' },
      });
      await sim.waitForFrame(
        web(
          'updateCallbackTicket',
          (f) => f.uuid === 'cb-1' && f.status === 'Answered' && f.comment === 'Refund agreed',
        ),
      );
      await s.t.next('callbacks', (e) => !e.callbacks.some((c) => c.id === 'cb-1'));
      expect(sim.state().callbacks.map((c) => c.uuid)).not.toContain('cb-1');
    },
  };
}
