/**
 * Inbound calls: one on demand (`inboundCall`) or a steady, seeded stream for the demo (the same
 * sequence every run), with callers from several countries and queues.
 */
import type { SimCallImpl } from './calls';
import type { InboundCallOptions } from './types';
import type { CcsWorld } from './world';

const CALLERS: readonly { from: string; name: string }[] = [
  { from: '+19735552109', name: 'Jane Black' },
  { from: '+33142685300', name: 'Camille Dubois' },
  { from: '+442079460958', name: 'Oliver Smith' },
  { from: '+4930901820', name: 'Lena Müller' },
  { from: '+34911234567', name: 'Lucía García' },
  { from: '+16135550188', name: 'Émile Tremblay' },
];
const QUEUES = ['Q3878', 'Q386'] as const;

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
  private readonly random = prng(0xcc5);

  constructor(private readonly world: CcsWorld) {}

  /** Rings an extension (default the first) with an inbound queue call. */
  ring(o: InboundCallOptions = {}): SimCallImpl {
    const number = o.extension ?? this.world.first().extension;
    const ext = this.world.byNumber(number);
    if (!ext) throw new Error(`The CCS simulator has no extension "${number}"`);
    const queue = o.queue ?? 'support';
    return this.world.createCall({
      direction: 'inbound',
      extension: ext.extension,
      extensionUuid: ext.uuid,
      callingNumber: o.from ?? '+19735552109',
      callingName: o.name ?? 'Jane Black',
      calledNumber: ext.extension,
      ...(queue ? { queueName: queue } : {}),
    });
  }

  /**
   * Every interval, when the first extension is free, a caller rings; the agent picks up on the
   * phone after 6 s (CCS cannot answer remotely) and the caller hangs up 8–20 s later.
   */
  start(intervalMs = 12_000): void {
    this.stop();
    this.timer = setInterval(() => this.tick(), intervalMs);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const first = this.world.first();
    if (this.world.liveCalls().some((c) => c.extensionUuid === first.uuid)) return;
    const caller = CALLERS[Math.floor(this.random() * CALLERS.length)] ?? CALLERS[0];
    const queue = QUEUES[Math.floor(this.random() * QUEUES.length)] ?? 'Q3878';
    if (!caller) return;
    const call = this.ring({ from: caller.from, name: caller.name, queue });
    const talkMs = 8000 + Math.floor(this.random() * 12_000);
    this.world.later(() => call.answer(), 6000);
    this.world.later(() => call.hangup(), 6000 + talkMs);
  }
}
