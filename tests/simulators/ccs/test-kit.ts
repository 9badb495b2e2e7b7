/**
 * Shared fixtures for the CCS adapter tests: a clock the test moves by hand (poll timers fire
 * only when it says so), the simulator, and a connected adapter.
 */
import { expect, vi } from 'vitest';
import type { Clock } from '../../../utils/cti/adapter';
import { DEFAULT_SETTINGS } from '../../../utils/settings/schema';
import { createTestContext, type TestContext } from '../shared/context';
import {
  CCS_PERMISSIONS,
  startCcsSimulator,
  type CcsSimOptions,
  type CcsSimulator,
  type SimPermission,
} from '.';
import { CcsAdapter } from '../../../utils/cti/vendors/ccs/adapter';
import { configFromSettings, type CcsConfig } from '../../../utils/cti/vendors/ccs/config';
import { NodeWebSocket } from '../shared/node-websocket';

export interface ManualClock extends Clock {
  /** Fire every timer due within `ms`, in order, letting promise callbacks run between them. */
  advance(ms: number): Promise<void>;
  pending(): number;
}

export function manualClock(start = 1_000_000): ManualClock {
  let time = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void; every?: number }>();
  const add = (fn: () => void, ms: number, every?: number) => {
    seq += 1;
    timers.set(seq, { at: time + ms, fn, ...(every ? { every } : {}) });
    return seq;
  };
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => time,
    setTimeout: (fn, ms) => add(fn, ms),
    clearTimeout: (h) => void timers.delete(h as number),
    setInterval: (fn, ms) => add(fn, ms, ms),
    clearInterval: (h) => void timers.delete(h as number),
    pending: () => timers.size,
    async advance(ms) {
      const until = time + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        const [id, timer] = due;
        time = Math.max(time, timer.at);
        if (timer.every) timer.at += timer.every;
        else timers.delete(id);
        timer.fn();
        await settle();
      }
      time = until;
      await settle();
    },
  };
}

export function configFor(sim: CcsSimulator, more: Partial<CcsConfig> = {}): CcsConfig {
  const settings = structuredClone(DEFAULT_SETTINGS);
  settings.connection.ccs = {
    ...settings.connection.ccs,
    domain: sim.url,
    tenantId: sim.tenantId,
    extensionId: sim.extension.uuid,
    outboundQueueId: sim.outboundQueueId,
  };
  return { ...configFromSettings(settings), ...more };
}

export interface Rig {
  sim: CcsSimulator;
  clock: ManualClock;
  adapter: CcsAdapter;
  context(opts?: {
    credentials?: Record<string, string>;
    panelOpen?: () => boolean;
    /** In place of Node's fetch (to hold an answer back, say). */
    fetch?: typeof fetch;
  }): TestContext;
}

export async function rig(
  simOptions: CcsSimOptions = {},
  config: Partial<CcsConfig> = {},
): Promise<Rig> {
  const sim = await startCcsSimulator({ dialAnswerMs: 10, ...simOptions });
  const clock = manualClock();
  const adapter = new CcsAdapter(configFor(sim, config));
  return {
    sim,
    clock,
    adapter,
    context: (opts = {}) =>
      createTestContext({
        credentials: opts.credentials ?? { token: sim.extension.token },
        clock,
        WebSocket: NodeWebSocket,
        ...(opts.panelOpen ? { panelOpen: opts.panelOpen } : {}),
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
      }),
  };
}

/** Connects and resyncs, as the session does after sign-in. */
export async function connected(
  r: Rig,
  opts?: Parameters<Rig['context']>[0],
): Promise<TestContext> {
  const t = r.context(opts);
  await r.adapter.connect(t.ctx);
  await r.adapter.resync();
  await t.next('callsSnapshot');
  return t;
}

/**
 * Let the poll timer due within `ms` fire and wait until that poll is over: it makes real
 * requests, and the next poll is scheduled only when they are answered.
 */
export async function pollOnce(r: Rig, ms: number): Promise<void> {
  await r.clock.advance(ms);
  await vi.waitFor(() => expect(r.clock.pending()).toBeGreaterThan(0), { interval: 2 });
}

/** Every permission (api-pages §3) but these. */
export const without = (...gone: SimPermission[]): SimPermission[] =>
  CCS_PERMISSIONS.filter((p) => !gone.includes(p));
