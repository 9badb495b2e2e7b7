/**
 * Inbound calls: one on demand (`inboundCall`) or a steady, seeded stream for the demo (the same
 * sequence every run), with callers from several countries and queues.
 */
import { createTraffic, pick, PEOPLE, prng, type Caller } from '../shared/traffic';
import type { SimCallImpl } from './calls';
import type { InboundCallOptions } from './types';
import type { CcsWorld } from './world';

const { camille, oliver, lena, lucia, emile, jane } = PEOPLE;
/** CCS's Jane Black rings from the same number as an on-demand `inboundCall` without `from`. */
const CALLERS: readonly Caller[] = [
  { ...jane, from: '+19735552109' },
  camille,
  oliver,
  lena,
  lucia,
  emile,
];
const QUEUES = ['Q3878', 'Q386'] as const;

export class Traffic {
  private readonly random = prng(0xcc5);
  private readonly loop = createTraffic({ intervalMs: 12_000, placeCall: () => this.tick() });

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
    // Unlike XiVO and MaxContact, a start without an interval goes back to the 12 s default.
    this.loop.start(intervalMs);
  }

  stop(): void {
    this.loop.stop();
  }

  private tick(): void {
    const first = this.world.first();
    if (this.world.liveCalls().some((c) => c.extensionUuid === first.uuid)) return;
    const caller = pick(this.random, CALLERS) ?? CALLERS[0];
    const queue = pick(this.random, QUEUES) ?? 'Q3878';
    if (!caller) return;
    const call = this.ring({ from: caller.from, name: caller.name, queue });
    const talkMs = 8000 + Math.floor(this.random() * 12_000);
    this.world.later(() => call.answer(), 6000);
    this.world.later(() => call.hangup(), 6000 + talkMs);
  }
}
