/**
 * Inbound calls: one on demand (`inboundCall`) or a steady stream for the demo, with callers
 * from several countries, queues and attached data. The stream is seeded, so every demo run
 * shows the same sequence.
 */
import { createTraffic, pick, PEOPLE, prng, type Caller } from '../shared/traffic';
import type { SimCallImpl } from './calls';
import type { InboundCallOptions } from './types';
import type { XucWorld } from './world';

const { camille, oliver, lena, lucia, daan, joao, jane, emile, giulia, liam } = PEOPLE;
const CALLERS: readonly Caller[] = [
  camille,
  oliver,
  lena,
  lucia,
  daan,
  joao,
  jane,
  emile,
  giulia,
  liam,
];
const QUEUES = ['support', 'sales', 'billing'] as const;

export class Traffic {
  private readonly random = prng(0x5eed);
  private customer = 1040;
  private readonly loop = createTraffic({ intervalMs: 12_000, placeCall: () => this.tick() });

  constructor(private readonly world: XucWorld) {}

  get running(): boolean {
    return this.loop.running;
  }

  /** The pace of the last start, which a restart resumes. */
  get intervalMs(): number {
    return this.loop.intervalMs;
  }

  /** Rings `login` (default the first user) with an Incoming queue call (EventRinging). */
  ring(o: InboundCallOptions = {}): SimCallImpl {
    const login = o.login ?? this.world.firstLogin();
    if (!this.world.user(login)) throw new Error(`The XiVO simulator has no user "${login}"`);
    const queue = o.queue ?? 'support';
    return this.world.createCall({
      login,
      direction: 'Incoming',
      otherDN: o.from ?? '+14155550123',
      otherDName: o.name ?? 'Jane Black',
      ...(queue ? { queueName: queue } : {}),
      userData: o.userData ?? {},
      state: 'ringing',
    });
  }

  /**
   * Every interval, when the first user's line is free, a caller rings; if nobody answers through
   * the CTI within 6 s the agent "picks up the desk phone"; the caller hangs up 8–20 s later.
   */
  start(intervalMs?: number): void {
    this.loop.start(intervalMs);
  }

  stop(): void {
    this.loop.stop();
  }

  private tick(): void {
    const login = this.world.firstLogin();
    if (this.world.callsOf(login).length > 0) return;
    const caller = pick(this.random, CALLERS) ?? CALLERS[0];
    const queue = pick(this.random, QUEUES) ?? 'support';
    if (!caller) return;
    this.customer += 1 + Math.floor(this.random() * 9);
    const call = this.ring({
      login,
      from: caller.from,
      name: caller.name,
      queue,
      userData: { USR_customerId: `C-${this.customer}`, USR_language: caller.lang },
    });
    const talkMs = 8000 + Math.floor(this.random() * 12_000);
    this.world.later(() => call.answer(), 6000);
    this.world.later(() => call.hangup(), 6000 + talkMs);
  }
}
