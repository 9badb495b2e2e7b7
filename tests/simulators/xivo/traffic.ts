/**
 * Inbound calls: one on demand (`inboundCall`) or a steady stream for the demo, with callers
 * from several countries, queues and attached data. The stream is seeded, so every demo run
 * shows the same sequence.
 */
import type { SimCallImpl } from './calls';
import type { InboundCallOptions } from './types';
import type { XucWorld } from './world';

const CALLERS: readonly { from: string; name: string; lang: string }[] = [
  { from: '+33142685300', name: 'Camille Dubois', lang: 'fr' },
  { from: '+442079460958', name: 'Oliver Smith', lang: 'en' },
  { from: '+4930901820', name: 'Lena Müller', lang: 'de' },
  { from: '+34911234567', name: 'Lucía García', lang: 'es' },
  { from: '+31201234567', name: 'Daan de Vries', lang: 'nl' },
  { from: '+351213456789', name: 'João Silva', lang: 'pt' },
  { from: '+14155550123', name: 'Jane Black', lang: 'en' },
  { from: '+16135550188', name: 'Émile Tremblay', lang: 'fr' },
  { from: '+390612345678', name: 'Giulia Rossi', lang: 'it' },
  { from: '+61291234567', name: "Liam O'Connor", lang: 'en' },
];
const QUEUES = ['support', 'sales', 'billing'] as const;

/** mulberry32: small, seedable, good enough for a demo. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Traffic {
  private timer: ReturnType<typeof setInterval> | undefined;
  intervalMs = 12_000;
  private readonly random = prng(0x5eed);
  private customer = 1040;

  constructor(private readonly world: XucWorld) {}

  get running(): boolean {
    return this.timer !== undefined;
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
  start(intervalMs = this.intervalMs): void {
    this.stop();
    this.intervalMs = intervalMs;
    this.timer = setInterval(() => this.tick(), intervalMs);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const login = this.world.firstLogin();
    if (this.world.callsOf(login).length > 0) return;
    const caller = CALLERS[Math.floor(this.random() * CALLERS.length)] ?? CALLERS[0];
    const queue = QUEUES[Math.floor(this.random() * QUEUES.length)] ?? 'support';
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
