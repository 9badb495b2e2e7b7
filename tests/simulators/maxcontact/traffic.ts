/**
 * Calls for the agent: one on demand (`inboundCall`) or a steady, seeded stream for the demo,
 * with UK-style campaigns and queues (MaxContact is a UK contact-centre platform, §3.1).
 */
import { createTraffic, pick, PEOPLE, prng } from '../shared/traffic';
import type { SimCallImpl } from './call';
import type { MaxContactWorld } from './world';
import type { InboundCallOptions } from './types';

const { oliver, camille, jane } = PEOPLE;
/** UK-heavy, with the company names (`name2`) MaxContact shows as CustomerName2. */
const CALLERS: readonly { from: string; name: string; name2: string }[] = [
  { ...oliver, from: '+441632960123', name2: 'Smith & Sons Ltd' },
  { from: '+442079460958', name: 'Amelia Jones', name2: '' },
  { from: '+441134960000', name: 'Harry Taylor', name2: 'Taylor Haulage' },
  { from: '+353212345678', name: 'Aoife Murphy', name2: '' },
  { ...camille, name2: 'Dubois SARL' },
  { ...jane, name2: '' },
];
const CAMPAIGNS = [
  { campaign: 'Renewals', queue: 'Inbound Sales' },
  { campaign: 'Customer Care', queue: 'Support' },
  { campaign: 'Collections', queue: 'Billing' },
] as const;

export class Traffic {
  private readonly random = prng(0x3a7c);
  private readonly loop = createTraffic({ intervalMs: 15_000, placeCall: () => this.tick() });

  constructor(private readonly world: MaxContactWorld) {}

  get running(): boolean {
    return this.loop.running;
  }

  /** The pace of the last start, which a platform restart resumes. */
  get intervalMs(): number {
    return this.loop.intervalMs;
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
      ...(o.leadId !== undefined ? { leadId: o.leadId } : {}),
      state: 'offered',
    });
  }

  /** Every interval, when the first agent is free, a call arrives; the caller hangs up 10–25 s later. */
  start(intervalMs?: number): void {
    this.loop.start(intervalMs);
  }

  stop(): void {
    this.loop.stop();
  }

  private tick(): void {
    const userId = this.world.firstUserId();
    if (this.world.live(userId).length > 0) return;
    const caller = pick(this.random, CALLERS) ?? CALLERS[0];
    const route = pick(this.random, CAMPAIGNS) ?? CAMPAIGNS[0];
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
