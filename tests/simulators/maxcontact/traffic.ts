/**
 * Calls for the agent: one on demand (`inboundCall`) or a steady, seeded stream for the demo,
 * with UK-style campaigns and queues (MaxContact is a UK contact-centre platform, §3.1).
 */
import type { SimCallImpl } from './world';
import type { MaxContactWorld } from './world';
import type { InboundCallOptions } from './types';

const CALLERS: readonly { from: string; name: string; name2: string }[] = [
  { from: '+441632960123', name: 'Oliver Smith', name2: 'Smith & Sons Ltd' },
  { from: '+442079460958', name: 'Amelia Jones', name2: '' },
  { from: '+441134960000', name: 'Harry Taylor', name2: 'Taylor Haulage' },
  { from: '+353212345678', name: 'Aoife Murphy', name2: '' },
  { from: '+33142685300', name: 'Camille Dubois', name2: 'Dubois SARL' },
  { from: '+14155550123', name: 'Jane Black', name2: '' },
];
const CAMPAIGNS = [
  { campaign: 'Renewals', queue: 'Inbound Sales' },
  { campaign: 'Customer Care', queue: 'Support' },
  { campaign: 'Collections', queue: 'Billing' },
] as const;

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
  intervalMs = 15_000;
  private readonly random = prng(0x3a7c);

  constructor(private readonly world: MaxContactWorld) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** A call delivered to the agent (default the first user); it is live as soon as it is listed. */
  ring(o: InboundCallOptions = {}): SimCallImpl {
    const userId = o.userId ?? this.world.firstUserId();
    if (!this.world.users.some((u) => u.userId === userId)) {
      throw new Error(`The MaxContact simulator has no user ${userId}`);
    }
    return this.world.createCall({
      userId,
      direction: 'inbound',
      phoneNumber: o.from ?? '+441632960123',
      customerName: o.name ?? 'Oliver Smith',
      ...(o.name2 ? { customerName2: o.name2 } : {}),
      ...(o.campaign ? { campaign: o.campaign } : {}),
      ...(o.queue ? { queue: o.queue } : {}),
      state: 'offered',
    });
  }

  /** Every interval, when the first agent is free, a call arrives; the caller hangs up 10–25 s later. */
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
    const userId = this.world.firstUserId();
    if (this.world.live(userId).length > 0) return;
    const caller = CALLERS[Math.floor(this.random() * CALLERS.length)] ?? CALLERS[0];
    const route = CAMPAIGNS[Math.floor(this.random() * CAMPAIGNS.length)] ?? CAMPAIGNS[0];
    if (!caller) return;
    const call = this.ring({
      userId,
      from: caller.from,
      name: caller.name,
      name2: caller.name2,
      ...route,
    });
    this.world.later(() => call.answer(), 2000);
    this.world.later(() => call.hangup(), 10_000 + Math.floor(this.random() * 15_000));
  }
}
