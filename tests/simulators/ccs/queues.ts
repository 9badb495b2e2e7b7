/**
 * The simulated inbound queue figures (api-pages §3 "Inbound Queue Events"; the catalogue is not
 * public, vendors/README.md §5.5): one row per ACD, keyed by its uuid and extension like the
 * /6/sock wallboard's `update_queue` rows (§5.2), with the figure names the adapter reads first
 * (docs/vendors.md): calls waiting in the queue (an inbound call of that queue still ringing),
 * the longest wait as the page writes durations (`h:mm:ss`), agents available (ready and not on
 * a call) and signed in, and today's answered and abandoned calls of the queue.
 */
import { duration, type SimCallImpl } from './calls';
import type { SimAcd, SimExtension } from './types';

export interface QueueWorld {
  readonly acds: readonly SimAcd[];
  readonly extensions: readonly SimExtension[];
  liveCalls(): SimCallImpl[];
  endedCalls(): SimCallImpl[];
  presenceOf(uuid: string): { type: string };
}

export function queueRows(world: QueueWorld): Record<string, unknown>[] {
  const live = world.liveCalls();
  const busy = new Set(live.map((c) => c.extensionUuid));
  const signedIn = world.extensions.filter((e) => world.presenceOf(e.uuid).type !== 'sign_out');
  const available = signedIn.filter(
    (e) => world.presenceOf(e.uuid).type === 'ready' && !busy.has(e.uuid),
  );
  const ended = world.endedCalls();
  return world.acds.map((acd) => {
    const ofQueue = (c: SimCallImpl) => c.direction === 'inbound' && c.queueName === acd.name;
    const waiting = live.filter((c) => ofQueue(c) && c.status === 'progress');
    const oldest = Math.min(...waiting.map((c) => c.startTime.getTime()));
    return {
      uuid: acd.uuid,
      name: acd.name,
      extension: acd.extension,
      calls_waiting: waiting.length,
      longest_wait: waiting.length ? duration(oldest) : '0:00:00',
      agents_available: available.length,
      agents_logged_in: signedIn.length,
      answered: [...live, ...ended].filter((c) => ofQueue(c) && c.answerTime).length,
      abandoned: ended.filter((c) => ofQueue(c) && !c.answerTime).length,
    };
  });
}
