/**
 * Anywhere365 duplicate filter. The relay renews a subscription by creating the new one before
 * deleting the old (relay/subscription.ts), and a crashed relay may leave a subscription behind;
 * while two subscriptions for one ImAddress exist the broker may POST each event once per
 * subscription. Those copies are identical except for `SubscriptionId`, so an event is dropped when
 * an identical one from a *different* subscription arrived within the window. Repeats from the same
 * subscription are genuine (hold, retrieve, hold again) and always pass.
 */
export class Deduper {
  private readonly seen = new Map<string, { subscription: string; at: number }>();
  private readonly order: Array<{ key: string; at: number }> = [];

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 50_000,
  ) {}

  /** True when the event is a copy to drop. */
  isDuplicate(key: string, subscription: string, now: number): boolean {
    this.expire(now);
    const prior = this.seen.get(key);
    if (prior && prior.subscription !== subscription && now - prior.at <= this.windowMs)
      return true;
    this.seen.set(key, { subscription, at: now });
    this.order.push({ key, at: now });
    return false;
  }

  private expire(now: number): void {
    while (this.order.length > 0) {
      const head = this.order[0];
      if (!head || (now - head.at <= this.windowMs && this.order.length <= this.maxEntries)) break;
      this.order.shift();
      if (this.seen.get(head.key)?.at === head.at) this.seen.delete(head.key);
    }
  }
}
